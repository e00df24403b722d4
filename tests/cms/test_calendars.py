"""Calendar files read back with the icalendar parser."""

import datetime as dt

import pytest
from icalendar import Calendar

from lms.models import DeliveryFormat, Session
from tests.factories import MeetingFactory, SessionFactory, TrainingFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    _, catalogue = site_with_catalogue()
    training = TrainingFactory(title="Ethics and Boundaries", slug="ethics")
    training_page(catalogue, training)
    series = SessionFactory(training=training, meeting__days_ahead=5, meeting__minutes=90)
    first = series.meetings.get()
    MeetingFactory(session=series, starts_at=first.starts_at + dt.timedelta(days=7), minutes=90)
    in_person = SessionFactory(
        training=training,
        format=DeliveryFormat.IN_PERSON,
        venue_name="Prairie State Conference Center",
        venue_address="1 Old State Capitol Plaza",
        city="Springfield",
        online_link="",
        meeting__days_ahead=9,
    )
    cancelled = SessionFactory(
        training=training, status=Session.Status.CANCELLED, meeting__days_ahead=12
    )
    SessionFactory(training=training, meeting__days_ahead=-2)  # past
    unpublished = TrainingFactory(title="Not published")
    SessionFactory(training=unpublished, meeting__days_ahead=3)
    return {"series": series, "in_person": in_person, "cancelled": cancelled}


def _events(response):
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_feed_has_every_upcoming_meeting_of_published_trainings(client, sessions):
    response = client.get("/trainings/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response)
    assert [str(e["summary"]) for e in events] == [
        "Ethics and Boundaries (part 1 of 2)",
        "Ethics and Boundaries (part 2 of 2)",
        "Ethics and Boundaries",
        "Ethics and Boundaries",
    ]
    assert [str(e["status"]) for e in events] == ["CONFIRMED"] * 3 + ["CANCELLED"]
    assert str(events[2]["location"]) == (
        "Prairie State Conference Center, 1 Old State Capitol Plaza, Springfield"
    )
    assert str(events[0]["location"]) == "Online"
    assert str(events[0]["url"]) == "http://localhost/trainings/ethics/"
    assert len({str(e["uid"]) for e in events}) == 4
    # The join link is for confirmed registrants only.
    assert b"zoom.example" not in response.content


def test_session_file_is_a_download_with_its_meetings(client, sessions):
    series = sessions["series"]
    response = client.get(f"/sessions/{series.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ethics-')
    events = _events(response)
    meetings = list(series.meetings.order_by("starts_at"))
    assert [e.decoded("dtstart") for e in events] == [m.starts_at for m in meetings]
    assert [e.decoded("dtend") for e in events] == [m.ends_at for m in meetings]
    # Stable UIDs: downloading again updates the same events in a calendar.
    again = _events(client.get(f"/sessions/{series.pk}/calendar.ics"))
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in events]


def test_session_file_of_unknown_or_unpublished_session_is_404(client, sessions):
    assert client.get("/sessions/999999/calendar.ics").status_code == 404
    hidden = Session.objects.get(training__title="Not published")
    assert client.get(f"/sessions/{hidden.pk}/calendar.ics").status_code == 404
