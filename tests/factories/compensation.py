import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from lms.models import (
    FacilitatorPayProfile,
    Payout,
    PayoutMethod,
    PayStatement,
    RateCard,
    StatementPeriod,
)

from .catalogue import (
    FacilitatorFactory,
    MeetingFactory,
    SessionFacilitatorFactory,
    SessionFactory,
)

CHICAGO = ZoneInfo("America/Chicago")


class RateCardFactory(factory.django.DjangoModelFactory):
    """The coalition's standard card for 2026 (no facilitator)."""

    class Meta:
        model = RateCard

    name = factory.Sequence(lambda n: f"Standard rates {n}")
    effective_from = dt.date(2026, 1, 1)
    effective_until = None
    lead_hourly_cents = 7500
    co_hourly_cents = 5000
    prep_hours_per_delivered_hour = Decimal("1.00")
    prep_hours_cap_per_meeting = Decimal("3.00")
    minimum_per_session_cents = 25000
    lived_experience_hourly_cents = 9000


class FacilitatorPayProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitatorPayProfile

    facilitator = factory.SubFactory(FacilitatorFactory)
    legal_name = factory.LazyAttribute(lambda o: o.facilitator.name)
    email = factory.Sequence(lambda n: f"facilitator{n}@example.org")
    address_line1 = "200 W Adams St"
    city = "Chicago"
    state = "IL"
    postal_code = "60606"
    payout_method = PayoutMethod.CHECK
    w9_received_on = dt.date(2026, 1, 15)


def chicago(day: str, time: str) -> dt.datetime:
    return dt.datetime.combine(
        dt.date.fromisoformat(day), dt.time.fromisoformat(time), tzinfo=CHICAGO
    )


def series_session(*, meetings, facilitators, training=None):
    """A session with meetings [(day, "HH:MM", minutes)] and facilitators {facilitator: role}."""
    kwargs = {"meeting": False}
    if training is not None:
        kwargs["training"] = training
    session = SessionFactory(**kwargs)
    for day, start, minutes in meetings:
        MeetingFactory(session=session, starts_at=chicago(day, start), minutes=minutes)
    for facilitator, role in facilitators.items():
        SessionFacilitatorFactory(session=session, facilitator=facilitator, role=role)
    return session


def session_report_file(*, session, delivered, filed=True, by=None):
    """File the session report: `delivered` maps each meeting (in order) to None (cancelled)
    or (actual start "HH:MM", actual minutes, {facilitator: role})."""
    from lms.models import DeliveryFacilitator, MeetingDelivery, SessionReport

    report, _ = SessionReport.objects.get_or_create(session=session)
    for meeting, outcome in zip(session.meetings.order_by("starts_at"), delivered, strict=True):
        day = timezone.localtime(meeting.starts_at, CHICAGO).date().isoformat()
        if outcome is None:
            MeetingDelivery.objects.update_or_create(
                meeting=meeting, defaults={"report": report, "status": "cancelled"}
            )
            continue
        start, minutes, people = outcome
        begin = chicago(day, start)
        delivery, _ = MeetingDelivery.objects.update_or_create(
            meeting=meeting,
            defaults={
                "report": report,
                "status": "delivered",
                "actual_starts_at": begin,
                "actual_ends_at": begin + dt.timedelta(minutes=minutes),
            },
        )
        delivery.facilitators.all().delete()
        for facilitator, role in people.items():
            DeliveryFacilitator.objects.create(
                delivery=delivery, facilitator=facilitator, role=role
            )
    report.status = "filed" if filed else "draft"
    report.filed_at = timezone.now() if filed else None
    report.filed_by = by
    report.save()
    return report


class PayStatementFactory(factory.django.DjangoModelFactory):
    """A statement row without lines (for lists and the 1099 list, not for pay sums)."""

    class Meta:
        model = PayStatement

    facilitator = factory.SubFactory(FacilitatorFactory)
    period = StatementPeriod.MONTH
    period_start = dt.date(2026, 2, 1)
    period_end = dt.date(2026, 2, 28)
    pay_cents = 45000


def paid_statement(*, facilitator, paid_on, pay_cents, expenses_cents=0, number=None):
    statement = PayStatementFactory(
        facilitator=facilitator,
        period_start=paid_on.replace(day=1),
        period_end=paid_on,
        pay_cents=pay_cents,
        expenses_cents=expenses_cents,
        status=PayStatement.Status.PAID,
        paid_on=paid_on,
        number=number,
    )
    Payout.objects.create(
        statement=statement,
        method=PayoutMethod.CHECK,
        status=Payout.Status.SUCCEEDED,
        amount_cents=pay_cents + expenses_cents,
        paid_on=paid_on,
        reference="1001",
    )
    return statement
