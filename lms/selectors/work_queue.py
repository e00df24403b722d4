"""Reads for the staff home page's "Needs attention" work queue: what is waiting for someone,
oldest or most urgent first. Each function returns a queryset; the panel
(lms/admin/work_queue.py) counts it, shows the first few, and links each to where it is
handled. Bulk certificate runs are certificates' own (certificates/selectors.py), added to the
panel through the `register_work_queue_lines` hook.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet

from lms.models import (
    Invoice,
    Payment,
    ScholarshipApplication,
    Session,
    SessionReport,
    TechnicalAssistanceRequest,
)
from lms.selectors.registrations import sessions_with_seats_left

SOON_DAYS = 7


def scholarship_applications_waiting() -> QuerySet[ScholarshipApplication]:
    """Applications waiting for a decision, the seat that lapses first on top."""
    return (
        ScholarshipApplication.objects.filter(status=ScholarshipApplication.Status.PENDING)
        .select_related("person", "session__training", "registration")
        .order_by(F("registration__hold_expires_at").asc(nulls_last=True), "created_at")
    )


def payments_flagged() -> QuerySet[Payment]:
    """Payments flagged for a look (a failed refund, money for a seat that was gone, ...)."""
    return (
        Payment.objects.filter(needs_attention=True)
        .select_related("registration__person", "group__organization")
        .order_by("updated_at")
    )


def ta_requests_open() -> QuerySet[TechnicalAssistanceRequest]:
    """TA requests not closed, the oldest first."""
    return (
        TechnicalAssistanceRequest.objects.exclude(status=TechnicalAssistanceRequest.Status.CLOSED)
        .select_related("requester", "organization")
        .order_by("created_at")
    )


def invoices_overdue(*, today: dt.date) -> QuerySet[Invoice]:
    """Open invoices past their due date (Invoice.is_overdue), the longest overdue first."""
    return (
        Invoice.objects.filter(status=Invoice.Status.OPEN, due_on__lt=today)
        .select_related("organization")
        .order_by("due_on", "number")
    )


def sessions_under_filled(
    *, now: dt.datetime, threshold_percent: int | None = None
) -> QuerySet[Session]:
    """Scheduled sessions starting within SOON_DAYS days whose seats taken are below
    `threshold_percent` of capacity (WORK_QUEUE_FILL_THRESHOLD_PERCENT), soonest first.
    Seats taken counts the way the catalogue does (lms.selectors.registrations)."""
    threshold = (
        settings.WORK_QUEUE_FILL_THRESHOLD_PERCENT
        if threshold_percent is None
        else threshold_percent
    )
    soon = Session.objects.filter(
        status=Session.Status.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + dt.timedelta(days=SOON_DAYS),
        capacity__gt=0,
    ).select_related("training")
    return (
        sessions_with_seats_left(soon, now=now)
        .filter(seats_taken__lt=F("capacity") * threshold / 100.0)
        .order_by("starts_at", "pk")
    )


def sessions_without_report(*, now: dt.datetime) -> QuerySet[Session]:
    """Sessions whose last meeting has ended and whose report is not filed (none, or a draft),
    not cancelled; the longest waiting first."""
    filed = SessionReport.objects.filter(session=OuterRef("pk"), status=SessionReport.Status.FILED)
    return (
        Session.objects.exclude(status=Session.Status.CANCELLED)
        .annotate(ended_at=Max("meetings__ends_at"))
        .filter(Q(ended_at__lt=now), ~Exists(filed))
        .select_related("training", "report")
        .order_by("ended_at", "pk")
    )
