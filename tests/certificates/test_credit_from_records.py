"""registration_credit: the seeded bodies' rules applied to recorded attendance."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from certificates.models import AccreditingBody, Credential, TrainingApproval
from certificates.selectors import registration_credit
from lms.models import Meeting
from lms.services.attendance import attendance_correct
from tests.factories import ProfileFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))


def test_seeded_bodies_and_rules():
    bodies = {b.slug: b for b in AccreditingBody.objects.all()}
    assert set(bodies) == {
        "il-social-work",
        "il-professional-counselors",
        "il-marriage-family-therapists",
        "il-addiction-counselors",
        "certificate-of-attendance",
    }
    assert bodies["il-social-work"].minutes_per_credit_hour == 50
    assert bodies["il-professional-counselors"].first_hour_rule
    assert bodies["il-professional-counselors"].rounding_increment == D("0.5")
    assert bodies["il-addiction-counselors"].breaks_excluded
    assert bodies["il-addiction-counselors"].minutes_per_credit_hour == 60
    assert bodies["certificate-of-attendance"].is_certificate_of_attendance
    assert {c.code for c in bodies["il-social-work"].credentials.all()} == {"LSW", "LCSW"}


def test_credit_for_a_social_worker_and_a_counselor_from_records():
    session = SessionFactory(meeting=False)
    meeting = Meeting.objects.create(
        session=session, starts_at=T0, ends_at=T0 + dt.timedelta(minutes=195), break_minutes=15
    )
    bodies = {b.slug: b for b in AccreditingBody.objects.all()}
    for slug, hours in [
        ("il-social-work", "3.0"),
        ("il-addiction-counselors", "3.0"),
        ("certificate-of-attendance", "3.25"),
    ]:
        approval = TrainingApproval.objects.create(
            training=session.training,
            body=bodies[slug],
            approval_number=f"{slug}-1",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2027, 12, 31),
            hours_general=D(hours),
        )
        approval.credentials.set(bodies[slug].credentials.all())
    social_worker = RegistrationFactory(
        session=session, person=ProfileFactory(license_type="LSW").user
    )
    counselor = RegistrationFactory(
        session=session, person=ProfileFactory(license_type="CADC").user
    )
    no_license = RegistrationFactory(session=session, person=ProfileFactory(license_type="").user)
    attendance_correct(
        registration=social_worker,
        meeting=meeting,
        arrived_at=T0 + dt.timedelta(minutes=12),
        left_at=None,
        by=None,
    )
    attendance_correct(
        registration=counselor, meeting=meeting, arrived_at=T0, left_at=None, by=None
    )
    attendance_correct(
        registration=no_license,
        meeting=meeting,
        arrived_at=T0 + dt.timedelta(minutes=12),
        left_at=None,
        by=None,
    )

    lines = {
        line.approval.body.slug: line.result
        for line in registration_credit(registration=social_worker)
    }
    assert set(lines) == {"il-social-work", "certificate-of-attendance"}
    assert lines["il-social-work"].total_hours == 0
    assert (
        lines["il-social-work"].reasons[0]
        == "arrived 12 minutes late on Mar 12, 2026 (grace 10 minutes)"
    )
    assert lines["certificate-of-attendance"].total_hours == D("3.00")

    lines = {
        line.approval.body.slug: line.result for line in registration_credit(registration=counselor)
    }
    assert lines["il-addiction-counselors"].hours_by_category["general"] == D(
        "3.0"
    )  # 180 clock minutes

    lines = {
        line.approval.body.slug: line.result
        for line in registration_credit(registration=no_license)
    }
    assert set(lines) == {"certificate-of-attendance"}
    assert Credential.objects.count() == 6
