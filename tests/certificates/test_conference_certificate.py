"""A conference's combined certificate: each session attended with its hours, and the totals
per category, from the participant's own valid certificates."""

import datetime as dt
from decimal import Decimal as D

import pytest

from certificates.services import registration_certificates_issue
from certificates.transcripts import conference_certificates_for
from lms.models import Conference, Registration
from tests.factories import AttendanceRecordFactory, RegistrationFactory, UserFactory

from .helpers import T0, certified_session
from .test_issue import pdf_text

pytestmark = pytest.mark.django_db


def _conference_attended():
    """A two-day conference: three sessions; the participant (LSW) attends two of them."""
    conference = Conference.objects.create(
        title="Coalition Annual Conference",
        slug="annual-2026",
        starts_on=dt.date(2026, 3, 12),
        ends_on=dt.date(2026, 3, 13),
        location="Springfield",
    )
    morning, _approval, [registration] = certified_session(participants=1)
    afternoon, _approval, [] = certified_session(participants=0, start=T0 + dt.timedelta(days=1))
    afternoon.training.title = "Ethics in Supervision"
    afternoon.training.save()
    skipped, _approval, [] = certified_session(participants=0, start=T0 + dt.timedelta(hours=5))
    for session in (morning, afternoon, skipped):
        session.conference = conference
        session.save()
    person = registration.person
    second = RegistrationFactory(session=afternoon, person=person)
    AttendanceRecordFactory(registration=second, meeting=afternoon.meetings.get())
    RegistrationFactory(session=skipped, person=person)  # registered, did not attend
    for each in Registration.objects.filter(person=person):
        try:
            registration_certificates_issue(registration=each)
        except Exception as exc:  # the skipped session earns nothing: that is the point
            assert "did not attend" in str(exc)
    return conference, person


def test_the_combined_certificate_lists_each_session_attended_and_the_totals():
    conference, person = _conference_attended()
    [combined] = conference_certificates_for(person=person)
    assert combined.conference == conference
    assert [line.title for line in combined.sessions] == [
        "Trauma-Informed Supervision",
        "Ethics in Supervision",
    ]
    assert [line.total for line in combined.sessions] == [D("3"), D("3")]
    assert combined.totals == [("General", D("4")), ("Ethics", D("2"))]
    assert combined.total == D("6")


def test_the_participant_downloads_it_from_my_certificates(client):
    conference, person = _conference_attended()
    client.force_login(person)
    page = client.get("/my/certificates/").content.decode()
    assert "Coalition Annual Conference – Illinois social work (IDFPR)" in page
    [combined] = conference_certificates_for(person=person)
    url = f"/my/certificates/conference/{conference.pk}/{combined.body_id}/pdf/"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    for expected in [
        "Conference certificate of continuing education",
        "Coalition Annual Conference, March 12, 2026 – March 13, 2026, Springfield",
        "Approved by Illinois social work (IDFPR)",
        "Trauma-Informed Supervision Mar 12, 2026 General: 2; Ethics: 1 3",
        "Ethics in Supervision Mar 13, 2026 General: 2; Ethics: 1 3",
        "General: 4; Ethics: 2; Total: 6 CE hours",
        combined.sessions[0].serial,
        combined.sessions[1].code,
    ]:
        assert expected in text, f"{expected!r} not in {text!r}"
    assert text.count("General: 2; Ethics:") == 2  # each session's hours

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
