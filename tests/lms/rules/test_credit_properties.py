"""Properties of the CE credit rule over generated attendance (hypothesis): credit is never
negative, never more than the approved hours (per category and in total), never more than
the scheduled time is worth under the rule, never more than the time attended, and always a
whole number of the rule's increments."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from lms.rules.attendance import MeetingPresence
from lms.rules.credit import ApprovalTerms, CreditRule, credit_for_attendance, hours_for_minutes

CATEGORIES = ("general", "ethics", "cultural_competence")

rules = st.builds(
    CreditRule,
    minutes_per_credit_hour=st.sampled_from([50, 60]),
    rounding_increment=st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("1")]),
    first_hour_rule=st.booleans(),
    breaks_excluded=st.booleans(),
    late_grace_minutes=st.integers(0, 20),
    leave_early_grace_minutes=st.integers(0, 20),
    partial_credit_allowed=st.booleans(),
)


@st.composite
def meetings(draw):
    result = []
    for index in range(draw(st.integers(1, 5))):
        scheduled = draw(st.integers(30, 8 * 60))
        breaks = draw(st.integers(0, scheduled // 4))
        late = draw(st.integers(0, scheduled))
        early = draw(st.integers(0, scheduled - late))
        present = draw(st.integers(0, scheduled - late - early))
        result.append(
            MeetingPresence(
                scheduled_minutes=scheduled,
                break_minutes=breaks,
                present_minutes=present,
                late_minutes=late,
                left_early_minutes=early,
                date=dt.date(2026, 3, 2) + dt.timedelta(days=7 * index),
            )
        )
    return result


approvals = st.builds(
    ApprovalTerms,
    valid_from=st.just(dt.date(2026, 1, 1)),
    valid_until=st.just(dt.date(2026, 12, 31)),
    hours_by_category=st.dictionaries(
        st.sampled_from(CATEGORIES),
        st.decimals("0", "12", places=2),
        min_size=1,
    ),
    credentials=st.just(frozenset({"LSW"})),
)


@given(rule=rules, approval=approvals, meetings=meetings())
def test_credit_is_bounded_by_approval_schedule_and_attendance(rule, approval, meetings):
    result = credit_for_attendance(
        rule=rule, approval=approval, credential="LSW", meetings=meetings
    )
    assert set(result.hours_by_category) == set(approval.hours_by_category)
    for category, hours in result.hours_by_category.items():
        assert Decimal(0) <= hours <= approval.hours_by_category[category]
    assert result.total_hours <= approval.total_hours
    # Never more credit than the scheduled time (breaks out when the rule says so) is worth.
    scheduled = sum(
        m.scheduled_minutes - (m.break_minutes if rule.breaks_excluded else 0) for m in meetings
    )
    assert result.total_hours <= hours_for_minutes(scheduled, rule)
    assert result.creditable_minutes <= scheduled
    if not result.full_attendance:
        assert result.total_hours <= hours_for_minutes(result.creditable_minutes, rule)
        if not rule.partial_credit_allowed:
            assert result.total_hours == 0
    else:
        assert not any(m.late_minutes > rule.late_grace_minutes or not m.attended for m in meetings)


@given(rule=rules, approval=approvals, meetings=meetings())
def test_a_credential_the_approval_does_not_cover_earns_nothing(rule, approval, meetings):
    result = credit_for_attendance(
        rule=rule, approval=approval, credential="CADC", meetings=meetings
    )
    assert result.total_hours == 0 and result.reasons


@given(rule=rules, minutes=st.integers(-100, 10_000))
def test_hours_are_whole_increments_and_never_negative(rule, minutes):
    hours = hours_for_minutes(minutes, rule)
    assert hours >= 0
    assert hours % rule.rounding_increment == 0
    assert hours * rule.minutes_per_credit_hour <= max(minutes, 0)
