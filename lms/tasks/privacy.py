"""Tasks for people's data: the daily retention run, the email that confirms an erasure
request, and Stripe's copy of an erased person's customer."""

from django.conf import settings
from django.urls import reverse

from lms.models import ErasureRequest
from lms.services import emails, privacy


def retention_run() -> dict:
    """Scheduled daily (migration lms 0026); returns what it purged, by kind."""
    return privacy.retention_run().purged


def email_erasure_link(request_id: int) -> None:
    request = ErasureRequest.objects.select_related("person").get(pk=request_id)
    if request.status != ErasureRequest.Status.AWAITING_CONFIRMATION:
        return  # withdrawn or carried out before the email went
    token = privacy.erasure_link_token(request=request)
    emails.email_erasure_link(
        request=request,
        confirm_url=settings.SITE_URL + reverse("lms:privacy_erase_confirm", args=[token]),
    )


def stripe_customers_redact(request_id: int) -> int:
    return privacy.stripe_customers_redact(request_id=request_id)
