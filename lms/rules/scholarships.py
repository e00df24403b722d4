"""Pure scholarship rules: ledger arithmetic and eligibility. Plain values in, plain values out."""

import calendar
import datetime as dt
from dataclasses import dataclass

from lms.rules.money import dollars

CREDIT = "credit"
COMMITMENT = "commitment"
RELEASE = "release"
SPEND = "spend"
DEBIT = "debit"

# Budget bands from smallest to largest (lms.models.BudgetBand values).
BUDGET_BAND_ORDER = ("under_500k", "500k_5m", "over_5m")
BUDGET_BAND_LABELS = {"under_500k": "under $500K", "500k_5m": "$500K to $5M", "over_5m": "over $5M"}


@dataclass(frozen=True)
class FundPosition:
    """A fund's position summed from its ledger.

    held: credits minus debits minus spends (money the fund still has; a debit is credited
    money given back, such as the pay-it-forward part of a refunded supporter registration).
    committed: awards made and not yet used or released.
    available: what the fund may still commit = held - committed.
    """

    credited_cents: int
    committed_cents: int
    released_cents: int
    spent_cents: int
    debited_cents: int = 0

    @property
    def outstanding_cents(self) -> int:
        return self.committed_cents - self.released_cents - self.spent_cents

    @property
    def held_cents(self) -> int:
        return self.credited_cents - self.debited_cents - self.spent_cents

    @property
    def available_cents(self) -> int:
        return self.held_cents - self.outstanding_cents


def fund_position(entries) -> FundPosition:
    """Sum (kind, amount_cents) pairs into a FundPosition."""
    totals = {CREDIT: 0, COMMITMENT: 0, RELEASE: 0, SPEND: 0, DEBIT: 0}
    for kind, amount in entries:
        if amount <= 0:
            raise ValueError("Ledger amounts are positive; the kind gives the direction.")
        totals[kind] += amount
    return FundPosition(
        totals[CREDIT], totals[COMMITMENT], totals[RELEASE], totals[SPEND], totals[DEBIT]
    )


def supporter_surplus_to_reverse(
    *, credited_cents: int, debited_cents: int, refunded_cents: int
) -> int:
    """What a supporter fund gives back after refunds of a supporter registration.

    The pay-it-forward part is refunded first: of `refunded_cents` returned to the card, up to
    the `credited_cents` the fund received are taken back; `debited_cents` were already taken
    back by earlier refunds. Never negative, never more than was credited.
    """
    return max(0, min(credited_cents, refunded_cents) - debited_cents)


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
    no_show_wait_until: dt.date | None = None


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
    if applicant.no_show_wait_until and today < applicant.no_show_wait_until:
        return (
            "You did not attend a session this fund paid for, so you can apply to it again "
            f"from {applicant.no_show_wait_until:%B} {applicant.no_show_wait_until.day}, "
            f"{applicant.no_show_wait_until.year}."
        )
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
            f"This fund awards at most {dollars(cap_cents)} per person per year; "
            f"{dollars(left)} is left for you this year."
        )
    return None


def band_at_most(band: str, limit: str) -> bool:
    """Is budget band `band` the band `limit` or a smaller one? An unknown band is not."""
    if not band or band not in BUDGET_BAND_ORDER:
        return False
    return BUDGET_BAND_ORDER.index(band) <= BUDGET_BAND_ORDER.index(limit)


# --- No-show policy --------------------------------------------------------------------


SPEND_POLICY = "spend"  # ScholarshipFund.NoShowPolicy values
RELEASE_POLICY = "release"


@dataclass(frozen=True)
class NoShowOutcome:
    """What a fund's no-show policy does to one awardee who did not attend.

    return_to_fund: the award's amount goes back to the fund (policy "release"); with "spend"
    the award stays used. wait_until: the first day the person may apply to the fund again,
    or None when the fund sets no wait.
    """

    return_to_fund: bool
    wait_until: dt.date | None


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def no_show_outcome(
    *,
    policy: str,
    wait_months: int,
    award_used: bool,
    already_applied: bool,
    report_filed: bool,
    attended: bool,
    session_ended_on: dt.date | None,
) -> NoShowOutcome | None:
    """The policy's outcome for an awardee, or None when there is nothing to apply.

    Applied only to an award that was used (the registration was confirmed), once, after the
    facilitator filed the session report (attendance is final then), and only if the person
    was present at no meeting.
    """
    if not award_used or already_applied or not report_filed or attended:
        return None
    if session_ended_on is None:
        return None
    if policy not in (SPEND_POLICY, RELEASE_POLICY):
        raise ValueError(f"Unknown no-show policy {policy!r}.")
    return NoShowOutcome(
        return_to_fund=policy == RELEASE_POLICY,
        wait_until=months_after(session_ended_on, wait_months) if wait_months else None,
    )
