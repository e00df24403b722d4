"""Reads for a participant's transcript: valid certificates, filtered by renewal period."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from certificates.models import Certificate, CreditCategory
from lms.rules.renewal_periods import RenewalPeriod, renewal_periods


def certificates_for_person(*, person):
    """Everything issued to the person, newest first (all statuses, for the list)."""
    return Certificate.objects.filter(registration__person=person).select_related("superseded_by")


@dataclass
class Transcript:
    certificates: list[Certificate]
    totals: list[tuple[str, Decimal]]
    total: Decimal
    period: RenewalPeriod | None
    periods: list[RenewalPeriod]


def transcript_for(*, person, credential: str, period_key: str = "", today: dt.date) -> Transcript:
    """Valid certificates (revoked and superseded do not count) whose first date falls in the
    chosen period, with hours by category. An unknown period key means all periods."""
    valid = [
        c
        for c in certificates_for_person(person=person).filter(status=Certificate.Status.VALID)
        if c.meeting_dates
    ]
    valid.sort(key=lambda c: c.meeting_dates[0])
    periods = renewal_periods(
        credential=credential, days=[c.dates()[0] for c in valid], today=today
    )
    period = next((p for p in periods if p.key == period_key), None)
    chosen = [c for c in valid if period is None or period.covers(c.dates()[0])]
    sums: dict[str, Decimal] = {}
    for certificate in chosen:
        for category, hours in certificate.hours.items():
            sums[category] = sums.get(category, Decimal("0")) + Decimal(hours)
    labels = CreditCategory.labels()
    totals = [(labels[c], sums[c]) for c in labels if c in sums]
    totals += [(c, h) for c, h in sums.items() if c not in labels]
    return Transcript(
        certificates=chosen,
        totals=totals,
        total=sum(sums.values(), Decimal("0")),
        period=period,
        periods=periods,
    )
