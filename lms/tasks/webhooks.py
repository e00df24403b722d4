"""django-q2 tasks for outbound webhooks (lms/services/webhooks.py).

Scheduled (row created by migration lms 0033_webhooks): webhook_retries_due every minute."""

from lms.services import webhooks


def webhook_deliver(delivery_id: int):
    return webhooks.webhook_deliver(delivery_id=delivery_id).status


def webhook_retries_due() -> int:
    return webhooks.webhook_retries_due()
