"""registration_credit: the seeded bodies' rules applied to recorded attendance."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from certificates.models import AccreditingBody, Credential
from certificates.selectors import registration_credit
from tests.factories import (
    AttendanceRecordFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    TrainingApprovalFactory,
)

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
        "aswb-ace",
    }
    assert bodies["aswb-ace"].states_not_accepted() == ["NJ", "NY", "WV"]
    assert bodies["aswb-ace"].wording_virtual == "Live interactive webinar"
    assert bodies["il-social-work"].minutes_per_credit_hour == 50
    assert bodies["il-professional-counselors"].first_hour_rule
    assert bodies["il-professional-counselors"].rounding_increment == D("0.5")
    assert bodies["il-addiction-counselors"].breaks_excluded
    assert bodies["il-addiction-counselors"].minutes_per_credit_hour == 60
    assert bodies["certificate-of-attendance"].is_certificate_of_attendance
    assert {c.code for c in bodies["il-social-work"].credentials.all()} == {"LSW", "LCSW"}


def test_credit_for_a_social_worker_and_a_counselor_from_records():
    meeting = MeetingFactory(starts_at=T0, minutes=195, break_minutes=15)
    session = meeting.session
    for slug, hours in [
        ("il-social-work", "3.0"),
        ("il-addiction-counselors", "3.0"),
        ("certificate-of-attendance", "3.25"),
    ]:
        TrainingApprovalFactory(training=session.training, body_slug=slug, hours_general=D(hours))
    social_worker = RegistrationFactory(
        session=session, person=ProfileFactory(license_type="LSW").user
    )
    counselor = RegistrationFactory(
        session=session, person=ProfileFactory(license_type="CADC").user
    )
    no_license = RegistrationFactory(session=session, person=ProfileFactory(license_type="").user)
    AttendanceRecordFactory(registration=social_worker, arrived_at=T0 + dt.timedelta(minutes=12))
    AttendanceRecordFactory(registration=counselor, arrived_at=T0)
    AttendanceRecordFactory(registration=no_license, arrived_at=T0 + dt.timedelta(minutes=12))

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
