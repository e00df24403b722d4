"""Tasks for technical assistance: emails on each change."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from lms.models import TechnicalAssistanceRequest


def _send(*, to: str, subject: str, template: str, context: dict):
    context = {**context, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string(f"email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"email/{template}.html", context), "text/html")
    message.send()


def ta_request_email(request_id: int, event: str, status: str | None = None, note: str = ""):
    request = TechnicalAssistanceRequest.objects.select_related("owner", "training").get(
        pk=request_id
    )
    request.status, request.staff_note = status or request.status, note
    subject = (
        "We received your technical-assistance request"
        if event == "created"
        else f"Your technical-assistance request is {request.get_status_display().lower()}"
    )
    _send(
        to=request.requester_email,
        subject=subject,
        template="ta_request_update",
        context={"request": request, "event": event},
    )
