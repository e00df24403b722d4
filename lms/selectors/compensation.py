"""Reads for facilitator pay: the statements queue, a facilitator's own statements, and the
year-end 1099-NEC list."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Max, Q, QuerySet, Sum

from lms.exports import csv_text
from lms.models import (
    Facilitator,
    FacilitatorPayProfile,
    Form1099Threshold,
    MeetingDelivery,
    PayStatement,
    Session,
    SessionFacilitator,
    SessionReport,
)
from lms.rules.compensation import MeetingWork
from lms.rules.money import dollars_plain


def statements_for_facilitator(*, facilitator: Facilitator) -> QuerySet[PayStatement]:
    """What a facilitator sees: approved and paid statements (drafts are Finance's work)."""
    return (
        PayStatement.objects.filter(facilitator=facilitator)
        .exclude(status=PayStatement.Status.DRAFT)
        .select_related("session__training")
        .prefetch_related("payouts")
        .order_by("-period_start", "-number")
    )


def statements_queue(*, status: str = "") -> QuerySet[PayStatement]:
    statements = PayStatement.objects.select_related(
        "facilitator", "facilitator__pay_profile", "session__training"
    ).order_by("status", "-period_start", "facilitator__name")
    if status:
        statements = statements.filter(status=status)
    return statements


def form_1099_threshold_cents(*, year: int) -> int | None:
    """The 1099-NEC threshold in force for payments made in `year` (None if none recorded)."""
    return (
        Form1099Threshold.objects.filter(applies_from_year__lte=year)
        .order_by("-applies_from_year")
        .values_list("amount_cents", flat=True)
        .first()
    )


@dataclass(frozen=True)
class Form1099Row:
    facilitator: Facilitator
    profile: FacilitatorPayProfile | None
    statements: int
    paid_cents: int  # pay only: the amount for box 1 of the 1099-NEC
    expenses_cents: int  # reimbursed, not reported
    threshold_cents: int | None

    @property
    def legal_name(self) -> str:
        return self.profile.legal_name if self.profile else ""

    @property
    def reportable(self) -> bool:
        return self.threshold_cents is not None and self.paid_cents >= self.threshold_cents

    @property
    def w9_on_file(self) -> bool:
        return bool(self.profile and self.profile.w9_on_file)

    @property
    def flags(self) -> list[str]:
        flags = []
        if not self.w9_on_file:
            flags.append("W-9 missing")
        if self.profile is None:
            flags.append("no pay profile (legal name, address)")
        elif not self.profile.address_line1:
            flags.append("mailing address missing")
        if self.threshold_cents is None:
            flags.append("no 1099-NEC threshold recorded for this year")
        return flags


def form_1099_rows(*, year: int) -> list[Form1099Row]:
    """Per facilitator, what was paid in calendar `year` (by the date the money left) and
    whether it reaches that year's 1099-NEC threshold. Expenses are shown apart: they are
    reimbursements, not income."""
    threshold = form_1099_threshold_cents(year=year)
    totals = (
        PayStatement.objects.filter(status=PayStatement.Status.PAID, paid_on__year=year)
        .values("facilitator")
        .annotate(statements=Count("pk"), paid=Sum("pay_cents"), expenses=Sum("expenses_cents"))
    )
    by_facilitator = {row["facilitator"]: row for row in totals}
    facilitators = Facilitator.objects.filter(pk__in=by_facilitator).select_related("pay_profile")
    rows = []
    for facilitator in facilitators:
        row = by_facilitator[facilitator.pk]
        rows.append(
            Form1099Row(
                facilitator=facilitator,
                profile=getattr(facilitator, "pay_profile", None),
                statements=row["statements"],
                paid_cents=row["paid"] or 0,
                expenses_cents=row["expenses"] or 0,
                threshold_cents=threshold,
            )
        )
    return sorted(rows, key=lambda r: (not r.reportable, (r.legal_name or r.facilitator.name)))


CSV_HEADER = [
    "Facilitator",
    "Legal name",
    "Mailing address",
    "Email",
    "W-9 received",
    "Statements paid",
    "Paid (USD, 1099-NEC box 1)",
    "Reimbursed expenses (USD, not reported)",
    "1099-NEC threshold (USD)",
    "Reaches threshold",
    "Flags",
]


def form_1099_csv(*, year: int) -> str:
    rows = [CSV_HEADER]
    for row in form_1099_rows(year=year):
        profile = row.profile
        rows.append(
            [
                row.facilitator.name,
                row.legal_name,
                profile.mailing_address if profile else "",
                profile.email if profile else "",
                profile.w9_received_on.isoformat() if row.w9_on_file else "",
                row.statements,
                f"{dollars_plain(row.paid_cents)}",
                f"{dollars_plain(row.expenses_cents)}",
                "" if row.threshold_cents is None else dollars_plain(row.threshold_cents),
                "yes" if row.reportable else "no",
                "; ".join(row.flags),
            ]
        )
    return csv_text(rows)  # every cell formula-safe (lms/exports.py)


def form_1099_years() -> list[int]:
    years = PayStatement.objects.filter(paid_on__isnull=False).dates("paid_on", "year")
    return sorted({d.year for d in years}, reverse=True)


def session_local_date(session: Session, moment: dt.datetime) -> dt.date:
    return moment.astimezone(ZoneInfo(session.time_zone)).date()


def session_report_refusal(*, session: Session) -> str | None:
    """Why pay cannot be computed for this session yet, or None when its report is filed."""
    report = SessionReport.objects.filter(session=session).first()
    if report is None:
        return (
            f"No session report has been filed for “{session}”. Pay is computed from filed "
            "session reports only: the facilitator files it in the facilitator portal."
        )
    if report.status != SessionReport.Status.FILED:
        return (
            f"The session report for “{session}” is still a draft. Pay is computed from filed "
            "session reports only: ask the facilitator to file it."
        )
    return None


def session_report_filed_at(*, session: Session) -> dt.datetime | None:
    return (
        SessionReport.objects.filter(session=session, status=SessionReport.Status.FILED)
        .values_list("filed_at", flat=True)
        .first()
    )


def session_meeting_work(
    *, session: Session, facilitator: Facilitator, lived_experience: bool
) -> list[MeetingWork]:
    """The meetings of a session with a filed report, as this facilitator worked them.

    Delivered meetings count when the report names this facilitator (with the role it gives);
    cancelled meetings are listed when the facilitator was assigned to the session.
    """
    assigned_role = (
        SessionFacilitator.objects.filter(session=session, facilitator=facilitator)
        .values_list("role", flat=True)
        .first()
    )
    deliveries = (
        MeetingDelivery.objects.filter(report__session=session)
        .select_related("meeting")
        .prefetch_related("facilitators")
        .order_by("meeting__starts_at")
    )
    work = []
    for delivery in deliveries:
        day = session_local_date(session, delivery.meeting.starts_at)
        if delivery.status == MeetingDelivery.Status.CANCELLED:
            if assigned_role:
                work.append(
                    MeetingWork(
                        meeting_id=delivery.meeting_id, day=day, role=assigned_role, cancelled=True
                    )
                )
            continue
        roles = {person.facilitator_id: person.role for person in delivery.facilitators.all()}
        if facilitator.pk not in roles:
            continue
        work.append(
            MeetingWork(
                meeting_id=delivery.meeting_id,
                day=day,
                role=roles[facilitator.pk],
                actual_start=delivery.actual_starts_at,
                actual_end=delivery.actual_ends_at,
                lived_experience=lived_experience,
            )
        )
    return work


def _worked_by(facilitator: Facilitator) -> Q:
    return Q(assignments__facilitator=facilitator) | Q(
        meetings__delivery__facilitators__facilitator=facilitator
    )


def sessions_filed_for(*, facilitator: Facilitator, ended_by: dt.datetime) -> QuerySet[Session]:
    """Sessions with a filed report that this facilitator led or co-led (or was assigned to),
    whose last meeting started before `ended_by`."""
    worked = Session.objects.filter(_worked_by(facilitator)).values("pk")
    return (
        Session.objects.filter(pk__in=worked, report__status=SessionReport.Status.FILED)
        .annotate(last_meeting_at=Max("meetings__starts_at"))
        .filter(last_meeting_at__lt=ended_by)
        .order_by("last_meeting_at", "pk")
    )


def sessions_awaiting_report(
    *, facilitator: Facilitator, starts: dt.datetime, ends: dt.datetime
) -> QuerySet[Session]:
    """Sessions assigned to this facilitator, with a meeting in [starts, ends), whose report
    is not filed (missing or a draft)."""
    sessions = Session.objects.filter(
        assignments__facilitator=facilitator,
        meetings__starts_at__gte=starts,
        meetings__starts_at__lt=ends,
    ).exclude(status=Session.Status.CANCELLED)
    sessions = sessions.exclude(report__status=SessionReport.Status.FILED)
    return sessions.distinct().order_by("starts_at", "pk")


def facilitators_with_work() -> QuerySet[Facilitator]:
    """Everyone who was assigned to a session or named in a session report."""
    worked = Q(assignments__isnull=False) | Q(deliveries__isnull=False)
    return Facilitator.objects.filter(worked).distinct().order_by("name")


def sessions_worked_in(
    *, facilitator: Facilitator, starts: dt.datetime, ends: dt.datetime
) -> QuerySet[Session]:
    """Sessions with a meeting in [starts, ends) that this facilitator was assigned to or is
    named in the report for (a substitute)."""
    in_period = Q(meetings__starts_at__gte=starts, meetings__starts_at__lt=ends)
    worked = Session.objects.filter(_worked_by(facilitator))
    return (
        Session.objects.filter(in_period, pk__in=worked.values("pk"))
        .exclude(status=Session.Status.CANCELLED)
        .distinct()
        .order_by("starts_at", "pk")
    )
