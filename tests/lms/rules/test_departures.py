"""An in-person check-in counts minutes only with a check-out or the facilitator's
confirmation of the whole meeting (lms.rules.attendance.departure_unconfirmed), and credit
and completion follow (lms.rules.credit, lms.rules.attendance.completion_status)."""

import datetime as dt
from decimal import Decimal

import pytest

from lms.rules.attendance import (
    CompletionStatus,
    MeetingPresence,
    completion_status,
    departure_unconfirmed,
)
from lms.rules.credit import ApprovalTerms, CreditRule, credit_for_attendance


@pytest.mark.parametrize(
    ("source", "arrived", "left", "confirmed", "unconfirmed"),
    [
        ("qr", True, False, False, True),  # the confirmation QR, no check-out
        ("roster", True, False, False, True),
        ("room_code", True, False, False, True),
        ("room_code", True, True, False, False),  # checked out
        ("roster", True, False, True, False),  # the facilitator confirmed
        ("room_code", True, True, True, False),
        ("room_code", False, False, False, False),  # absent: nothing to confirm
        ("virtual_report", True, False, False, False),  # virtual: the report has both ends
        ("correction", True, False, False, False),  # the facilitator set the times by hand
    ],
)
def test_which_check_ins_wait_for_a_departure(source, arrived, left, confirmed, unconfirmed):
    got = departure_unconfirmed(source=source, arrived=arrived, left=left, confirmed=confirmed)
    assert got is unconfirmed


DAY = dt.date(2026, 11, 20)
RULE = CreditRule(minutes_per_credit_hour=60, late_grace_minutes=10, partial_credit_allowed=True)
STRICT = CreditRule(minutes_per_credit_hour=60, late_grace_minutes=10)
TERMS = ApprovalTerms(
    valid_from=dt.date(2026, 1, 1),
    valid_until=dt.date(2027, 12, 31),
    hours_by_category={"general": Decimal("3")},
    credentials=frozenset({"LCSW"}),
)


def presence(present, *, late=0, early=0, unconfirmed=False):
    return MeetingPresence(
        scheduled_minutes=180,
        present_minutes=present,
        late_minutes=late,
        left_early_minutes=early,
        date=DAY,
        departure_unconfirmed=unconfirmed,
    )


@pytest.mark.parametrize(
    ("meeting", "rule", "hours", "reason"),
    [
        # Checked in on time, whole meeting confirmed (or checked out at the end): 3 hours.
        (presence(180), RULE, "3", None),
        # Checked in, no check-out, not confirmed: nothing yet, and the reason says why.
        (presence(180, unconfirmed=True), RULE, "0", "has no check-out"),
        (presence(180, unconfirmed=True), STRICT, "0", "has no check-out"),
        # Checked in at the start, checked out after 2 hours: partial credit from both ends.
        (presence(120, early=60), RULE, "2", "left 60 minutes early"),
        (presence(120, early=60), STRICT, "0", "no partial credit"),
        # Checked in 30 minutes late and out at the end: 2.5 hours.
        (presence(150, late=30), RULE, "2.5", "arrived 30 minutes late"),
    ],
)
def test_credit_needs_both_ends_in_person(meeting, rule, hours, reason):
    result = credit_for_attendance(rule=rule, approval=TERMS, credential="LCSW", meetings=[meeting])
    assert result.total_hours == Decimal(hours)
    if reason is None:
        assert result.reasons == []
    else:
        assert any(reason in r for r in result.reasons), result.reasons


@pytest.mark.parametrize(
    ("meetings", "status"),
    [
        ([presence(180)], CompletionStatus.COMPLETED),
        ([presence(180, unconfirmed=True)], CompletionStatus.PARTIAL),
        ([presence(180), presence(180, unconfirmed=True)], CompletionStatus.PARTIAL),
        ([presence(0, late=180)], CompletionStatus.NO_SHOW),
    ],
)
def test_completion_waits_for_the_departure(meetings, status):
    assert completion_status(meetings, grace_minutes=10) == status
