"""The one adapter from session reports to the pay rule: filed reports → `MeetingWork` values.

Only this module reads the session-report models (SessionReport, MeetingDelivery,
DeliveryFacilitator in lms/models/attendance.py). Everything else in facilitator pay works
from the values returned here, and statements keep a copy of their lines, so a later change
to the report models touches this file only.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Max, Q, QuerySet

from lms.models import Facilitator, MeetingDelivery, Session, SessionFacilitator, SessionReport
from lms.services.facilitator_pay import MeetingWork


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
