"""Tasks for evaluations: invitations after a training."""

from lms.models import Registration
from lms.services import emails
from lms.services.evaluations import evaluation_invitations_send_due as _send_due


def evaluation_invitations_send_due() -> int:
    """Scheduled every 15 minutes (lms migration 0009)."""
    return _send_due()


def evaluation_invitation_email(registration_id: int):
    registration = Registration.objects.select_related("person", "session__training").get(
        pk=registration_id
    )
    emails.email_evaluation_invitation(registration=registration)
