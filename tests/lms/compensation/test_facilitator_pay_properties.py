"""Properties of the pay rule over many generated sessions (hypothesis)."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from lms.rules.compensation import MeetingWork, PayLineKind, RateCardTerms, session_pay_compute

CHICAGO = ZoneInfo("America/Chicago")

cards = st.builds(
    RateCardTerms,
    card_id=st.just(1),
    name=st.just("Card"),
    effective_from=st.just(dt.date(2026, 1, 1)),
    effective_until=st.none(),
    lead_hourly_cents=st.integers(0, 50000),
    co_hourly_cents=st.integers(0, 50000),
    prep_hours_per_delivered_hour=st.decimals("0", "3", places=2),
    prep_hours_cap_per_meeting=st.one_of(st.none(), st.decimals("0", "8", places=2)),
    minimum_per_session_cents=st.integers(0, 100000),
    lived_experience_hourly_cents=st.one_of(st.none(), st.integers(0, 50000)),
)


@st.composite
def meetings(draw):
    result = []
    for index in range(draw(st.integers(1, 6))):
        day = dt.date(2026, 2, 1) + dt.timedelta(days=7 * index)
        role = draw(st.sampled_from(["lead", "co"]))
        if draw(st.booleans()) and draw(st.booleans()):
            result.append(MeetingWork(meeting_id=index, day=day, role=role, cancelled=True))
            continue
        start = dt.datetime.combine(day, dt.time(9, 0), tzinfo=CHICAGO)
        minutes = draw(st.integers(1, 12 * 60))
        result.append(
            MeetingWork(
                meeting_id=index,
                day=day,
                role=role,
                actual_start=start,
                actual_end=start + dt.timedelta(minutes=minutes),
                lived_experience=draw(st.booleans()),
            )
        )
    return result


@given(meetings=meetings(), card=cards)
def test_lines_add_up_and_the_minimum_holds(meetings, card):
    pay = session_pay_compute(meetings=meetings, rate_cards=[card])
    assert pay.total_cents == sum(line.amount_cents for line in pay.lines)
    assert all(line.amount_cents >= 0 for line in pay.lines)
    delivered = [m for m in meetings if not m.cancelled]
    if delivered:
        assert pay.total_cents >= card.minimum_per_session_cents
    else:
        assert pay.total_cents == 0
    cancelled = [line for line in pay.lines if line.kind == PayLineKind.CANCELLED]
    assert len(cancelled) == len(meetings) - len(delivered)
    if card.prep_hours_cap_per_meeting is not None:
        assert all(
            line.hours <= card.prep_hours_cap_per_meeting
            for line in pay.lines
            if line.kind == PayLineKind.PREPARATION
        )


@given(meeting=meetings(), card=cards, extra=st.integers(1, 120))
def test_a_longer_meeting_never_pays_less(meeting, card, extra):
    longer = [
        m
        if m.cancelled
        else MeetingWork(
            meeting_id=m.meeting_id,
            day=m.day,
            role=m.role,
            actual_start=m.actual_start,
            actual_end=m.actual_end + dt.timedelta(minutes=extra),
            lived_experience=m.lived_experience,
        )
        for m in meeting
    ]
    base = session_pay_compute(meetings=meeting, rate_cards=[card]).total_cents
    assert session_pay_compute(meetings=longer, rate_cards=[card]).total_cents >= base
