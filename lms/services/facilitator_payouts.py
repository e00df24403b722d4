"""Paying approved statements (Stripe Connect transfer, or a recorded check/ACH payment) and
keeping facilitators' connected accounts in step with Stripe.

Never pay twice: the statement row is locked (select_for_update) for the whole attempt, so a
second click waits for the first and then finds the statement paid; a unique constraint on
successful payouts backs this up in the database. The Stripe call happens inside the lock
with an idempotency key derived from the attempt number: if we crash after Stripe moved the
money but before we committed, the retry sends the same key and Stripe returns the same
transfer instead of making a second one.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.models import (
    ConnectStatus,
    FacilitatorPayProfile,
    Payout,
    PayoutMethod,
    PayStatement,
)
from lms.payments import stripe_connect
from lms.services.audit import audit_log
from lms.services.compensation import PayStatementError, pay_statement_transition
from lms.tasks_compensation import pay_statement_pdf_enqueue

Status = PayStatement.Status


@dataclass(frozen=True)
class PayoutResult:
    payout: Payout
    created: bool  # False when the statement had already been paid (nothing was done)

    @property
    def succeeded(self) -> bool:
        return self.payout.status == Payout.Status.SUCCEEDED


def _profile(statement: PayStatement) -> FacilitatorPayProfile:
    profile = FacilitatorPayProfile.objects.filter(facilitator_id=statement.facilitator_id).first()
    if profile is None:
        raise PayStatementError(
            f"{statement.facilitator.name} has no pay profile yet. Add one with their legal name "
            "and W-9 before paying."
        )
    if not profile.w9_on_file:
        raise PayStatementError(
            f"No W-9 is on file for {profile.legal_name}. Record the date the W-9 was received "
            "in their pay profile before paying."
        )
    return profile


def _lock_payable(statement: PayStatement) -> tuple[PayStatement, Payout | None]:
    statement = PayStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == Status.PAID:
        return statement, statement.payouts.get(status=Payout.Status.SUCCEEDED)
    if statement.status != Status.APPROVED:
        raise PayStatementError("Approve the statement before paying it.")
    return statement, None


def _mark_paid(*, statement: PayStatement, payout: Payout, by) -> None:
    pay_statement_transition(statement, Status.PAID)
    statement.paid_on = payout.paid_on
    statement.payout_error = ""
    statement.save(update_fields=["status", "paid_on", "payout_error"])
    audit_log(
        instance=statement,
        action="lms.pay_statement.pay",
        user=by,
        data={
            "method": payout.method,
            "amount_cents": payout.amount_cents,
            "reference": payout.reference,
            "transfer": payout.stripe_transfer_id,
            "paid_on": payout.paid_on.isoformat(),
        },
    )
    pay_statement_pdf_enqueue(statement_id=statement.pk)


def pay_statement_record_payment(
    *, statement: PayStatement, method: str, reference: str, paid_on: dt.date, by
) -> PayoutResult:
    """Record a statement as paid by check or ACH (the money moved outside this system)."""
    if method not in (PayoutMethod.CHECK, PayoutMethod.ACH):
        raise PayStatementError("Record a payment by check or ACH.")
    reference = reference.strip()
    if not reference:
        raise PayStatementError("Give the check number or the ACH trace number.")
    if paid_on is None or paid_on > timezone.localdate():
        raise PayStatementError("Give the date the payment was made (not in the future).")
    with transaction.atomic():
        statement, existing = _lock_payable(statement)
        if existing:
            return PayoutResult(payout=existing, created=False)
        _profile(statement)
        payout = Payout.objects.create(
            statement=statement,
            method=method,
            status=Payout.Status.SUCCEEDED,
            amount_cents=statement.total_cents,
            paid_on=paid_on,
            reference=reference,
            created_by=by,
        )
        _mark_paid(statement=statement, payout=payout, by=by)
    return PayoutResult(payout=payout, created=True)


def pay_statement_pay_by_connect(*, statement: PayStatement, by) -> PayoutResult:
    """Transfer the statement total to the facilitator's connected account.

    A transfer Stripe refuses leaves the statement approved and unpaid with the error kept on
    it (and a failed Payout for the record); Finance can try again or pay by check.
    """
    if not settings.STRIPE_CONNECT_ENABLED:
        raise PayStatementError(
            "Direct deposit through Stripe Connect is switched off (STRIPE_CONNECT_ENABLED). "
            "Record a check or ACH payment instead."
        )
    with transaction.atomic():
        statement, existing = _lock_payable(statement)
        if existing:
            return PayoutResult(payout=existing, created=False)
        profile = _profile(statement)
        if not profile.connect_account_id:
            raise PayStatementError(
                f"{profile.legal_name} has not set up direct deposit yet. Pay by check or ACH, "
                "or ask them to set it up in the facilitator portal."
            )
        if profile.connect_status != ConnectStatus.ENABLED:
            raise PayStatementError(
                f"Stripe cannot pay {profile.legal_name} yet: their direct deposit status is "
                f"“{profile.get_connect_status_display()}”."
            )
        attempt = statement.payouts.count() + 1
        key = f"coalition-pay-statement-{statement.pk}-attempt-{attempt}"
        try:
            transfer = stripe_connect.transfer_create(
                account_id=profile.connect_account_id,
                amount_cents=statement.total_cents,
                description=f"Pay statement {statement.display_number}",
                metadata={"pay_statement": statement.pk, "number": statement.display_number},
                transfer_group=f"pay-statement-{statement.pk}",
                idempotency_key=key,
            )
        except stripe_connect.ConnectError as exc:
            payout = Payout.objects.create(
                statement=statement,
                method=PayoutMethod.STRIPE_CONNECT,
                status=Payout.Status.FAILED,
                amount_cents=statement.total_cents,
                idempotency_key=key,
                error_message=exc.message,
                created_by=by,
            )
            statement.payout_error = exc.message
            statement.save(update_fields=["payout_error"])
            audit_log(
                instance=statement,
                action="lms.pay_statement.payout_failed",
                user=by,
                data={"error": exc.message, "code": exc.code, "idempotency_key": key},
            )
            return PayoutResult(payout=payout, created=True)
        payout = Payout.objects.create(
            statement=statement,
            method=PayoutMethod.STRIPE_CONNECT,
            status=Payout.Status.SUCCEEDED,
            amount_cents=transfer.amount_cents,
            paid_on=timezone.localdate(),
            stripe_transfer_id=transfer.id,
            idempotency_key=key,
            created_by=by,
        )
        _mark_paid(statement=statement, payout=payout, by=by)
    return PayoutResult(payout=payout, created=True)


def _connect_status(state: stripe_connect.AccountState) -> str:
    if state.payouts_enabled and state.transfers_active:
        return ConnectStatus.ENABLED
    if state.details_submitted and (state.disabled_reason or state.currently_due):
        return ConnectStatus.RESTRICTED
    return ConnectStatus.ONBOARDING


def connect_onboarding_link(
    *, profile: FacilitatorPayProfile, refresh_url: str, return_url: str, by
) -> str:
    """The Stripe onboarding URL for a facilitator; creates their connected account first."""
    if not settings.STRIPE_CONNECT_ENABLED:
        raise PayStatementError(
            "Direct deposit is not available yet; the coalition pays by check or ACH."
        )
    with transaction.atomic():
        profile = FacilitatorPayProfile.objects.select_for_update().get(pk=profile.pk)
        if not profile.connect_account_id:
            try:
                state = stripe_connect.account_create(
                    email=profile.email or profile.facilitator.email,
                    facilitator_id=profile.facilitator_id,
                    idempotency_key=f"coalition-facilitator-{profile.facilitator_id}-account",
                )
            except stripe_connect.ConnectError as exc:
                raise PayStatementError(exc.message) from exc
            profile.connect_account_id = state.id
            profile.connect_status = _connect_status(state)
            profile.connect_status_updated_at = timezone.now()
            profile.payout_method = PayoutMethod.STRIPE_CONNECT
            profile.save()
            audit_log(
                instance=profile,
                action="lms.pay_profile.connect_start",
                user=by,
                data={"account": state.id},
            )
    try:
        return stripe_connect.account_link_create(
            account_id=profile.connect_account_id, refresh_url=refresh_url, return_url=return_url
        )
    except stripe_connect.ConnectError as exc:
        raise PayStatementError(exc.message) from exc


def connect_account_sync(*, account_id: str) -> FacilitatorPayProfile | None:
    """Re-read a connected account from Stripe and keep the profile's payout status."""
    profile = FacilitatorPayProfile.objects.filter(connect_account_id=account_id).first()
    if profile is None:
        return None
    state = stripe_connect.account_retrieve(account_id=account_id)
    status = _connect_status(state)
    with transaction.atomic():
        profile = FacilitatorPayProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.connect_status != status:
            audit_log(
                instance=profile,
                action="lms.pay_profile.connect_status",
                user=None,
                data={"from": profile.connect_status, "to": status, "account": account_id},
            )
            profile.connect_status = status
        profile.connect_status_updated_at = timezone.now()
        profile.save(update_fields=["connect_status", "connect_status_updated_at"])
    return profile
