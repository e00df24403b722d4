"""What certificates does when lms tells it something changed (lms/signals.py)."""

from django.dispatch import receiver

from certificates.privacy import certificates_export, certificates_pseudonymise
from certificates.services import registration_certificates_revoke
from lms.signals import person_erased, personal_data_requested, registration_cancelled


@receiver(registration_cancelled, dispatch_uid="certificates_revoke_on_registration_cancel")
def revoke_certificates_of_cancelled_registration(sender, registration, by, reason, **kwargs):
    """Runs inside the cancelling transaction: the registration and its certificates change
    together, so a cancelled registration never keeps a valid certificate."""
    registration_certificates_revoke(
        registration=registration,
        reason=f"Registration cancelled: {reason}" if reason else "Registration cancelled.",
        by=by,
    )


@receiver(personal_data_requested, dispatch_uid="certificates_in_personal_data")
def certificates_in_personal_data(sender, person, **kwargs):
    return certificates_export(person=person)


@receiver(person_erased, dispatch_uid="certificates_of_erased_person")
def certificates_of_erased_person(sender, person, pseudonym, initials, **kwargs):
    """Runs inside the erasure's transaction, so the certificates change with the person."""
    return certificates_pseudonymise(person=person, pseudonym=pseudonym, initials=initials)
