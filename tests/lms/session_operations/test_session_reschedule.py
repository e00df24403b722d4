"""Rescheduling a session: registrants emailed what changed with the calendar file (same UIDs,
a higher SEQUENCE), reminders re-timed, and a full refund for anyone registered before the
change who cannot make it, inside the usual no-refund window."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.errors import DomainError
from lms.models import Registration, SessionReschedule
from lms.services.registrations import registration_refund_decide
from lms.services.session_operations import MeetingTimes, session_reschedule
from tests.factories import PaymentFactory, RegistrationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def events(message):
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == ("training.ics", "text/calendar")
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_moving_a_meeting_emails_an_updated_calendar_and_retimes_reminders(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(meeting__days_ahead=3, online_link="https://zoom.example/j/1")
    registration = RegistrationFactory(session=session, amount_cents=5000)
    Registration.objects.filter(pk=registration.pk).update(reminder_week_sent_at=timezone.now())
    RegistrationFactory(session=session, status="cancelled")
    meeting = session.meetings.get()
    uid_before = f"session-{session.pk}-meeting-{meeting.pk}@"
    later = meeting.starts_at + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule = session_reschedule(
            session=session,
            meetings=[MeetingTimes(meeting.pk, later, later + dt.timedelta(hours=3))],
            place={"online_link": "https://zoom.example/j/2"},
            by=UserFactory(),
        )
    session.refresh_from_db()
    assert session.starts_at == later and session.schedule_sequence == 1
    assert reschedule.sequence == 1 and len(reschedule.changes) == 2
    (message,) = mail.outbox  # only the seat holder
    assert message.to == [registration.person.email]
    assert message.subject == f"Session changed: {session.training.title}"
    assert (
        "Meeting moved from" in message.body
        and "Online link: https://zoom.example/j/2" in message.body
    )
    (event,) = events(message)
    assert str(event["uid"]).startswith(uid_before)
    assert int(event["sequence"]) == 1
    assert event.decoded("dtstart") == later
    registration.refresh_from_db()
    assert registration.reminder_week_sent_at is None


def test_nothing_changed_is_refused_and_a_cancelled_session_is_not_rescheduled():
    session = SessionFactory()
    meeting = session.meetings.get()
    same = [MeetingTimes(meeting.pk, meeting.starts_at, meeting.ends_at)]
    with pytest.raises(DomainError, match="Nothing changed"):
        session_reschedule(session=session, meetings=same, place={}, by=None)
    assert not SessionReschedule.objects.exists()


@pytest.mark.parametrize(("registered_before_change", "refund"), [(True, 5000), (False, 0)])
def test_registrants_before_a_change_get_a_full_refund_inside_the_window(
    registered_before_change, refund
):
    session = SessionFactory(meeting__days_ahead=2)  # inside the 7-day no-refund window
    registration = None
    if registered_before_change:
        registration = RegistrationFactory(session=session, amount_cents=5000)
    meeting = session.meetings.get()
    moved = meeting.starts_at + dt.timedelta(hours=2)
    session_reschedule(
        session=session,
        meetings=[MeetingTimes(meeting.pk, moved, moved + dt.timedelta(hours=3))],
        place={},
        by=None,
    )
    if registration is None:
        registration = RegistrationFactory(session=session, amount_cents=5000)
    PaymentFactory(registration=registration)
    session.refresh_from_db()
    decision = registration_refund_decide(registration=registration, now=timezone.now())
    assert decision.refund_cents == refund


def test_staff_reschedule_in_the_session_time_zone(client, django_capture_on_commit_callbacks):
    session = SessionFactory(meeting__days_ahead=10, time_zone="America/New_York")
    RegistrationFactory(session=session)
    meeting = session.meetings.get()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Program staff"))
    client.force_login(user)
    url = reverse("sessions:reschedule", args=[session.pk])
    assert url in client.get(reverse("sessions:operations", args=[session.pk])).content.decode()
    day = (meeting.starts_at + dt.timedelta(days=1)).date().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                f"meeting_{meeting.pk}_starts_at": f"{day} 09:00",
                f"meeting_{meeting.pk}_ends_at": f"{day} 12:00",
                "venue_name": "Room 4",
                "venue_address": "",
                "city": "",
                "online_link": session.online_link,
            },
        )
    meeting.refresh_from_db()
    assert meeting.starts_at.astimezone(ZoneInfo("America/New_York")).hour == 9
    assert len(mail.outbox) == 1
    page = client.get(reverse("sessions:operations", args=[session.pk])).content.decode()
    assert "Venue: Room 4" in page
