"""A finished session with a social-work approval and full attendance, ready to certify."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from tests.factories import (
    AttendanceRecordFactory,
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    TrainingApprovalFactory,
)

T0 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("America/Chicago"))


def certified_session(*, participants=3, license_type="LSW", start=T0, attend=True):
    """A past in-person session (one 180-minute meeting), a social-work approval of 2 general
    and 1 ethics hours, a certificate-of-attendance approval, and `participants` attending."""
    session = SessionFactory(
        meeting=False, format="in_person", venue_name="Coalition Hall", city="Springfield"
    )
    session.training.title = "Trauma-Informed Supervision"
    session.training.save()
    meeting = MeetingFactory(session=session, starts_at=start, minutes=180)
    SessionFacilitatorFactory(
        session=session, facilitator=FacilitatorFactory(name="Dana Reyes", credentials="LCSW")
    )
    since = dt.date(start.year, 1, 1)
    approval = TrainingApprovalFactory(
        training=session.training,
        body_slug="il-social-work",
        valid_from=since,
        hours_general=D("2.0"),
        hours_ethics=D("1.0"),
    )
    TrainingApprovalFactory(
        training=session.training,
        body_slug="certificate-of-attendance",
        valid_from=since,
        hours_general=D("3.0"),
    )
    registrations = []
    for i in range(participants):
        profile = ProfileFactory(license_type=license_type, printed_name=f"Participant Number{i}")
        registration = RegistrationFactory(session=session, person=profile.user)
        if attend:
            AttendanceRecordFactory(registration=registration, meeting=meeting)
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
    importlib.import_module("certificates.migrations.0007_board_approvals").grant(apps, None)
