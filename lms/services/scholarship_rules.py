"""Pure scholarship rules: ledger arithmetic and eligibility. Plain values in, plain values out."""

import datetime as dt
from dataclasses import dataclass

CREDIT = "credit"
COMMITMENT = "commitment"
RELEASE = "release"
SPEND = "spend"

# Budget bands from smallest to largest (lms.models.BudgetBand values).
BUDGET_BAND_ORDER = ("under_500k", "500k_5m", "over_5m")
BUDGET_BAND_LABELS = {"under_500k": "under $500K", "500k_5m": "$500K to $5M", "over_5m": "over $5M"}


@dataclass(frozen=True)
class FundPosition:
    """A fund's position summed from its ledger.

    held: credits minus spends (money the fund still has).
    committed: awards made and not yet used or released.
    available: what the fund may still commit = held - committed.
    """

    credited_cents: int
    committed_cents: int
    released_cents: int
    spent_cents: int

    @property
    def outstanding_cents(self) -> int:
        return self.committed_cents - self.released_cents - self.spent_cents

    @property
    def held_cents(self) -> int:
        return self.credited_cents - self.spent_cents

    @property
    def available_cents(self) -> int:
        return self.held_cents - self.outstanding_cents


def fund_position(entries) -> FundPosition:
    """Sum (kind, amount_cents) pairs into a FundPosition."""
    totals = {CREDIT: 0, COMMITMENT: 0, RELEASE: 0, SPEND: 0}
    for kind, amount in entries:
        if amount <= 0:
            raise ValueError("Ledger amounts are positive; the kind gives the direction.")
        totals[kind] += amount
    return FundPosition(totals[CREDIT], totals[COMMITMENT], totals[RELEASE], totals[SPEND])


@dataclass(frozen=True)
class FundRules:
    period_start: dt.date
    period_end: dt.date
    is_active: bool = True
    budget_band_max: str = ""
    first_time_only: bool = False
    underrepresented_leadership_only: bool = False
    sub_sector: str = ""
    sub_sector_label: str = ""
    region_cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Applicant:
    budget_band: str = ""
    is_first_time: bool = False
    leads_underrepresented: bool = False
    sub_sector: str = ""
    city: str = ""
    awarded_this_year_cents: int = 0


def eligibility_refusal(
    *,
    fund: FundRules,
    applicant: Applicant,
    today: dt.date,
    cap_cents: int | None = None,
    asked_cents: int = 0,
) -> str | None:
    """Why `applicant` may not apply to `fund` (a sentence for them), or None if they may."""
    if not fund.is_active or not fund.period_start <= today <= fund.period_end:
        return "This scholarship fund is not open now."
    if fund.budget_band_max:
        limit = BUDGET_BAND_ORDER.index(fund.budget_band_max)
        band = applicant.budget_band
        if not band or BUDGET_BAND_ORDER.index(band) > limit:
            return (
                "This fund is for organizations with a budget "
                f"{BUDGET_BAND_LABELS[fund.budget_band_max]} or smaller"
                + ("; your profile has no organization budget." if not band else ".")
            )
    if fund.first_time_only and not applicant.is_first_time:
        return "This fund is for people taking their first training with the coalition."
    if fund.underrepresented_leadership_only and not applicant.leads_underrepresented:
        return (
            "This fund is for organizations led by people from historically "
            "underrepresented communities."
        )
    if fund.sub_sector and applicant.sub_sector != fund.sub_sector:
        return f"This fund is for organizations in {fund.sub_sector_label or fund.sub_sector}."
    if fund.region_cities:
        cities = {city.strip().lower() for city in fund.region_cities if city.strip()}
        if applicant.city.strip().lower() not in cities:
            return "This fund is for organizations in " + ", ".join(fund.region_cities) + "."
    if cap_cents is not None and applicant.awarded_this_year_cents + asked_cents > cap_cents:
        left = max(cap_cents - applicant.awarded_this_year_cents, 0)
        return (
            f"This fund awards at most ${cap_cents / 100:,.2f} per person per year; "
            f"${left / 100:,.2f} is left for you this year."
        )
    return None
