"""The staff home page's "Needs attention" panel: what is waiting for someone, each line
linking to the listing where it is handled and its first few items to their own pages.

A line is shown only to people with its permission (the one the action that handles it
needs) and only when something is waiting. The queries are lms/selectors/work_queue.py; an
app above lms adds lines of its own through the `register_work_queue_lines` hook (each hook
returns a list of `WorkQueueLine`), as certificates does for bulk certificate runs.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from wagtail import hooks
from wagtail.admin.ui.components import Component

from lms.rules.money import dollars
from lms.selectors import work_queue as selectors

SHOWN_PER_LINE = 5


@dataclass(frozen=True)
class WorkQueueLine:
    """One kind of waiting work: `rows(now)` is the queryset; `item_text(row, now)` and
    `item_url(row)` say what each row is and where it is handled; `listing_url` is the
    listing with all of them."""

    key: str
    title: str
    permission: str
    rows: Callable[[dt.datetime], Any]
    listing_url: Callable[[], str]
    item_url: Callable[[Any], str]
    item_text: Callable[[Any, dt.datetime], str]
    order: int = 50


def _time_left(until: dt.datetime | None, now: dt.datetime) -> str:
    if until is None:
        return "no hold"
    if until <= now:
        return "hold lapsing now"
    return f"{timeuntil(until, now)} left"


def _application_text(application, now) -> str:
    hold = application.registration.hold_expires_at if application.registration else None
    return (
        f"{application.person.get_full_name() or application.person.email} – "
        f"{application.session.training.title}: "
        f"{dollars(application.amount_requested_cents)}, {_time_left(hold, now)}"
    )


def _payment_text(payment, now) -> str:
    return f"Payment {payment.pk}, {dollars(payment.amount_cents)}: {payment.attention_note}"


def _ta_text(request, now) -> str:
    who = request.organization_name or request.requester_name
    return (
        f"{request.topic} ({who}) – {request.get_status_display()}, "
        f"asked {timezone.localtime(request.created_at):%b %-d}"
    )


def _invoice_text(invoice, now) -> str:
    days = (timezone.localdate(now) - invoice.due_on).days
    return (
        f"{invoice.display_number} {invoice.organization}: {dollars(invoice.total_cents)}, "
        f"{days} day{'s' if days != 1 else ''} overdue"
    )


def _session_fill_text(session, now) -> str:
    return (
        f"{session} – {session.seats_taken} of {session.capacity} seats taken, "
        f"starts in {timeuntil(session.starts_at, now)}"
    )


def _session_report_text(session, now) -> str:
    report = getattr(session, "report", None)
    state = "report in draft" if report else "no report"
    return f"{session} – ended {timezone.localtime(session.ended_at):%b %-d}, {state}"


def _session_report_url(session) -> str:
    report = getattr(session, "report", None)
    if report is not None:
        return reverse("session_reports:inspect", args=[report.pk])
    return reverse("sessions:edit", args=[session.pk])


LMS_LINES = [
    WorkQueueLine(
        "scholarships",
        "Scholarship applications waiting",
        "lms.change_scholarshipapplication",
        rows=lambda now: selectors.scholarship_applications_waiting(),
        listing_url=lambda: reverse("lms_scholarship_applications:index") + "?status=pending",
        item_url=lambda a: reverse("lms_scholarship_applications:review", args=[a.pk]),
        item_text=_application_text,
        order=10,
    ),
    WorkQueueLine(
        "payments",
        "Payments flagged for a look",
        "lms.add_refund",
        rows=lambda now: selectors.payments_flagged(),
        listing_url=lambda: reverse("lms_payments:index") + "?needs_attention=true",
        item_url=lambda p: reverse("lms_payments:inspect", args=[p.pk]),
        item_text=_payment_text,
        order=20,
    ),
    WorkQueueLine(
        "invoices",
        "Invoices overdue",
        "lms.change_invoice",
        rows=lambda now: selectors.invoices_overdue(today=timezone.localdate(now)),
        listing_url=lambda: reverse("lms_invoices:index") + "?status=open",
        item_url=lambda i: reverse("lms_invoices:edit", args=[i.pk]),
        item_text=_invoice_text,
        order=30,
    ),
    WorkQueueLine(
        "ta_requests",
        "TA requests open",
        "lms.change_technicalassistancerequest",
        rows=lambda now: selectors.ta_requests_open(),
        listing_url=lambda: reverse("technical_assistance:index"),
        item_url=lambda r: reverse("technical_assistance:edit", args=[r.pk]),
        item_text=_ta_text,
        order=40,
    ),
    WorkQueueLine(
        "under_filled",
        "Sessions starting within 7 days below the fill threshold",
        "lms.change_session",
        rows=lambda now: selectors.sessions_under_filled(now=now),
        listing_url=lambda: reverse("sessions:index") + "?status=scheduled",
        item_url=lambda s: reverse("sessions:edit", args=[s.pk]),
        item_text=_session_fill_text,
        order=60,
    ),
    WorkQueueLine(
        "session_reports",
        "Sessions finished with no session report",
        "lms.change_sessionreport",
        rows=lambda now: selectors.sessions_without_report(now=now),
        listing_url=lambda: reverse("session_reports:index"),
        item_url=_session_report_url,
        item_text=_session_report_text,
        order=70,
    ),
]


def work_queue_lines() -> list[WorkQueueLine]:
    lines = list(LMS_LINES)
    for hook in hooks.get_hooks("register_work_queue_lines"):
        lines.extend(hook())
    return sorted(lines, key=lambda line: line.order)


@dataclass
class ShownLine:
    line: WorkQueueLine
    count: int
    url: str
    items: list[tuple[str, str]]


def work_queue_for(user, *, now: dt.datetime | None = None) -> list[ShownLine]:
    """The lines `user` may act on that have something waiting, with their first items."""
    now = now or timezone.now()
    shown = []
    for line in work_queue_lines():
        if not user.has_perm(line.permission):
            continue
        rows = line.rows(now)
        count = rows.count()
        if not count:
            continue
        items = [(line.item_text(row, now), line.item_url(row)) for row in rows[:SHOWN_PER_LINE]]
        shown.append(ShownLine(line, count, line.listing_url(), items))
    return shown


class WorkQueuePanel(Component):
    """Above the indicators (IndicatorsPanel.order is 50)."""

    name = "work_queue"
    order = 40
    template_name = "lms/admin/work_queue_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"lines": work_queue_for(self.request.user)}


def homepage_panels(request, panels):
    user = request.user
    if any(user.has_perm(line.permission) for line in work_queue_lines()):
        panels.append(WorkQueuePanel(request))
