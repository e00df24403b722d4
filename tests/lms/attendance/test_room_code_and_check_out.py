"""The rotating room code (check-in and check-out by a participant's own phone), check-out and
whole-meeting confirmation from the facilitator's roster, and what they do to the minutes and
the credit."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.selectors import registration_credit
from lms.errors import DomainError
from lms.models import AttendanceRecord, AttendanceSource, Registration
from lms.rules.attendance import RoomCodeMode
from lms.selectors.attendance import registration_completion
from lms.services.attendance import (
    attendance_check_in,
    attendance_check_out,
    attendance_confirm_whole_meeting,
    attendance_room_code_use,
    room_code_now,
)
from tests.certificates.helpers import certified_session
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
IN, OUT = RoomCodeMode.CHECK_IN, RoomCodeMode.CHECK_OUT


@pytest.fixture
def world(time_machine):
    """A three-hour in-person meeting from 9:00 in Chicago; it is 9:05. One confirmed
    participant, one stranger with no registration, one cancelled registration."""
    time_machine.move_to(dt.datetime(2026, 3, 12, 9, 5, tzinfo=CHICAGO), tick=False)
    session = SessionFactory(meeting=False, format="in_person")
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=CHICAGO)
    meeting = MeetingFactory(session=session, starts_at=start, minutes=180)
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"))
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    registration = RegistrationFactory(session=session)
    cancelled = RegistrationFactory(session=session, status=Registration.Status.CANCELLED)
    return {
        "session": session,
        "meeting": meeting,
        "lead": lead.user,
        "registration": registration,
        "person": registration.person,
        "cancelled": cancelled.person,
        "stranger": UserFactory(),
    }


def use(world, mode=IN, *, user=None, code=None, now=None):
    meeting = world["meeting"]
    code = code if code is not None else room_code_now(meeting=meeting, mode=mode, now=now).code
    return attendance_room_code_use(
        user=user or world["person"], meeting=meeting, mode=mode, code=code, now=now
    )


def test_a_participant_checks_in_and_out_with_the_room_code(world, time_machine):
    record, changed = use(world)
    assert changed and record.source == AttendanceSource.ROOM_CODE
    assert record.arrived_at == timezone.now() and record.departure_unconfirmed
    time_machine.move_to(dt.datetime(2026, 3, 12, 11, 35, tzinfo=CHICAGO), tick=False)
    record, _ = use(world, OUT)
    record.refresh_from_db()
    assert record.left_at == record.checked_out_at == timezone.now()
    assert record.minutes_present == 150  # 9:05 to 11:35, from both ends
    assert not record.departure_unconfirmed
    actions = list(
        ModelLogEntry.objects.filter(action__startswith="lms.attendance.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["lms.attendance.check_in", "lms.attendance.check_out"]


def test_checking_in_twice_changes_nothing(world):
    first, _ = use(world)
    again, changed = use(world)
    assert not changed and again.arrived_at == first.arrived_at


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("expired", "expired"),
        ("wrong", "not the room code of this meeting"),
        ("stranger", "do not have a confirmed registration"),
        ("cancelled", "do not have a confirmed registration"),
        ("other_day", "not today"),
        ("too_early", "Check-in opens at 7:00 AM"),
        ("ended", "check-in is closed"),
        ("out_before_in", "Check in first"),
        ("out_twice", "Already checked out"),
    ],
)
def test_refusals_say_what_is_wrong(world, time_machine, case, message):
    meeting = world["meeting"]
    kwargs = {}
    mode = IN
    if case == "expired":
        shown = timezone.now() - dt.timedelta(seconds=61)
        kwargs["code"] = room_code_now(meeting=meeting, mode=IN, now=shown).code
    elif case == "wrong":
        kwargs["code"] = room_code_now(meeting=meeting, mode=OUT).code  # the other screen's
    elif case in ("stranger", "cancelled"):
        kwargs["user"] = world[case]
    elif case == "other_day":
        time_machine.move_to(dt.datetime(2026, 3, 11, 9, 0, tzinfo=CHICAGO), tick=False)
    elif case == "too_early":
        time_machine.move_to(dt.datetime(2026, 3, 12, 6, 30, tzinfo=CHICAGO), tick=False)
    elif case == "ended":
        time_machine.move_to(dt.datetime(2026, 3, 12, 12, 10, tzinfo=CHICAGO), tick=False)
    elif case == "out_before_in":
        mode = OUT
    elif case == "out_twice":
        use(world)
        use(world, OUT)
        mode = OUT
    with pytest.raises(DomainError, match=message):
        use(world, mode, **kwargs)


def test_a_code_shown_a_moment_ago_still_works(world):
    shown = timezone.now() - dt.timedelta(seconds=25)
    code = room_code_now(meeting=world["meeting"], mode=IN, now=shown).code
    record, changed = use(world, code=code)
    assert changed and record.is_present


def test_minutes_count_only_with_a_check_out_or_a_confirmation(world, time_machine):
    registration, meeting = world["registration"], world["meeting"]
    attendance_check_in(registration=registration, meeting=meeting, by=world["lead"])
    with pytest.raises(DomainError, match="once the meeting has ended"):
        attendance_confirm_whole_meeting(
            meeting=meeting, registrations=[registration], by=world["lead"]
        )
    time_machine.move_to(dt.datetime(2026, 3, 12, 12, 30, tzinfo=CHICAGO), tick=False)
    assert registration_completion(registration=registration) == "partial"
    confirmed = attendance_confirm_whole_meeting(
        meeting=meeting, registrations=[registration], by=world["lead"]
    )
    assert [r.registration for r in confirmed] == [registration]
    record = AttendanceRecord.objects.get(registration=registration)
    assert record.whole_meeting_confirmed_by == world["lead"]
    assert record.minutes_present == 175 and not record.departure_unconfirmed
    assert registration_completion(registration=registration) == "completed"
    with pytest.raises(DomainError, match="No one here is waiting"):
        attendance_confirm_whole_meeting(
            meeting=meeting, registrations=[registration], by=world["lead"]
        )


def test_credit_waits_for_the_departure_then_counts_both_ends(time_machine):
    session, _approval, (registration,) = certified_session(participants=1, attend=False)
    meeting = session.meetings.get()
    time_machine.move_to(meeting.starts_at, tick=False)
    attendance_check_in(registration=registration, meeting=meeting, by=None)
    time_machine.move_to(meeting.ends_at + dt.timedelta(minutes=5), tick=False)
    lines = registration_credit(registration=registration)
    assert lines and all(line.result.total_hours == 0 for line in lines)
    assert all(any("no check-out" in r for r in line.result.reasons) for line in lines)
    attendance_check_out(registration=registration, meeting=meeting, by=None)
    lines = registration_credit(registration=registration)
    assert all(line.result.total_hours > 0 and line.result.full_attendance for line in lines)


# --- Pages --------------------------------------------------------------------------------


def test_the_facilitator_shows_a_room_code_that_refreshes(client, world):
    client.force_login(world["lead"])
    s, m = world["session"], world["meeting"]
    page = client.get(reverse("lms:facilitate_room_code", args=[s.pk, m.pk, "check-in"]))
    html = page.content.decode()
    code = room_code_now(meeting=m, mode=IN).code
    assert f"{code[:3]} {code[3:]}" in html and "data:image/svg+xml" in html
    assert "js/room-code.js" in html and "<script>" not in html
    assert page["Cache-Control"].startswith("max-age=0")
    current = client.get(
        reverse("lms:facilitate_room_code_current", args=[s.pk, m.pk, "check-out"])
    )
    data = json.loads(current.content)
    assert data["code"] == room_code_now(meeting=m, mode=OUT).code
    assert data["url"].endswith(f"/attend/{m.pk}/check-out/?code={data['code']}")
    assert 1 <= data["seconds_left"] <= 30
    assert (
        client.get(reverse("lms:facilitate_room_code", args=[s.pk, m.pk, "x"])).status_code == 404
    )
    client.force_login(world["person"])
    assert (
        client.get(reverse("lms:facilitate_room_code", args=[s.pk, m.pk, "check-in"])).status_code
        == 403
    )


def test_the_scanned_link_asks_for_sign_in_then_checks_in_on_a_button(client, world):
    m = world["meeting"]
    code = room_code_now(meeting=m, mode=IN).code
    url = reverse("lms:attend", args=[m.pk, "check-in"]) + f"?code={code}"
    assert client.get(url)["Location"].startswith("/accounts/login/?next=")
    client.force_login(world["person"])
    page = client.get(url)
    assert b"Check me in" in page.content
    assert not AttendanceRecord.objects.exists()  # a GET records nothing
    done = client.post(reverse("lms:attend", args=[m.pk, "check-in"]), {"code": code})
    assert b"You are checked in (at 9:05 AM)" in done.content
    assert AttendanceRecord.objects.get().source == AttendanceSource.ROOM_CODE


def test_an_old_code_is_refused_on_the_page(client, world):
    m = world["meeting"]
    old = room_code_now(meeting=m, mode=IN, now=timezone.now() - dt.timedelta(minutes=2)).code
    client.force_login(world["person"])
    page = client.post(reverse("lms:attend", args=[m.pk, "check-in"]), {"code": old})
    assert page.status_code == 400 and b"This room code has expired" in page.content
    assert not AttendanceRecord.objects.exists()


def test_typing_the_six_digits_finds_the_meeting(client, world):
    m = world["meeting"]
    client.force_login(world["person"])
    code = room_code_now(meeting=m, mode=IN).code
    page = client.post(reverse("lms:attend_enter"), {"code": f"{code[:3]} {code[3:]}"})
    assert b"You are checked in" in page.content
    code = room_code_now(meeting=m, mode=OUT).code
    page = client.post(reverse("lms:attend_enter"), {"code": code})
    assert b"You are checked out" in page.content
    page = client.post(reverse("lms:attend_enter"), {"code": "000000" if code != "000000" else "1"})
    assert page.status_code == 400 and b"not a room code" in page.content


def test_the_roster_checks_out_and_confirms(client, world, time_machine):
    s, m = world["session"], world["meeting"]
    other = RegistrationFactory(session=s)
    for registration in (world["registration"], other):
        attendance_check_in(registration=registration, meeting=m, by=world["lead"])
    client.force_login(world["lead"])
    roster = reverse("lms:facilitate_meeting", args=[s.pk, m.pk])
    assert b"Show room code for check-out" in client.get(roster).content
    time_machine.move_to(dt.datetime(2026, 3, 12, 11, 0, tzinfo=CHICAGO), tick=False)
    client.post(
        reverse("lms:facilitate_check_out", args=[s.pk, m.pk]),
        {"registration": world["registration"].pk},
    )
    record = AttendanceRecord.objects.get(registration=world["registration"])
    assert record.minutes_present == 115 and record.checked_out_at is not None
    page = client.get(roster).content.decode()
    assert "no check-out" in page and "You can confirm once the meeting has ended" in page
    time_machine.move_to(dt.datetime(2026, 3, 12, 12, 15, tzinfo=CHICAGO), tick=False)
    page = client.get(roster).content.decode()
    assert "Confirm whole-meeting attendance for all 1" in page
    response = client.post(
        reverse("lms:facilitate_confirm_attendance", args=[s.pk, m.pk]), {"all": "yes"}, follow=True
    )
    assert b"Whole-meeting attendance confirmed for" in response.content
    record = AttendanceRecord.objects.get(registration=other)
    assert record.whole_meeting_confirmed_at is not None and record.minutes_present == 175


def test_check_out_and_confirmation_are_attendance_events_for_webhooks(world, time_machine):
    from lms.models import WebhookDelivery, WebhookEndpoint, WebhookEventType
    from lms.services.webhooks import webhook_endpoint_save

    webhook_endpoint_save(
        endpoint=WebhookEndpoint(
            url="https://receiver.example/hooks", events=list(WebhookEventType.values)
        )
    )
    registration, meeting = world["registration"], world["meeting"]
    attendance_check_in(registration=registration, meeting=meeting, by=world["lead"])
    attendance_check_out(registration=registration, meeting=meeting, by=world["lead"])
    other = RegistrationFactory(session=world["session"])
    attendance_check_in(registration=other, meeting=meeting, by=world["lead"])
    time_machine.move_to(dt.datetime(2026, 3, 12, 12, 30, tzinfo=CHICAGO), tick=False)
    attendance_confirm_whole_meeting(meeting=meeting, registrations=[other], by=world["lead"])
    events = WebhookDelivery.objects.filter(event_type="attendance.recorded")
    assert events.count() == 4  # two check-ins, a check-out, a confirmation
