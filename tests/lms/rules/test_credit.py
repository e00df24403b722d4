"""Table tests for the one credit function: exact hours, exact reasons."""

import datetime as dt
from decimal import Decimal as D

import pytest

from lms.rules.attendance import MeetingPresence
from lms.rules.credit import ApprovalTerms, CreditRule, credit_for_attendance, hours_for_minutes

# The seeded bodies' rules (certificates migration 0002), as plain values.
SOCIAL_WORK = CreditRule(50, D("0.25"), late_grace_minutes=10, leave_early_grace_minutes=10)
COUNSELORS = CreditRule(
    50,
    D("0.50"),
    first_hour_rule=True,
    late_grace_minutes=10,
    leave_early_grace_minutes=10,
    partial_credit_allowed=True,
)
ADDICTION = CreditRule(
    60, D("0.50"), breaks_excluded=True, late_grace_minutes=10, leave_early_grace_minutes=10
)
ATTENDANCE = CreditRule(
    60, D("0.25"), late_grace_minutes=10, leave_early_grace_minutes=10, partial_credit_allowed=True
)

DAY = dt.date(2026, 7, 14)
DAY2 = dt.date(2026, 7, 21)


def approval(
    general="0",
    ethics="0",
    *,
    credentials=("LSW", "LCSW", "LPC", "LCPC", "CADC", ""),
    valid_until=dt.date(2027, 6, 30),
):
    return ApprovalTerms(
        valid_from=dt.date(2026, 1, 1),
        valid_until=valid_until,
        hours_by_category={"general": D(general), "ethics": D(ethics)},
        credentials=frozenset(credentials),
    )


def full(minutes, *, breaks=0, date=DAY):
    return MeetingPresence(minutes, breaks, present_minutes=minutes, date=date)


def late(minutes, late_by, *, date=DAY):
    return MeetingPresence(
        minutes, 0, present_minutes=minutes - late_by, late_minutes=late_by, date=date
    )


def absent(minutes, *, date=DAY):
    return MeetingPresence(minutes, 0, present_minutes=0, late_minutes=minutes, date=date)


CASES = [
    # id, rule, approval, credential, meetings, expected hours by category, reasons
    (
        "195 min in full, social work, approved 3.75",
        SOCIAL_WORK,
        approval("3.75"),
        "LSW",
        [full(195)],
        {"general": D("3.75"), "ethics": D("0")},
        [],
    ),
    (
        "195 min in full, approval caps at 3.0",
        SOCIAL_WORK,
        approval("2.0", "1.0"),
        "LCSW",
        [full(195)],
        {"general": D("2.0"), "ethics": D("1.0")},
        [],
    ),
    (
        "195 min in full, approval of 4.0 exceeds what 195 min are worth",
        SOCIAL_WORK,
        approval("4.0"),
        "LSW",
        [full(195)],
        {"general": D("3.75"), "ethics": D("0")},
        ["the scheduled time is worth 3.75 hours under this rule, less than the 4.0 approved"],
    ),
    (
        "195 min in full, counselors: half-hour steps after the first hour",
        COUNSELORS,
        approval("4.0"),
        "LPC",
        [full(195)],
        {"general": D("3.50"), "ethics": D("0")},
        ["the scheduled time is worth 3.50 hours under this rule, less than the 4.0 approved"],
    ),
    (
        "8 minutes late, within the 10-minute grace",
        SOCIAL_WORK,
        approval("3.75"),
        "LSW",
        [late(195, 8)],
        {"general": D("3.75"), "ethics": D("0")},
        [],
    ),
    (
        "12 minutes late, 10-minute grace, no partial credit",
        SOCIAL_WORK,
        approval("3.75"),
        "LSW",
        [late(195, 12)],
        {"general": D("0"), "ethics": D("0")},
        [
            "arrived 12 minutes late on Jul 14, 2026 (grace 10 minutes)",
            "the rule gives no partial credit",
        ],
    ),
    (
        "12 minutes late, 10-minute grace, partial credit (attendance, 60-minute hour)",
        ATTENDANCE,
        approval("3.25"),
        "",
        [late(195, 12)],
        {"general": D("3.00"), "ethics": D("0")},
        ["arrived 12 minutes late on Jul 14, 2026 (grace 10 minutes)"],
    ),
    (
        "series of two, second missed, no partial credit",
        SOCIAL_WORK,
        approval("3.5"),
        "LSW",
        [full(90), absent(90, date=DAY2)],
        {"general": D("0"), "ethics": D("0")},
        ["did not attend the meeting on Jul 21, 2026", "the rule gives no partial credit"],
    ),
    (
        "series of two, second missed, partial credit: remainder to the largest category",
        COUNSELORS,
        approval("3.0", "0.5"),
        "LCPC",
        [full(90), absent(90, date=DAY2)],
        {"general": D("1.50"), "ethics": D("0.00")},
        ["did not attend the meeting on Jul 21, 2026"],
    ),
    (
        "series of two, both attended in full",
        COUNSELORS,
        approval("3.0", "0.5"),
        "LCPC",
        [full(90), full(90, date=DAY2)],
        {"general": D("3.0"), "ethics": D("0.5")},
        [],
    ),
    (
        "first-hour rule: 40 minutes earn nothing",
        COUNSELORS,
        approval("1.5"),
        "LPC",
        [MeetingPresence(90, 0, present_minutes=40, left_early_minutes=50, date=DAY)],
        {"general": D("0"), "ethics": D("0")},
        ["left 50 minutes early on Jul 14, 2026 (grace 10 minutes)"],
    ),
    (
        "clock hours: 195 min with a 15-minute break count as 180",
        ADDICTION,
        approval("3.5"),
        "CADC",
        [full(195, breaks=15)],
        {"general": D("3.00"), "ethics": D("0")},
        ["the scheduled time is worth 3.00 hours under this rule, less than the 3.5 approved"],
    ),
    (
        "clock hours: the same break counts under the social-work rule",
        SOCIAL_WORK,
        approval("3.75"),
        "LSW",
        [full(195, breaks=15)],
        {"general": D("3.75"), "ethics": D("0")},
        [],
    ),
    (
        "clock hours, partial: breaks come off the time attended",
        CreditRule(60, D("0.25"), breaks_excluded=True, partial_credit_allowed=True),
        approval("3.0"),
        "CADC",
        [MeetingPresence(195, 15, present_minutes=120, left_early_minutes=75, date=DAY)],
        {"general": D("1.75"), "ethics": D("0")},
        ["left 75 minutes early on Jul 14, 2026 (grace 0 minutes)"],
    ),
    (
        "away 15 minutes mid-meeting (dropped call), grace 10",
        SOCIAL_WORK,
        approval("3.75"),
        "LSW",
        [MeetingPresence(195, 0, present_minutes=180, date=DAY)],
        {"general": D("0"), "ethics": D("0")},
        [
            "was away 15 minutes during the meeting on Jul 14, 2026",
            "the rule gives no partial credit",
        ],
    ),
    (
        "approval expired before the session date",
        SOCIAL_WORK,
        approval("3.75", valid_until=dt.date(2026, 6, 30)),
        "LSW",
        [full(195)],
        {"general": D("0"), "ethics": D("0")},
        ["the approval expired on Jun 30, 2026, before the session on Jul 14, 2026"],
    ),
    (
        "credential not covered by the approval",
        SOCIAL_WORK,
        approval("3.75", credentials=("LSW",)),
        "LMFT",
        [full(195)],
        {"general": D("0"), "ethics": D("0")},
        ["the approval does not cover LMFT"],
    ),
    (
        "no-show",
        ATTENDANCE,
        approval("3.25"),
        "",
        [absent(195)],
        {"general": D("0"), "ethics": D("0")},
        ["did not attend the meeting on Jul 14, 2026"],
    ),
]


@pytest.mark.parametrize(
    ("rule", "terms", "credential", "meetings", "expected", "reasons"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_credit_for_attendance(rule, terms, credential, meetings, expected, reasons):
    result = credit_for_attendance(
        rule=rule, approval=terms, credential=credential, meetings=meetings
    )
    assert result.hours_by_category == expected
    assert result.reasons == reasons


@pytest.mark.parametrize(
    ("minutes", "rule", "hours"),
    [
        (195, SOCIAL_WORK, D("3.75")),
        (50, SOCIAL_WORK, D("1.00")),
        (49, SOCIAL_WORK, D("0.75")),
        (12, SOCIAL_WORK, D("0.00")),
        (49, COUNSELORS, D("0")),
        (50, COUNSELORS, D("1.00")),
        (74, COUNSELORS, D("1.00")),
        (75, COUNSELORS, D("1.50")),
        (180, ADDICTION, D("3.00")),
        (209, ADDICTION, D("3.00")),
        (210, ADDICTION, D("3.50")),
        (0, ATTENDANCE, D("0")),
    ],
)
def test_hours_for_minutes(minutes, rule, hours):
    assert hours_for_minutes(minutes, rule) == hours


def test_partial_credit_never_exceeds_the_approval():
    result = credit_for_attendance(
        rule=ATTENDANCE, approval=approval("1.0"), credential="", meetings=[late(195, 30)]
    )
    assert result.total_hours == D("1.0")
