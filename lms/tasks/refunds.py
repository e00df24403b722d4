"""Tasks for refunds: sending to Stripe and telling the participant."""

from lms.models import Refund
from lms.services import emails, refunds


def refund_send(refund_id: int) -> str:
    return refunds.refund_send(refund_id=refund_id).status


def email_refund_sent(refund_id: int) -> None:
    refund = Refund.objects.select_related(
        "payment__registration__session__training", "payment__registration__person"
    ).get(pk=refund_id)
    emails.email_refund_sent(refund=refund)
