"""License renewal periods (pure): which dates a transcript period covers.

Illinois cycles (IDFPR): social workers (LSW, LCSW) renew November 30 of odd years;
professional counselors (LPC, LCPC) March 31 of odd years; marriage and family therapists
(LMFT) September 30 of even years. Others get calendar years.
"""

import datetime as dt
from dataclasses import dataclass

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
