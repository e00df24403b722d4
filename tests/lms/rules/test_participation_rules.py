"""Table tests for lms.rules.participation."""

import datetime as dt
from decimal import Decimal

import pytest

from lms.rules.participation import (
    Quarter,
    group_count_shown,
    identifies_marginalized,
    quarter_of,
    quarters_of_year,
    self_report_current,
    share_percent,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "quarter", "start", "end", "label"),
    [
        (D(2026, 1, 1), Quarter(2026, 1), D(2026, 1, 1), D(2026, 3, 31), "Q1 2026"),
        (D(2026, 3, 31), Quarter(2026, 1), D(2026, 1, 1), D(2026, 3, 31), "Q1 2026"),
        (D(2026, 4, 1), Quarter(2026, 2), D(2026, 4, 1), D(2026, 6, 30), "Q2 2026"),
        (D(2026, 9, 30), Quarter(2026, 3), D(2026, 7, 1), D(2026, 9, 30), "Q3 2026"),
        (D(2026, 11, 29), Quarter(2026, 4), D(2026, 10, 1), D(2026, 12, 31), "Q4 2026"),
        (D(2024, 2, 29), Quarter(2024, 1), D(2024, 1, 1), D(2024, 3, 31), "Q1 2024"),
    ],
)
def test_quarters(day, quarter, start, end, label):
    assert quarter_of(day) == quarter
    assert (quarter.start, quarter.end, quarter.label) == (start, end, label)


@pytest.mark.parametrize(
    ("year", "today", "numbers"),
    [
        (2026, D(2026, 11, 29), [1, 2, 3, 4]),
        (2026, D(2026, 4, 1), [1, 2]),
        (2026, D(2026, 1, 1), [1]),
        (2025, D(2026, 1, 1), [1, 2, 3, 4]),
        (2027, D(2026, 11, 29), []),
    ],
)
def test_quarters_of_a_year_that_have_begun(year, today, numbers):
    assert [q.number for q in quarters_of_year(year, today=today)] == numbers


@pytest.mark.parametrize(
    ("reported_on", "current"),
    [
        (None, False),
        (D(2026, 11, 29), True),
        (D(2025, 11, 30), True),  # 364 days ago
        (D(2025, 11, 29), False),  # a year ago: older than a year counts as not reported
        (D(2020, 1, 1), False),
    ],
)
def test_a_self_report_counts_for_a_year(reported_on, current):
    assert self_report_current(reported_on, today=D(2026, 11, 29)) is current


@pytest.mark.parametrize(
    ("in_group", "total", "shown"),
    [
        (0, 0, 0),
        (0, 30, 0),
        (30, 30, 30),  # everyone is in the group: the rest is zero, nobody singled out
        (12, 30, 12),
        (10, 20, 10),
        (9, 30, None),  # small group
        (1, 30, None),
        (25, 30, None),  # the rest (5) could be had by subtraction
        (21, 30, None),  # the rest is 9
        (20, 30, 20),
        (3, 5, None),  # small total hides every group
        (0, 5, None),
        (5, 5, None),
    ],
)
def test_group_counts_hidden_when_they_or_the_rest_are_small(in_group, total, shown):
    assert group_count_shown(in_group, total) == shown


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
        (0, 10, Decimal("0.0")),
        (None, 10, None),
        (5, 0, None),
        (5, None, None),
    ],
)
def test_shares(part, whole, share):
    assert share_percent(part, whole) == share


@pytest.mark.parametrize(
    ("race", "prefer_not", "difficulties", "answer"),
    [
        ({"race_black"}, False, [], True),
        ({"race_white", "race_hispanic"}, False, [], True),
        ({"race_white"}, False, [], False),
        ({"race_white"}, False, ["none", "a_lot"], True),
        (set(), False, ["cannot"], True),
        (set(), False, ["none", "some"], False),
        (set(), True, [], None),
        (set(), False, [], None),
        (set(), True, ["prefer_not"], None),
        ({"race_white"}, True, [], None),
    ],
)
def test_who_counts_as_from_a_marginalized_community(race, prefer_not, difficulties, answer):
    assert (
        identifies_marginalized(
            race_categories=race, race_prefer_not=prefer_not, difficulties=difficulties
        )
        is answer
    )
