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


# --- Conference combined certificates ------------------------------------------------------


@dataclass
class ConferenceSessionLine:
    title: str
    dates: list[dt.date]
    hours: list[tuple[str, Decimal]]
    total: Decimal
    serial: str
    code: str


@dataclass
class ConferenceCertificate:
    """One participant's combined certificate for a conference and one approving body: each
    session attended (its own valid certificate) with its hours, and the totals per
    category. It adds up certificates that stay the verifiable records."""

    conference: object  # lms.Conference
    body_id: int
    body_name: str
    sessions: list[ConferenceSessionLine]
    totals: list[tuple[str, Decimal]]
    total: Decimal


def conference_certificates_for(*, person, conference_id: int | None = None) -> list:
    """The person's combined certificates: per conference and body, from their valid
    certificates of the conference's sessions, in date order."""
    labels = CreditCategory.labels()
    certificates = (
        Certificate.objects.filter(
            registration__person=person,
            status=Certificate.Status.VALID,
            registration__session__conference__isnull=False,
        )
        .select_related("registration__session__conference", "approval")
        .order_by("registration__session__starts_at", "pk")
    )
    if conference_id is not None:
        certificates = certificates.filter(registration__session__conference_id=conference_id)
    grouped: dict[tuple[int, int], list[Certificate]] = {}
    for certificate in certificates:
        key = (certificate.registration.session.conference_id, certificate.approval.body_id)
        grouped.setdefault(key, []).append(certificate)
    combined = []
    for (_conference_id, body_id), found in grouped.items():
        sums: dict[str, Decimal] = {}
        for certificate in found:
            for category, hours in certificate.hours.items():
                sums[category] = sums.get(category, Decimal("0")) + Decimal(hours)
        totals = [(labels[c], sums[c]) for c in labels if c in sums]
        totals += [(c, h) for c, h in sums.items() if c not in labels]
        combined.append(
            ConferenceCertificate(
                conference=found[0].registration.session.conference,
                body_id=body_id,
                body_name=found[0].body_name,
                sessions=[
                    ConferenceSessionLine(
                        title=c.training_title,
                        dates=c.dates(),
                        hours=c.hours_lines(),
                        total=c.total_hours,
                        serial=c.serial,
                        code=c.code,
                    )
                    for c in found
                ],
                totals=totals,
                total=sum(sums.values(), Decimal("0")),
            )
        )
    return combined
