"""The one adapter to Stripe: the only module in the project that imports `stripe`.

Everything else speaks in our own terms (IntentState, GatewayError). The same code talks to
localstripe (the default, no keys needed) and to real Stripe: settings.STRIPE_API_BASE and the
keys decide which. localstripe rejects `description`, `receipt_email` and
`automatic_payment_methods` on PaymentIntents, so none of them is sent; it ignores idempotency
keys, so callers keep one PaymentIntent per payment attempt in the database and reuse it.
"""

import json
import time
from dataclasses import dataclass

import stripe
from django.conf import settings

# A signed event older than this is refused (replay protection); Stripe's own default.
WEBHOOK_TOLERANCE_SECONDS = 300


class GatewayError(Exception):
    """Stripe refused or could not be reached; `message` is safe to show a person."""

    def __init__(self, message: str, *, declined: bool = False):
        super().__init__(message)
        self.message = message
        self.declined = declined


class SignatureInvalid(Exception):
    """A webhook whose Stripe-Signature does not match our secret (or is missing)."""


@dataclass(frozen=True)
class IntentState:
    """What Stripe says about a PaymentIntent, in plain values."""

    id: str
    status: str  # requires_payment_method, requires_confirmation, requires_action, processing,
    # requires_capture, succeeded, canceled
    amount_cents: int
    currency: str
    client_secret: str
    metadata: dict
    payment_method_id: str = ""
    card_last4: str = ""
    error_message: str = ""


@dataclass(frozen=True)
class RefundState:
    id: str
    status: str  # pending, succeeded, failed, canceled
    amount_cents: int


@dataclass(frozen=True)
class VerifiedEvent:
    id: str
    type: str
    object_id: str
    payload: dict


def _client() -> stripe.StripeClient:
    # Built per call so tests and the demo can point settings at another server.
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
    )


def _message(exc: stripe.StripeError) -> str:
    return exc.user_message or "The payment service did not accept the request."


def _intent_state(intent) -> IntentState:
    intent = intent.to_dict()  # plain, recursively: the library's objects are not dicts
    error = intent.get("last_payment_error") or {}
    charge = intent.get("latest_charge")
    last4 = ""
    if charge is not None and not isinstance(charge, str):  # expanded (always on localstripe)
        details = charge.get("payment_method_details") or {}
        last4 = (details.get("card") or {}).get("last4", "")
    method = intent.get("payment_method") or ""
    if not isinstance(method, str):
        last4 = last4 or (method.get("card") or {}).get("last4", "")
        method = method.get("id", "")
    return IntentState(
        id=intent["id"],
        status=intent["status"],
        amount_cents=int(intent["amount"]),
        currency=intent["currency"],
        client_secret=intent.get("client_secret") or "",
        metadata=dict(intent.get("metadata") or {}),
        payment_method_id=method,
        card_last4=last4,
        error_message=error.get("message", "") if error else "",
    )


def customer_create(*, email: str, name: str, person_id: int) -> str:
    try:
        customer = _client().v1.customers.create(
            params={"email": email, "name": name, "metadata": {"person": str(person_id)}},
            options={"idempotency_key": f"coalition-customer-{person_id}"},
        )
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return customer.id


def customer_redact(*, customer_id: str, email: str, name: str) -> None:
    """Replace the name and email Stripe holds for a customer with an erased person's
    pseudonym. Stripe keeps the payments themselves, as card networks require; a customer
    Stripe no longer has needs nothing."""
    try:
        _client().v1.customers.update(customer_id, params={"email": email, "name": name})
    except stripe.InvalidRequestError as exc:
        if getattr(exc, "code", "") == "resource_missing" or exc.http_status == 404:
            return
        raise GatewayError(_message(exc)) from exc
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc


def setup_intent_create(*, customer_id: str, metadata: dict) -> str:
    """A SetupIntent for the card element; returns its client secret for the browser.

    `metadata` names what it is for: {"registration": id} or {"group": id}."""
    try:
        intent = _client().v1.setup_intents.create(
            params={
                "customer": customer_id,
                "usage": "on_session",
                "payment_method_types": ["card"],
                "metadata": {key: str(value) for key, value in metadata.items()},
            }
        )
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return intent.client_secret


def payment_intent_create(
    *,
    amount_cents: int,
    currency: str,
    customer_id: str,
    payment_method_id: str,
    metadata: dict,
    idempotency_key: str,
) -> IntentState:
    """Create (not confirm) a card PaymentIntent for one payment attempt."""
    try:
        intent = _client().v1.payment_intents.create(
            params={
                "amount": amount_cents,
                "currency": currency,
                "customer": customer_id,
                "payment_method": payment_method_id,
                "payment_method_types": ["card"],
                "metadata": {key: str(value) for key, value in metadata.items()},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return _intent_state(intent)


def payment_intent_confirm(*, intent_id: str) -> IntentState:
    """Confirm on the server. A declined card raises GatewayError(declined=True)."""
    try:
        intent = _client().v1.payment_intents.confirm(
            intent_id, params={"expand": ["payment_method"]}
        )
    except stripe.CardError as exc:
        raise GatewayError(_message(exc), declined=True) from exc
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return _intent_state(intent)


def payment_intent_retrieve(*, intent_id: str) -> IntentState:
    try:
        intent = _client().v1.payment_intents.retrieve(
            intent_id, params={"expand": ["payment_method"]}
        )
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return _intent_state(intent)


def payment_intent_cancel(*, intent_id: str) -> IntentState:
    try:
        intent = _client().v1.payment_intents.cancel(intent_id)
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return _intent_state(intent)


def payment_intent_cancel_if_possible(intent_id: str) -> bool:
    """Cancel an intent we gave up on; an intent that cannot be cancelled is left to the
    webhook and reconciliation (if Stripe completed it, the money is refunded)."""
    try:
        payment_intent_cancel(intent_id=intent_id)
    except GatewayError:
        return False
    return True


def refund_create(
    *, intent_id: str, amount_cents: int, metadata: dict, idempotency_key: str
) -> RefundState:
    try:
        refund = _client().v1.refunds.create(
            params={
                "payment_intent": intent_id,
                "amount": amount_cents,
                "metadata": {key: str(value) for key, value in metadata.items()},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise GatewayError(_message(exc)) from exc
    return RefundState(id=refund.id, status=refund.status, amount_cents=int(refund.amount))


def _signed_in_the_future(signature: str) -> bool:
    for part in signature.split(","):
        key, _, value = part.partition("=")
        if key.strip() == "t":
            try:
                return int(value) > time.time() + WEBHOOK_TOLERANCE_SECONDS
            except ValueError:
                return False
    return False


def event_verify(*, payload: bytes, signature: str | None) -> VerifiedEvent:
    """Check the Stripe-Signature header against STRIPE_WEBHOOK_SECRET (or, for Stripe Connect
    events, STRIPE_CONNECT_WEBHOOK_SECRET) and parse the event."""
    if not signature:
        raise SignatureInvalid("no Stripe-Signature header")
    if _signed_in_the_future(signature):
        # Stripe's library only refuses old timestamps; one far ahead would stay replayable.
        raise SignatureInvalid("the signature's timestamp is in the future")
    # Connect events (facilitator payouts) come from a Connect endpoint with its own secret.
    secrets = [settings.STRIPE_WEBHOOK_SECRET]
    if settings.STRIPE_CONNECT_WEBHOOK_SECRET:
        secrets.append(settings.STRIPE_CONNECT_WEBHOOK_SECRET)
    for secret in secrets:
        try:
            stripe.WebhookSignature.verify_header(
                payload.decode("utf-8"), signature, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
            )
            break
        except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
            failure = exc
    else:
        raise SignatureInvalid(str(failure)) from failure
    try:
        event = json.loads(payload)
        data_object = event["data"]["object"]
        return VerifiedEvent(
            id=event["id"],
            type=event["type"],
            object_id=data_object.get("id", ""),
            payload=event,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SignatureInvalid(f"signed but not a Stripe event: {exc}") from exc
