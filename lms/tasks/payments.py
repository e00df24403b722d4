"""Tasks for card payments: Stripe events, reconciliation, receipts."""

from lms.models import Payment
from lms.payments import webhooks
from lms.services import emails, payments


def stripe_event_process(event_pk: int) -> str:
    return webhooks.stripe_event_process(event_pk=event_pk)


def payments_reconcile() -> int:
    """Events a failed task left unprocessed first, then open payments re-read from Stripe."""
    webhooks.stripe_events_unprocessed_retry()
    return payments.payments_reconcile()


def email_payment_receipt(payment_id: int) -> None:
    payment = Payment.objects.select_related(
        "registration__session__training", "registration__person", "group__coordinator"
    ).get(pk=payment_id)
    emails.email_payment_receipt(payment=payment)


def email_staff_payment_attention(payment_id: int) -> None:
    payment = Payment.objects.select_related(
        "registration__session__training", "registration__person"
    ).get(pk=payment_id)
    emails.email_staff_payment_attention(payment=payment)
