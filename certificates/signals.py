"""What certificates does when lms tells it something changed (lms/signals.py)."""

from django.dispatch import receiver

from certificates.services import registration_certificates_revoke
from lms.signals import registration_cancelled


@receiver(registration_cancelled, dispatch_uid="certificates_revoke_on_registration_cancel")
def revoke_certificates_of_cancelled_registration(sender, registration, by, reason, **kwargs):
    """Runs inside the cancelling transaction: the registration and its certificates change
    together, so a cancelled registration never keeps a valid certificate."""
    registration_certificates_revoke(
        registration=registration,
        reason=f"Registration cancelled: {reason}" if reason else "Registration cancelled.",
        by=by,
    )
