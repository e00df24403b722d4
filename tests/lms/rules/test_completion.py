"""Completion status (completed / partial / no-show) from attendance, and interval merging."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lms.rules.attendance import (
    CompletionStatus,
    MeetingPresence,
    completion_status,
    intervals_merge,
    meeting_presence,
)
from lms.selectors.attendance import registration_completion, session_completions
from lms.services.attendance import (
    attendance_check_in,
    attendance_confirm_whole_meeting,
    attendance_correct,
)
from tests.factories import MeetingFactory, RegistrationFactory, SessionFactory

T0 = dt.datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))


def at(minutes):
    return T0 + dt.timedelta(minutes=minutes)


def test_merge_overlapping_touching_and_empty_intervals():
    assert intervals_merge(
        [(at(50), at(60)), (at(0), at(30)), (at(20), at(40)), (at(40), at(45)), (at(70), at(70))]
    ) == [
        (at(0), at(45)),
        (at(50), at(60)),
    ]


def test_presence_clips_to_the_meeting_and_measures_lateness():
    presence = meeting_presence(
        starts_at=at(0),
        ends_at=at(195),
        break_minutes=15,
        intervals=[(at(-10), at(60)), (at(75), at(180)), (at(100), at(120))],
    )
    assert presence == MeetingPresence(
        195, 15, present_minutes=165, late_minutes=0, left_early_minutes=15, date=T0.date()
    )
    assert presence.gap_minutes == 15


@pytest.mark.parametrize(
    ("meetings", "expected"),
    [
        ([MeetingPresence(180, present_minutes=180)], CompletionStatus.COMPLETED),
        ([MeetingPresence(180, present_minutes=166, late_minutes=14)], CompletionStatus.COMPLETED),
        ([MeetingPresence(180, present_minutes=164, late_minutes=16)], CompletionStatus.PARTIAL),
        (
            [MeetingPresence(90, present_minutes=90), MeetingPresence(90, late_minutes=90)],
            CompletionStatus.PARTIAL,
        ),
        (
            [MeetingPresence(90, late_minutes=90), MeetingPresence(90, late_minutes=90)],
            CompletionStatus.NO_SHOW,
        ),
        ([], CompletionStatus.NO_SHOW),
    ],
)
def test_completion_status(meetings, expected):
    assert completion_status(meetings, grace_minutes=15) == expected


@pytest.mark.django_db
def test_session_completions_from_records(time_machine):
    session = SessionFactory(meeting=False)
    first = MeetingFactory(session=session, starts_at=at(0), minutes=90)
    second = MeetingFactory(session=session, starts_at=at(7 * 24 * 60), minutes=90)
    full, half, none = (RegistrationFactory(session=session) for _ in range(3))
    time_machine.move_to(at(1))
    for registration in (full, half):
        attendance_check_in(registration=registration, meeting=first, by=None)
    assert registration_completion(registration=full) is None  # the series is not over
    time_machine.move_to(at(7 * 24 * 60 + 100))
    attendance_correct(
        registration=full, meeting=second, arrived_at=second.starts_at, left_at=None, by=None
    )
    # Checked in at the first meeting without a check-out: not complete until the facilitator
    # confirms the whole meeting.
    assert session_completions(session=session)[full.pk] == CompletionStatus.PARTIAL
    attendance_confirm_whole_meeting(meeting=first, registrations=[full], by=None)
    assert session_completions(session=session) == {
        full.pk: CompletionStatus.COMPLETED,
        half.pk: CompletionStatus.PARTIAL,
        none.pk: CompletionStatus.NO_SHOW,
    }
