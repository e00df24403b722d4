"""Tasks for evaluations: invitations after a training."""

from django.conf import settings
from django.urls import reverse

from lms.models import Registration
from lms.services.evaluations import evaluation_invitations_send_due as _send_due
from lms.tasks.technical_assistance import _send


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
