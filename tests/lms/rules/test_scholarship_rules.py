"""Ledger arithmetic and eligibility: pure functions, table tests."""

import datetime as dt

import pytest

from lms.rules.scholarships import Applicant, FundRules, eligibility_refusal, fund_position

C, K, R, S = "credit", "commitment", "release", "spend"


@pytest.mark.parametrize(
    ("entries", "held", "outstanding", "available"),
    [
        ([], 0, 0, 0),
        ([(C, 10000)], 10000, 0, 10000),
        ([(C, 10000), (K, 3000)], 10000, 3000, 7000),
        ([(C, 10000), (K, 3000), (R, 3000)], 10000, 0, 10000),
        ([(C, 10000), (K, 3000), (S, 3000)], 7000, 0, 7000),
        ([(C, 10000), (K, 3000), (K, 7000)], 10000, 10000, 0),
        ([(C, 5000), (C, 2500), (K, 4000), (S, 4000), (K, 1000)], 3500, 1000, 2500),
        ([(C, 100), (K, 100), (R, 100), (K, 100), (S, 100)], 0, 0, 0),
    ],
)
def test_fund_position(entries, held, outstanding, available):
    position = fund_position(entries)
    assert (position.held_cents, position.outstanding_cents, position.available_cents) == (
        held,
        outstanding,
        available,
    )


def test_ledger_amounts_are_positive():
    with pytest.raises(ValueError):
        fund_position([(C, 0)])


TODAY = dt.date(2026, 6, 1)
OPEN = {"period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 12, 31)}


@pytest.mark.parametrize(
    ("fund", "applicant", "cap", "asked", "refusal"),
    [
        (FundRules(**OPEN), Applicant(), None, 0, None),
        (
            FundRules(period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31)),
            Applicant(),
            None,
            0,
            "This scholarship fund is not open now.",
        ),
        (
            FundRules(**OPEN, is_active=False),
            Applicant(),
            None,
            0,
            "This scholarship fund is not open now.",
        ),
        (
            FundRules(**OPEN, budget_band_max="500k_5m"),
            Applicant(budget_band="under_500k"),
            None,
            0,
            None,
        ),
        (
            FundRules(**OPEN, budget_band_max="500k_5m"),
            Applicant(budget_band="500k_5m"),
            None,
            0,
            None,
        ),
        (
            FundRules(**OPEN, budget_band_max="500k_5m"),
            Applicant(budget_band="over_5m"),
            None,
            0,
            "This fund is for organizations with a budget $500K to $5M or smaller.",
        ),
        (
            FundRules(**OPEN, budget_band_max="under_500k"),
            Applicant(),
            None,
            0,
            "This fund is for organizations with a budget under $500K or smaller; "
            "your profile has no organization budget.",
        ),
        (FundRules(**OPEN, first_time_only=True), Applicant(is_first_time=True), None, 0, None),
        (
            FundRules(**OPEN, first_time_only=True),
            Applicant(is_first_time=False),
            None,
            0,
            "This fund is for people taking their first training with the coalition.",
        ),
        (
            FundRules(**OPEN, underrepresented_leadership_only=True),
            Applicant(leads_underrepresented=False),
            None,
            0,
            "This fund is for organizations led by people from historically "
            "underrepresented communities.",
        ),
        (
            FundRules(**OPEN, sub_sector="housing", sub_sector_label="Housing and homelessness"),
            Applicant(sub_sector="youth"),
            None,
            0,
            "This fund is for organizations in Housing and homelessness.",
        ),
        (
            FundRules(**OPEN, region_cities=("Peoria", "Joliet")),
            Applicant(city=" peoria "),
            None,
            0,
            None,
        ),
        (
            FundRules(**OPEN, region_cities=("Peoria", "Joliet")),
            Applicant(city="Chicago"),
            None,
            0,
            "This fund is for organizations in Peoria, Joliet.",
        ),
        (FundRules(**OPEN), Applicant(awarded_this_year_cents=5000), 10000, 5000, None),
        (
            FundRules(**OPEN),
            Applicant(awarded_this_year_cents=5000),
            10000,
            5001,
            "This fund awards at most $100.00 per person per year; $50.00 is left for you "
            "this year.",
        ),
    ],
)
def test_eligibility(fund, applicant, cap, asked, refusal):
    assert (
        eligibility_refusal(
            fund=fund, applicant=applicant, today=TODAY, cap_cents=cap, asked_cents=asked
        )
        == refusal
    )
