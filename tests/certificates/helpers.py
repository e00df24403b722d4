"""A finished session with a social-work approval and full attendance, ready to certify."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from certificates.models import AccreditingBody, TrainingApproval
from lms.models import Meeting
from lms.services.attendance import attendance_correct
from tests.factories import (
    FacilitatorFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
)

T0 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("America/Chicago"))


def approval_for(training, slug, *, hours=None, **fields):
    body = AccreditingBody.objects.get(slug=slug)
    hours = hours or {"general": "2.0", "ethics": "1.0"}
    approval = TrainingApproval.objects.create(
        training=training,
        body=body,
        approval_number=fields.pop("approval_number", f"{slug.upper()}-APP-77"),
        sponsor_number=fields.pop("sponsor_number", "159.001234"),
        valid_from=fields.pop("valid_from", dt.date(2026, 1, 1)),
        valid_until=fields.pop("valid_until", dt.date(2027, 12, 31)),
        **{f"hours_{c}": D(h) for c, h in hours.items()},
    )
    approval.credentials.set(body.credentials.all())
    return approval


def certified_session(*, participants=3, license_type="LSW", start=T0, attend=True):
    """A past in-person session (one 180-minute meeting), a social-work approval of 2 general
    and 1 ethics hours, a certificate-of-attendance approval, and `participants` attending."""
    session = SessionFactory(
        meeting=False, format="in_person", venue_name="Coalition Hall", city="Springfield"
    )
    session.training.title = "Trauma-Informed Supervision"
    session.training.save()
    meeting = Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(minutes=180)
    )
    SessionFacilitatorFactory(
        session=session, facilitator=FacilitatorFactory(name="Dana Reyes", credentials="LCSW")
    )
    since = dt.date(start.year, 1, 1)
    approval = approval_for(session.training, "il-social-work", valid_from=since)
    approval_for(
        session.training, "certificate-of-attendance", hours={"general": "3.0"}, valid_from=since
    )
    registrations = []
    for i in range(participants):
        profile = ProfileFactory(license_type=license_type, printed_name=f"Participant Number{i}")
        registration = RegistrationFactory(session=session, person=profile.user)
        if attend:
            attendance_correct(
                registration=registration, meeting=meeting, arrived_at=start, left_at=None, by=None
            )
        registrations.append(registration)
    return session, approval, registrations


def restore_reference_rows():
    """Transactional tests run on a flushed database: put back what the data migrations made
    (staff groups and their permissions, accrediting bodies, the default certificate
    template). Every step is idempotent."""
    import importlib

    from django.apps import apps

    from certificates.reference_data import seed_reference_data

    importlib.import_module("lms.migrations.0003_staff_groups").create_groups(apps, None)
    seed_reference_data()
    ours = importlib.import_module("certificates.migrations.0004_certificate_permissions")
    ours.grant(apps, None)
    ours.seed_template(apps, None)
