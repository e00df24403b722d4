"""The adapter to Stripe Connect, for paying facilitators: connected accounts, onboarding
links and transfers. With lms.payments.stripe_gateway (participant payments) these are the two
modules that import `stripe`; the rest of the code speaks in our own terms (AccountState,
TransferResult, ConnectError).

localstripe has no Connect, so this talks to settings.STRIPE_CONNECT_API_BASE: real Stripe in
production, and in tests a tiny local server that replays recorded Stripe responses
(tests/fixtures/stripe_connect.py). Every create call carries an idempotency key.
"""

from dataclasses import dataclass

import stripe
from django.conf import settings


class ConnectError(Exception):
    """Stripe refused or could not be reached; `message` is safe to show to Finance."""

    def __init__(self, message: str, *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class AccountState:
    id: str
    details_submitted: bool
    payouts_enabled: bool
    transfers_active: bool
    disabled_reason: str
    currently_due: tuple[str, ...]


@dataclass(frozen=True)
class TransferResult:
    id: str
    amount_cents: int
    destination: str


def _client() -> stripe.StripeClient:
    # Built per call so tests can point settings at the recorded-response server.
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_CONNECT_API_BASE},
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
    )


def _error(exc: stripe.StripeError) -> ConnectError:
    error = getattr(exc, "error", None)
    message = (getattr(error, "message", None) if error else None) or exc.user_message
    return ConnectError(
        message or "Stripe did not accept the request.", code=getattr(exc, "code", "") or ""
    )


def _account_state(account) -> AccountState:
    account = account.to_dict()
    requirements = account.get("requirements") or {}
    capabilities = account.get("capabilities") or {}
    return AccountState(
        id=account["id"],
        details_submitted=bool(account.get("details_submitted")),
        payouts_enabled=bool(account.get("payouts_enabled")),
        transfers_active=capabilities.get("transfers") == "active",
        disabled_reason=requirements.get("disabled_reason") or "",
        currently_due=tuple(requirements.get("currently_due") or ()),
    )


def account_create(*, email: str, facilitator_id: int, idempotency_key: str) -> AccountState:
    """An Express connected account for one facilitator, able to receive transfers."""
    params = {
        "type": "express",
        "country": settings.STRIPE_CONNECT_COUNTRY,
        "business_type": "individual",
        "capabilities": {"transfers": {"requested": True}},
        "metadata": {"facilitator": str(facilitator_id)},
    }
    if email:
        params["email"] = email
    try:
        account = _client().v1.accounts.create(
            params=params, options={"idempotency_key": idempotency_key}
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return _account_state(account)


def account_retrieve(*, account_id: str) -> AccountState:
    try:
        account = _client().v1.accounts.retrieve(account_id)
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return _account_state(account)


def account_link_create(*, account_id: str, refresh_url: str, return_url: str) -> str:
    """A one-time onboarding URL on Stripe (it expires after a few minutes)."""
    try:
        link = _client().v1.account_links.create(
            params={
                "account": account_id,
                "refresh_url": refresh_url,
                "return_url": return_url,
                "type": "account_onboarding",
            }
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return link.url


def transfer_create(
    *,
    account_id: str,
    amount_cents: int,
    description: str,
    metadata: dict,
    transfer_group: str,
    idempotency_key: str,
) -> TransferResult:
    try:
        transfer = _client().v1.transfers.create(
            params={
                "amount": amount_cents,
                "currency": "usd",
                "destination": account_id,
                "description": description,
                "transfer_group": transfer_group,
                "metadata": {key: str(value) for key, value in metadata.items()},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    transfer = transfer.to_dict()
    destination = transfer.get("destination")
    if not isinstance(destination, str):
        destination = destination["id"]
    return TransferResult(
        id=transfer["id"], amount_cents=int(transfer["amount"]), destination=destination
    )
