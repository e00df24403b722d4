"""Reads for the facilitator portal, attendance, completion and private materials."""

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from lms.models import (
    AttendanceRecord,
    Meeting,
    Registration,
    Session,
    SessionFacilitator,
    SessionMaterial,
)
from lms.rules.attendance import CompletionStatus, MeetingPresence, completion_status


def facilitator_for(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "facilitator", None)


def facilitator_sessions(*, user) -> QuerySet[Session]:
    """Sessions the user leads or co-facilitates; nothing for anyone else."""
    facilitator = facilitator_for(user)
    if facilitator is None:
        return Session.objects.none()
    registered = (
        Registration.objects.filter(session=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    checked_in = (
        AttendanceRecord.objects.filter(
            registration__session=OuterRef("pk"), arrived_at__isnull=False
        )
        .values("registration__session")
        .annotate(n=Count("registration", distinct=True))
        .values("n")
    )
    return (
        Session.objects.filter(assignments__facilitator=facilitator)
        .select_related("training")
        .prefetch_related("meetings")
        .annotate(
            registered_count=Coalesce(Subquery(registered), 0),
            checked_in_count=Coalesce(Subquery(checked_in), 0),
        )
        .order_by("starts_at", "pk")
        .distinct()
    )


def facilitator_session_or_404(*, user, session_id: int) -> Session:
    session = facilitator_sessions(user=user).filter(pk=session_id).first()
    if session is None:
        raise Http404("No session of yours has this number.")
    return session


def session_roster(*, session: Session, search: str = "") -> QuerySet[Registration]:
    """Confirmed participants with what they chose to share (pronouns, accessibility needs)."""
    registrations = (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED)
        .select_related("person__profile__organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for word in search.split()[:5]:
        registrations = registrations.filter(
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(person__profile__printed_name__icontains=word)
            | Q(person__profile__organization__name__icontains=word)
        )
    return registrations


def meeting_attendance(*, meeting: Meeting) -> dict[int, AttendanceRecord]:
    return {record.registration_id: record for record in meeting.attendance.all()}


def meeting_current(*, session: Session, now=None) -> Meeting | None:
    """The meeting under way or next; the last one once the series is over."""
    now = now or timezone.now()
    meetings = list(session.meetings.all())
    for meeting in meetings:
        if meeting.ends_at >= now:
            return meeting
    return meetings[-1] if meetings else None


def presence_from_record(*, meeting: Meeting, record: AttendanceRecord | None) -> MeetingPresence:
    scheduled = meeting.scheduled_minutes
    local_date = timezone.localtime(meeting.starts_at).date()
    if record is None or not record.is_present or record.minutes_present == 0:
        return MeetingPresence(
            scheduled_minutes=scheduled,
            break_minutes=meeting.break_minutes,
            late_minutes=scheduled,
            date=local_date,
        )
    late = max(0, int((record.arrived_at - meeting.starts_at).total_seconds() // 60))
    left = record.left_at or meeting.ends_at
    early = max(0, int((meeting.ends_at - left).total_seconds() // 60))
    return MeetingPresence(
        scheduled_minutes=scheduled,
        break_minutes=meeting.break_minutes,
        present_minutes=min(record.minutes_present, scheduled),
        late_minutes=min(late, scheduled),
        left_early_minutes=min(early, scheduled),
        date=local_date,
        departure_unconfirmed=record.departure_unconfirmed,
    )


def registration_presences(*, registration: Registration) -> list[MeetingPresence]:
    meetings = list(registration.session.meetings.all())
    records = {r.meeting_id: r for r in AttendanceRecord.objects.filter(registration=registration)}
    return [presence_from_record(meeting=m, record=records.get(m.pk)) for m in meetings]


def registration_completion(*, registration: Registration, now=None) -> CompletionStatus | None:
    """completed / partial / no_show once the last meeting has ended; None before that."""
    return session_completions(session=registration.session, now=now).get(registration.pk)


def session_completions(*, session: Session, now=None) -> dict[int, CompletionStatus]:
    """Completion status of every confirmed registration of a session (empty before its end)."""
    now = now or timezone.now()
    meetings = list(session.meetings.all())
    if not meetings or meetings[-1].ends_at > now:
        return {}
    records = {}
    for record in AttendanceRecord.objects.filter(meeting__session=session):
        records[(record.registration_id, record.meeting_id)] = record
    grace = settings.ATTENDANCE_COMPLETION_GRACE_MINUTES
    result = {}
    for registration_id in Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).values_list("pk", flat=True):
        presences = [
            presence_from_record(meeting=m, record=records.get((registration_id, m.pk)))
            for m in meetings
        ]
        result[registration_id] = completion_status(presences, grace_minutes=grace)
    return result


def session_facilitators(*, session: Session) -> QuerySet[SessionFacilitator]:
    return session.assignments.select_related("facilitator").order_by("role", "facilitator__name")


def session_materials(*, session: Session) -> QuerySet[SessionMaterial]:
    return session.materials.filter(withdrawn_at__isnull=True).order_by("uploaded_at")


def material_visible_to(*, material: SessionMaterial, user) -> bool:
    """The session's facilitators, staff who may view materials, and confirmed registrants."""
    if not user.is_authenticated or material.withdrawn_at:
        return False
    if user.has_perm("lms.view_sessionmaterial"):
        return True
    if facilitator_sessions(user=user).filter(pk=material.session_id).exists():
        return True
    return Registration.objects.filter(
        session_id=material.session_id, person=user, status=Registration.Status.CONFIRMED
    ).exists()


def sessions_with_materials_for(*, user) -> QuerySet[Session]:
    return Session.objects.filter(
        registrations__person=user, registrations__status=Registration.Status.CONFIRMED
    ).prefetch_related(
        Prefetch("materials", queryset=SessionMaterial.objects.filter(withdrawn_at__isnull=True))
    )


def session_attendance_corrections(*, session) -> dict[int, list]:
    """{registration id: [AttendanceRecord]} of the session's attendance corrected by hand,
    with who corrected and why, for the certificate eligibility page."""
    from lms.models import AttendanceRecord, AttendanceSource

    corrections: dict[int, list] = {}
    for record in (
        AttendanceRecord.objects.filter(
            meeting__session=session, source=AttendanceSource.CORRECTION
        )
        .select_related("meeting", "recorded_by")
        .order_by("meeting__starts_at", "pk")
    ):
        corrections.setdefault(record.registration_id, []).append(record)
    return corrections
