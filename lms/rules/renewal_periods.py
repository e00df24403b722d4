"""License renewal periods (pure): which dates a transcript period covers, and what a
period still needs (the renewal tracker).

Illinois cycles (IDFPR): social workers (LSW, LCSW) renew November 30 of odd years;
professional counselors (LPC, LCPC) March 31 of odd years; marriage and family therapists
(LMFT) September 30 of even years. Others get calendar years.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

# credential -> (month, day, parity of the ending year: 1 odd, 0 even)
CYCLES = {
    "LSW": (11, 30, 1),
    "LCSW": (11, 30, 1),
    "LPC": (3, 31, 1),
    "LCPC": (3, 31, 1),
    "LMFT": (9, 30, 0),
}


@dataclass(frozen=True)
class RenewalPeriod:
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m-%d}_{self.end:%Y-%m-%d}"

    @property
    def label(self) -> str:
        return f"{self.start:%b %-d, %Y} – {self.end:%b %-d, %Y}"

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def renewal_period_containing(*, credential: str, day: dt.date) -> RenewalPeriod:
    if credential not in CYCLES:
        return RenewalPeriod(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
    month, mday, parity = CYCLES[credential]
    year = day.year
    while year % 2 != parity or dt.date(year, month, mday) < day:
        year += 1
    end = dt.date(year, month, mday)
    start = dt.date(year - 2, month, mday) + dt.timedelta(days=1)
    return RenewalPeriod(start, end)


def renewal_periods(*, credential: str, days: list[dt.date], today: dt.date) -> list[RenewalPeriod]:
    """The periods containing any of `days` and today, newest first."""
    periods = {renewal_period_containing(credential=credential, day=d) for d in [*days, today]}
    return sorted(periods, key=lambda p: p.start, reverse=True)


# --- What a renewal period still needs ------------------------------------------------------


@dataclass(frozen=True)
class RenewalLine:
    """One category (or the total): required, earned here, added from elsewhere, still needed."""

    category: str
    required: Decimal
    earned_here: Decimal
    from_elsewhere: Decimal
    still_needed: Decimal

    @property
    def done(self) -> Decimal:
        return self.earned_here + self.from_elsewhere


@dataclass(frozen=True)
class RenewalProgress:
    categories: list[RenewalLine]
    total: RenewalLine

    @property
    def complete(self) -> bool:
        return self.total.still_needed == ZERO


ZERO = Decimal("0")


def renewal_still_needed(
    *,
    required_total: Decimal,
    required_by_category: Mapping[str, Decimal],
    earned_here: Mapping[str, Decimal],
    from_elsewhere: Mapping[str, Decimal],
) -> RenewalProgress:
    """Per required category: what is still needed there (never below zero; extra hours in
    one category do not make up for another). In total: the hours still missing from the
    total, but never less than the categories still need, since those hours are part of the
    total too."""
    lines = []
    for category, required in required_by_category.items():
        here = earned_here.get(category, ZERO)
        elsewhere = from_elsewhere.get(category, ZERO)
        lines.append(
            RenewalLine(category, required, here, elsewhere, max(ZERO, required - here - elsewhere))
        )
    here_total = sum(earned_here.values(), ZERO)
    elsewhere_total = sum(from_elsewhere.values(), ZERO)
    missing_total = max(ZERO, required_total - here_total - elsewhere_total)
    missing_in_categories = sum((line.still_needed for line in lines), ZERO)
    total = RenewalLine(
        "total",
        required_total,
        here_total,
        elsewhere_total,
        max(missing_total, missing_in_categories),
    )
    return RenewalProgress(lines, total)
