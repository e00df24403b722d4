"""django-q2 tasks after a training: evaluation invitations and TA request emails.

Tasks take ids, reload rows and are safe to run twice (the invitation row is created before
the email is queued; a repeated email is harmless)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from lms.models import Registration, TechnicalAssistanceRequest
from lms.services.evaluations import evaluation_invitations_send_due as _send_due


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


def evaluation_invitations_send_due() -> int:
    """Scheduled every 15 minutes (lms migration 0009)."""
    return _send_due()


def evaluation_invitation_email(registration_id: int):
    registration = Registration.objects.select_related("person", "session__training").get(
        pk=registration_id
    )
    _send(
        to=registration.person.email,
        subject=f"How was “{registration.session.training.title}”?",
        template="evaluation_invitation",
        context={
            "registration": registration,
            "url": settings.SITE_URL + reverse("lms:evaluation", args=[registration.pk]),
        },
    )


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
