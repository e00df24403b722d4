"""Table tests for the pay rule: exact cents for every case the coalition pays."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from lms.rules.compensation import (
    MeetingWork,
    PayLineKind,
    PayRuleError,
    RateCardTerms,
    cents_half_up,
    rate_card_in_force,
    session_pay_compute,
)

CHICAGO = ZoneInfo("America/Chicago")

STANDARD_2026 = RateCardTerms(
    card_id=1,
    name="Standard 2026",
    effective_from=dt.date(2026, 1, 1),
    effective_until=dt.date(2026, 3, 31),
    lead_hourly_cents=7500,
    co_hourly_cents=5000,
    prep_hours_per_delivered_hour=Decimal(1),
    prep_hours_cap_per_meeting=Decimal(3),
    minimum_per_session_cents=25000,
    lived_experience_hourly_cents=9000,
)
STANDARD_SPRING = RateCardTerms(
    card_id=2,
    name="Standard from April 2026",
    effective_from=dt.date(2026, 4, 1),
    effective_until=None,
    lead_hourly_cents=8000,
    co_hourly_cents=5500,
    prep_hours_per_delivered_hour=Decimal(1),
    prep_hours_cap_per_meeting=Decimal(3),
    minimum_per_session_cents=25000,
)
CARDS = [STANDARD_2026, STANDARD_SPRING]


def meeting(day, start, minutes, role="lead", cancelled=False, lived=False, meeting_id=None):
    day = dt.date.fromisoformat(day)
    if cancelled:
        return MeetingWork(meeting_id=meeting_id, day=day, role=role, cancelled=True)
    begin = dt.datetime.combine(day, dt.time.fromisoformat(start), tzinfo=CHICAGO)
    return MeetingWork(
        meeting_id=meeting_id,
        day=day,
        role=role,
        actual_start=begin,
        actual_end=begin + dt.timedelta(minutes=minutes),
        lived_experience=lived,
    )


# (case, meetings, cards, expected lines as (kind, amount), expected total)
CASES = [
    (
        "lead on a 3-hour session: delivery plus 3 h preparation",
        [meeting("2026-02-10", "09:30", 180, "lead")],
        CARDS,
        [("delivery", 22500), ("preparation", 22500)],
        45000,
    ),
    (
        "co-facilitator on the same session: the co-facilitator rate",
        [meeting("2026-02-10", "09:30", 180, "co")],
        CARDS,
        [("delivery", 15000), ("preparation", 15000)],
        30000,
    ),
    (
        "a cancelled meeting pays nothing but is listed",
        [
            meeting("2026-02-03", "", 0, "lead", cancelled=True),
            meeting("2026-02-10", "09:30", 120, "lead"),
        ],
        CARDS,
        [("cancelled", 0), ("delivery", 15000), ("preparation", 15000)],
        30000,
    ),
    (
        "a meeting that ran 35 minutes long pays the actual time; preparation stays capped",
        [meeting("2026-02-10", "09:30", 215, "lead")],
        CARDS,
        [("delivery", 26875), ("preparation", 22500)],
        49375,
    ),
    (
        "the minimum per session applies to a short co-facilitated meeting",
        [meeting("2026-02-10", "12:00", 60, "co")],
        CARDS,
        [("delivery", 5000), ("preparation", 5000), ("minimum", 15000)],
        25000,
    ),
    (
        "a rate change between two meetings of one series: each meeting at its own card",
        [
            meeting("2026-03-25", "09:30", 120, "lead", meeting_id=1),
            meeting("2026-04-08", "09:30", 120, "lead", meeting_id=2),
        ],
        CARDS,
        [("delivery", 15000), ("preparation", 15000), ("delivery", 16000), ("preparation", 16000)],
        62000,
    ),
    (
        "the lived-experience rate replaces a lower role rate",
        [meeting("2026-02-10", "09:30", 120, "co", lived=True)],
        CARDS,
        [("delivery", 18000), ("preparation", 18000)],
        36000,
    ),
    (
        "the lived-experience rate never lowers pay (a card without one pays the role rate)",
        [meeting("2026-04-08", "09:30", 120, "lead", lived=True)],
        CARDS,
        [("delivery", 16000), ("preparation", 16000)],
        32000,
    ),
    (
        "a session whose meetings were all cancelled pays nothing: no minimum",
        [meeting("2026-02-10", "", 0, "lead", cancelled=True)],
        CARDS,
        [("cancelled", 0)],
        0,
    ),
    (
        "half a cent rounds up: $45.30 an hour for one minute is 75.5 cents",
        [meeting("2026-02-10", "09:30", 1, "lead")],
        [
            RateCardTerms(
                card_id=9,
                name="Odd rate",
                effective_from=dt.date(2026, 1, 1),
                effective_until=None,
                lead_hourly_cents=4530,
                co_hourly_cents=4530,
            )
        ],
        [("delivery", 76)],
        76,
    ),
    (
        "below half a cent rounds down: $62.50 an hour for 50 minutes is 5208.33 cents",
        [meeting("2026-02-10", "09:30", 50, "lead")],
        [
            RateCardTerms(
                card_id=9,
                name="Odd rate",
                effective_from=dt.date(2026, 1, 1),
                effective_until=None,
                lead_hourly_cents=6250,
                co_hourly_cents=6250,
                prep_hours_per_delivered_hour=Decimal("0.5"),
            )
        ],
        # preparation 25 minutes at $62.50 = 2604.1666 cents
        [("delivery", 5208), ("preparation", 2604)],
        7812,
    ),
]


@pytest.mark.parametrize(
    ("meetings", "cards", "expected_lines", "expected_total"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_session_pay(meetings, cards, expected_lines, expected_total):
    pay = session_pay_compute(meetings=meetings, rate_cards=cards)
    assert [(line.kind.value, line.amount_cents) for line in pay.lines] == expected_lines
    assert pay.total_cents == expected_total
    assert sum(line.amount_cents for line in pay.lines) == pay.total_cents


def test_lead_and_co_facilitator_on_one_session_are_paid_separately():
    lead = session_pay_compute(
        meetings=[meeting("2026-02-10", "09:30", 180, "lead")], rate_cards=CARDS
    )
    co = session_pay_compute(meetings=[meeting("2026-02-10", "09:30", 180, "co")], rate_cards=CARDS)
    assert (lead.total_cents, co.total_cents) == (45000, 30000)
    assert lead.lines[0].rate_cents == 7500
    assert co.lines[0].rate_cents == 5000
    assert lead.lines[0].description == "Delivery as lead, 3 h"
    assert co.lines[0].description == "Delivery as co-facilitator, 3 h"


def test_rate_change_lines_name_the_card_in_force():
    pay = session_pay_compute(
        meetings=[
            meeting("2026-03-31", "09:30", 60, "lead"),
            meeting("2026-04-01", "09:30", 60, "lead"),
        ],
        rate_cards=CARDS,
    )
    assert [line.rate_card_id for line in pay.lines] == [1, 1, 2, 2]
    assert [line.rate_cents for line in pay.lines] == [7500, 7500, 8000, 8000]


def test_minimum_comes_from_the_card_in_force_on_the_last_delivered_meeting():
    low_minimum = RateCardTerms(
        card_id=3,
        name="Low minimum",
        effective_from=dt.date(2026, 4, 1),
        effective_until=None,
        lead_hourly_cents=5000,
        co_hourly_cents=5000,
        minimum_per_session_cents=20000,
    )
    pay = session_pay_compute(
        meetings=[
            meeting("2026-03-31", "09:30", 30, "co"),
            meeting("2026-04-01", "09:30", 30, "co"),
        ],
        rate_cards=[STANDARD_2026, low_minimum],
    )
    # 2500 + 2500 prep on March 31, then 2500 on April 1: 7500, topped up to 20000.
    assert pay.lines[-1].kind == PayLineKind.MINIMUM
    assert pay.lines[-1].amount_cents == 12500
    assert pay.total_cents == 20000


def test_personal_card_beats_the_standard_card():
    personal = RateCardTerms(
        card_id=7,
        name="Dr. Okafor 2026",
        effective_from=dt.date(2026, 2, 1),
        effective_until=dt.date(2026, 2, 28),
        lead_hourly_cents=10000,
        co_hourly_cents=10000,
        personal=True,
    )
    assert rate_card_in_force([*CARDS, personal], dt.date(2026, 2, 10)) is personal
    assert rate_card_in_force([*CARDS, personal], dt.date(2026, 3, 10)) is STANDARD_2026


def test_no_card_in_force_is_an_error_naming_the_date():
    with pytest.raises(PayRuleError, match=r"No rate card is in force on Dec 1, 2025"):
        session_pay_compute(meetings=[meeting("2025-12-01", "09:30", 60)], rate_cards=CARDS)


def test_two_cards_in_force_is_an_error():
    twin = RateCardTerms(
        card_id=8,
        name="Duplicate",
        effective_from=dt.date(2026, 1, 1),
        effective_until=None,
        lead_hourly_cents=1,
        co_hourly_cents=1,
    )
    with pytest.raises(PayRuleError, match="More than one rate card"):
        rate_card_in_force([*CARDS, twin], dt.date(2026, 2, 1))


def test_a_delivered_meeting_without_actual_times_is_an_error():
    bare = MeetingWork(meeting_id=1, day=dt.date(2026, 2, 10), role="lead")
    with pytest.raises(PayRuleError, match="no actual start and end"):
        session_pay_compute(meetings=[bare], rate_cards=CARDS)


@pytest.mark.parametrize(
    ("amount", "cents"),
    [("0.5", 1), ("1.5", 2), ("2.4999", 2), ("2.5", 3), ("-0.4", 0), ("12499.5", 12500)],
)
def test_cents_half_up(amount, cents):
    assert cents_half_up(Decimal(amount)) == cents
