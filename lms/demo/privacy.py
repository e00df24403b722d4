"""Demo people's data: one erasure request, made by letter and recorded by staff, waiting
for Program staff to press **Erase now** (admin → People's data → Erasure requests)."""

from lms.models import ErasureRequest, User

REQUESTER = "attendee4@demo.test"  # Luis, who attended the finished session


def seed_privacy_demo():
    """Through the service staff use in the admin. Safe to run again: a person with a request
    (open or carried out) gets no second one."""
    from lms.services.privacy import erasure_request_create

    staff = User.objects.filter(email="staff@demo.test").first()
    person = User.objects.filter(email=REQUESTER).first()
    if staff is None or person is None or ErasureRequest.objects.filter(person=person).exists():
        return None
    return erasure_request_create(
        person=person,
        channel=ErasureRequest.Channel.LETTER,
        by=staff,
        identity_check="Signed letter; the signature and address match his registration form.",
    )
