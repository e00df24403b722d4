"""Refunds: recorded in our database first, then sent to Stripe by a task with an idempotency key.

refund_create reserves the amount on the payment (refunded_cents) so two refunds can never
together exceed what was paid; refund_send claims the refund (one worker only), calls Stripe
outside any transaction, then records the answer. A failure releases the reservation and
flags the payment for Finance.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import Payment, Refund
from lms.payments import stripe_gateway
from lms.rules.money import dollars
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.services.scholarship_ledger import registration_supporter_credit_reverse


class RefundError(DomainError):
    """A refund that cannot be made; `message` is for Finance."""


def refund_create(
    *,
    payment: Payment,
    amount_cents: int,
    reason: str,
    note: str = "",
    by=None,
    locked: bool = False,
) -> Refund:
    """Record a refund of `amount_cents` and queue it for Stripe. Finance staff or the system."""
    with transaction.atomic():
        if not locked:
            payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status not in Payment.PAID:
            raise RefundError(gettext("Only a payment that went through can be refunded."))
        if amount_cents <= 0:
            raise RefundError(gettext("Enter an amount greater than $0.00."))
        if amount_cents > payment.refundable_cents:
            raise RefundError(
                f"At most {dollars(payment.refundable_cents)} is left to refund on this payment."
            )
        if reason not in Refund.Reason.values:
            raise RefundError(gettext("Choose a reason for the refund."))
        refund = Refund.objects.create(
            payment=payment,
            amount_cents=amount_cents,
            reason=reason,
            note=note[:500],
            requested_by=by,
        )
        payment.refunded_cents += amount_cents
        payment.save(update_fields=["refunded_cents", "updated_at"])
        audit_log(
            instance=payment,
            action="lms.payment.refund",
            user=by,
            data={
                "refund": refund.pk,
                "amount_cents": amount_cents,
                "reason": reason,
                "note": note,
            },
        )
        enqueue_on_commit("lms.tasks.refunds.refund_send", refund.pk)
    return refund


def refund_send(*, refund_id: int) -> Refund:
    """Send a pending refund to Stripe once; safe to run twice (the second run does nothing)."""
    claimed = Refund.objects.filter(
        pk=refund_id, status=Refund.Status.PENDING, sent_at__isnull=True
    ).update(sent_at=timezone.now())
    refund = Refund.objects.select_related("payment").get(pk=refund_id)
    if not claimed:
        return refund
    try:
        state = stripe_gateway.refund_create(
            intent_id=refund.payment.stripe_payment_intent_id,
            amount_cents=refund.amount_cents,
            metadata={
                "refund": refund.pk,
                "payment": refund.payment_id,
                "registration": refund.payment.registration_id,
            },
            idempotency_key=refund.idempotency_key,
        )
    except stripe_gateway.GatewayError as exc:
        return _refund_fail(refund_id=refund_id, message=exc.message)
    if state.status in ("failed", "canceled"):
        return _refund_fail(
            refund_id=refund_id, message=f"Stripe reports the refund {state.status}."
        )
    return _refund_succeed(refund_id=refund_id, stripe_refund_id=state.id)


def _refund_succeed(*, refund_id: int, stripe_refund_id: str) -> Refund:
    with transaction.atomic():
        payment_id = Refund.objects.values_list("payment_id", flat=True).get(pk=refund_id)
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status != Refund.Status.PENDING:
            return refund
        refund.transition_to(Refund.Status.SUCCEEDED)
        refund.stripe_refund_id = stripe_refund_id
        refund.completed_at = timezone.now()
        refund.save(update_fields=["status", "stripe_refund_id", "completed_at"])
        returned = sum(
            payment.refunds.filter(status=Refund.Status.SUCCEEDED).values_list(
                "amount_cents", flat=True
            )
        )
        new_status = (
            Payment.Status.REFUNDED
            if returned >= payment.amount_cents
            else Payment.Status.PARTIALLY_REFUNDED
        )
        if new_status != payment.status:
            payment.transition_to(new_status)
            payment.save(update_fields=["status", "updated_at"])
        if payment.registration_id:
            # A supporter's pay-it-forward goes back out of the fund with the money.
            registration_supporter_credit_reverse(registration_id=payment.registration_id)
        audit_log(
            instance=payment,
            action="lms.refund.succeed",
            data={
                "refund": refund.pk,
                "amount_cents": refund.amount_cents,
                "stripe": stripe_refund_id,
            },
        )
        enqueue_on_commit("lms.tasks.refunds.email_refund_sent", refund.pk)
    return refund


def _refund_fail(*, refund_id: int, message: str) -> Refund:
    with transaction.atomic():
        payment_id = Refund.objects.values_list("payment_id", flat=True).get(pk=refund_id)
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.status != Refund.Status.PENDING:
            return refund
        refund.transition_to(Refund.Status.FAILED)
        refund.failure_message = message[:500]
        refund.completed_at = timezone.now()
        refund.save(update_fields=["status", "failure_message", "completed_at"])
        payment.refunded_cents -= refund.amount_cents
        payment.needs_attention = True
        payment.attention_note = f"Refund {refund.pk} failed: {message}"[:500]
        payment.save(
            update_fields=["refunded_cents", "needs_attention", "attention_note", "updated_at"]
        )
        audit_log(
            instance=payment,
            action="lms.refund.fail",
            data={"refund": refund.pk, "amount_cents": refund.amount_cents, "message": message},
        )
        enqueue_on_commit("lms.tasks.payments.email_staff_payment_attention", payment.pk)
    return refund
