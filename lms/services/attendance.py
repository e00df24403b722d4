"""Writes for attendance: check-in (QR, roster or room code), check-out, the facilitator's
confirmation of whole-meeting attendance, corrections, virtual-platform reports,
session materials and the session report. Each locks, checks, acts and logs."""

import datetime as dt
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    AttendanceSource,
    DeliveryFacilitator,
    Meeting,
    MeetingDelivery,
    Registration,
    Session,
    SessionMaterial,
    SessionReport,
)
from lms.rules.attendance import (
    RoomCodeMode,
    RoomCodeVerdict,
    intervals_clip,
    minutes_in,
    room_code,
    room_code_seconds_left,
    room_code_verdict,
    room_code_window,
)
from lms.rules.time_zones import session_time_zone
from lms.services.audit import audit_log


class AttendanceError(DomainError):
    """A check-in, correction or report that breaks a rule; the message is for the user."""


def _check_participant(registration: Registration, meeting: Meeting):
    if registration.session_id != meeting.session_id:
        raise AttendanceError(gettext("This registration is for a different session."))
    if registration.status != Registration.Status.CONFIRMED:
        raise AttendanceError(
            f"{registration.person} is not a confirmed participant "
            f"({registration.get_status_display().lower()})."
        )


CHECK_IN_OPENS_BEFORE = dt.timedelta(hours=2)


def registration_checkin_token(registration: Registration) -> str:
    return registration.check_in_code


def registration_checkin_url(registration: Registration) -> str:
    return registration.check_in_url


CODE_RE = re.compile(r"(?:/check-in/)?([A-Za-z0-9_-]{16,32})/?\s*$")


def registration_from_checkin_token(text: str) -> Registration | None:
    """The registration a scanned code (bare code or check-in URL) stands for, or None."""
    match = CODE_RE.search((text or "").strip())
    if not match:
        return None
    return (
        Registration.objects.select_related("person", "session")
        .filter(check_in_code=match.group(1))
        .first()
    )


def _minutes_present(meeting: Meeting, arrived_at, left_at) -> int:
    if arrived_at is None:
        return 0
    end = left_at or meeting.ends_at
    return minutes_in(
        intervals_clip([(arrived_at, end)], start=meeting.starts_at, end=meeting.ends_at)
    )


def attendance_check_in(
    *,
    registration: Registration,
    meeting: Meeting,
    by,
    source: str = AttendanceSource.ROSTER,
    now=None,
) -> tuple[AttendanceRecord, bool]:
    """Check someone in; returns (record, created). Checking in twice changes nothing.

    During the meeting (from two hours before) the arrival is now; after the meeting it is
    the scheduled start (a facilitator marking the roster afterwards); arrivals can be
    corrected with attendance_correct."""
    now = now or timezone.now()
    _check_participant(registration, meeting)
    if now < meeting.starts_at - CHECK_IN_OPENS_BEFORE:
        raise AttendanceError(gettext("Check-in opens two hours before the meeting starts."))
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        record = AttendanceRecord.objects.filter(registration=registration, meeting=meeting).first()
        if record and record.is_present:
            return record, False
        arrived = now if now <= meeting.ends_at else meeting.starts_at
        record = record or AttendanceRecord(registration=registration, meeting=meeting)
        record.arrived_at, record.left_at = arrived, None
        record.checked_out_at = record.whole_meeting_confirmed_at = None
        record.minutes_present = _minutes_present(meeting, arrived, None)
        record.source, record.recorded_by = source, by
        record.save()
        audit_log(
            instance=registration,
            action="lms.attendance.check_in",
            user=by,
            data={"meeting": meeting.pk, "arrived_at": arrived.isoformat(), "source": source},
        )
    return record, True


def attendance_correct(
    *, registration: Registration, meeting: Meeting, arrived_at, left_at, by, reason: str = ""
) -> AttendanceRecord:
    """Set arrival and departure by hand; no arrival means absent. Kept over later imports.
    The reason and who corrected are kept on the record, logged, and shown beside the
    certificate eligibility."""
    _check_participant(registration, meeting)
    reason = reason.strip()
    if arrived_at and left_at and left_at <= arrived_at:
        raise AttendanceError(gettext("The departure must be after the arrival."))
    if left_at and not arrived_at:
        raise AttendanceError(
            gettext("Give an arrival time, or clear both to mark the person absent.")
        )
    window = (meeting.starts_at - CHECK_IN_OPENS_BEFORE, meeting.ends_at + CHECK_IN_OPENS_BEFORE)
    for value in (arrived_at, left_at):
        if value and not window[0] <= value <= window[1]:
            raise AttendanceError(
                gettext("Times must be on the meeting's day, near its scheduled hours.")
            )
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        record, _ = AttendanceRecord.objects.get_or_create(
            registration=registration,
            meeting=meeting,
            defaults={"source": AttendanceSource.CORRECTION},
        )
        before = {"arrived_at": record.arrived_at, "left_at": record.left_at}
        record.arrived_at, record.left_at = arrived_at, left_at
        record.minutes_present = _minutes_present(meeting, arrived_at, left_at)
        record.source, record.recorded_by = AttendanceSource.CORRECTION, by
        record.correction_reason = reason
        record.save()
        audit_log(
            instance=registration,
            action="lms.attendance.correct",
            user=by,
            data={
                "meeting": meeting.pk,
                "before": {k: v.isoformat() if v else None for k, v in before.items()},
                "arrived_at": arrived_at.isoformat() if arrived_at else None,
                "left_at": left_at.isoformat() if left_at else None,
                "reason": reason,
            },
        )
    return record


def attendance_check_out(
    *,
    registration: Registration,
    meeting: Meeting,
    by,
    source: str = AttendanceSource.ROSTER,
    now=None,
) -> AttendanceRecord:
    """Record the departure of someone checked in: the exit time is now. Minutes attended
    are then the time from check-in to check-out inside the scheduled meeting."""
    now = now or timezone.now()
    _check_participant(registration, meeting)
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        record = AttendanceRecord.objects.filter(registration=registration, meeting=meeting).first()
        if record is None or not record.is_present:
            raise AttendanceError(
                gettext("Check in first: there is no check-in to check out from.")
            )
        if record.checked_out_at is not None:
            left = timezone.localtime(
                record.checked_out_at, session_time_zone(meeting.session.time_zone)
            )
            raise AttendanceError(f"Already checked out (at {left:%-I:%M %p}).")
        if now < record.arrived_at:
            raise AttendanceError(gettext("The check-out cannot be before the check-in."))
        record.left_at = record.checked_out_at = now
        record.minutes_present = _minutes_present(meeting, record.arrived_at, now)
        record.save()
        audit_log(
            instance=registration,
            action="lms.attendance.check_out",
            user=by,
            data={"meeting": meeting.pk, "left_at": now.isoformat(), "source": source},
        )
    return record


def attendance_confirm_whole_meeting(
    *, meeting: Meeting, registrations: Sequence[Registration], by, now=None
) -> list[AttendanceRecord]:
    """The facilitator confirms that people checked in without a check-out stayed for the
    whole meeting; only then do their minutes count to the scheduled end. Returns the records
    confirmed (people already checked out or confirmed are left as they are)."""
    now = now or timezone.now()
    if now < meeting.ends_at:
        raise AttendanceError(
            "Whole-meeting attendance can be confirmed once the meeting has ended; "
            "until then, check people out as they leave."
        )
    confirmed = []
    with transaction.atomic():
        records = (
            AttendanceRecord.objects.select_for_update()
            .filter(meeting=meeting, registration__in=[r.pk for r in registrations])
            .select_related("registration__person")
        )
        for record in records:
            if not record.departure_unconfirmed:
                continue
            record.whole_meeting_confirmed_at, record.whole_meeting_confirmed_by = now, by
            record.minutes_present = _minutes_present(meeting, record.arrived_at, None)
            record.save()
            audit_log(
                instance=record.registration,
                action="lms.attendance.confirm_whole_meeting",
                user=by,
                data={"meeting": meeting.pk},
            )
            confirmed.append(record)
    if not confirmed:
        raise AttendanceError(gettext("No one here is waiting for a check-out or a confirmation."))
    return confirmed


# --- Rotating room code ---------------------------------------------------------------------


def _room_code_key() -> bytes:
    """A key derived from SECRET_KEY for room codes only."""
    return salted_hmac("lms.room_code", "key", algorithm="sha256").digest()


@dataclass(frozen=True)
class RoomCode:
    code: str
    seconds_left: int
    mode: RoomCodeMode


def room_code_now(*, meeting: Meeting, mode: RoomCodeMode, now=None) -> RoomCode:
    """The code the facilitator's screen shows now, and how long it stays."""
    timestamp = (now or timezone.now()).timestamp()
    code = room_code(
        key=_room_code_key(),
        meeting_id=meeting.pk,
        mode=mode,
        window=room_code_window(timestamp),
    )
    return RoomCode(code=code, seconds_left=room_code_seconds_left(timestamp), mode=mode)


ROOM_CODE_OPEN_AFTER = dt.timedelta(hours=1)


def _room_code_meeting_open(meeting: Meeting, mode: RoomCodeMode, now) -> None:
    zone = session_time_zone(meeting.session.time_zone)
    day = meeting.starts_at.astimezone(zone).date()
    if day != now.astimezone(zone).date():
        raise AttendanceError(f"This room code is for the meeting on {day:%A, %B %-d}, not today.")
    opens = meeting.starts_at - CHECK_IN_OPENS_BEFORE
    if now < opens:
        raise AttendanceError(
            f"Check-in opens at {opens.astimezone(zone):%-I:%M %p}, two hours before the "
            "meeting starts."
        )
    if mode == RoomCodeMode.CHECK_IN and now > meeting.ends_at:
        raise AttendanceError(
            "This meeting has ended, so check-in is closed; ask the facilitator to record "
            "your attendance."
        )
    if now > meeting.ends_at + ROOM_CODE_OPEN_AFTER:
        raise AttendanceError(
            "This meeting has ended; ask the facilitator to record your attendance."
        )


def room_code_candidates(*, user, code: str, now=None) -> tuple[Meeting, RoomCodeMode] | None:
    """The meeting and mode a typed room code belongs to, among today's meetings (the
    person's own first), or None. The code is checked again by attendance_room_code_use."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(
            starts_at__lte=now + dt.timedelta(hours=14),
            ends_at__gte=now - dt.timedelta(hours=14),
        ).select_related("session")
    )
    own = set(
        Registration.objects.filter(person=user, status=Registration.Status.CONFIRMED).values_list(
            "session_id", flat=True
        )
    )
    meetings.sort(key=lambda m: (m.session_id not in own, m.starts_at))
    found = None
    for meeting in meetings:
        for mode in RoomCodeMode:
            verdict = room_code_verdict(
                key=_room_code_key(),
                meeting_id=meeting.pk,
                mode=mode,
                code=code,
                timestamp=now.timestamp(),
            )
            if verdict == RoomCodeVerdict.ACCEPTED:
                return meeting, mode
            if verdict == RoomCodeVerdict.EXPIRED and found is None:
                found = (meeting, mode)
    return found


def attendance_room_code_use(
    *, user, meeting: Meeting, mode: RoomCodeMode, code: str, now=None
) -> tuple[AttendanceRecord, bool]:
    """A signed-in participant checks themselves in or out with the code on the screen.
    Returns (record, changed): checking in twice changes nothing."""
    now = now or timezone.now()
    verdict = room_code_verdict(
        key=_room_code_key(),
        meeting_id=meeting.pk,
        mode=mode,
        code=code,
        timestamp=now.timestamp(),
    )
    if verdict == RoomCodeVerdict.EXPIRED:
        raise AttendanceError(
            "This room code has expired: codes change every 30 seconds. "
            "Scan the code on the screen again."
        )
    if verdict != RoomCodeVerdict.ACCEPTED:
        raise AttendanceError(
            "This is not the room code of this meeting. Scan the code on the screen again."
        )
    registration = (
        Registration.objects.filter(
            session=meeting.session_id, person=user, status=Registration.Status.CONFIRMED
        )
        .select_related("person", "session")
        .first()
    )
    if registration is None:
        raise AttendanceError(
            "You do not have a confirmed registration for this session. "
            "Please see the facilitator or the registration desk."
        )
    _room_code_meeting_open(meeting, mode, now)
    if mode == RoomCodeMode.CHECK_IN:
        return attendance_check_in(
            registration=registration,
            meeting=meeting,
            by=user,
            source=AttendanceSource.ROOM_CODE,
            now=now,
        )
    return (
        attendance_check_out(
            registration=registration,
            meeting=meeting,
            by=user,
            source=AttendanceSource.ROOM_CODE,
            now=now,
        ),
        True,
    )


def session_material_add(*, session: Session, title: str, uploaded_file, by) -> SessionMaterial:
    extension = os.path.splitext(uploaded_file.name)[1].lower().lstrip(".")
    if extension not in settings.MATERIAL_EXTENSIONS:
        allowed = ", ".join(settings.MATERIAL_EXTENSIONS)
        raise AttendanceError(
            gettext("Files of type “.%(extension)s” cannot be shared; allowed: %(allowed)s.")
            % {"extension": extension, "allowed": allowed}
        )
    if uploaded_file.size > settings.MATERIAL_MAX_BYTES:
        raise AttendanceError(
            f"The file is larger than {filesizeformat(settings.MATERIAL_MAX_BYTES)}."
        )
    safe = hashlib.sha256(os.urandom(16)).hexdigest()[:12]
    uploaded_file.name = f"{safe}-{os.path.basename(uploaded_file.name)[-80:]}"
    material = SessionMaterial.objects.create(
        session=session,
        title=title.strip() or uploaded_file.name,
        file=uploaded_file,
        uploaded_by=by,
    )
    audit_log(instance=session, action="lms.material.add", user=by, data={"material": material.pk})
    return material


def session_material_withdraw(*, material: SessionMaterial, by) -> SessionMaterial:
    if material.withdrawn_at is None:
        material.withdrawn_at = timezone.now()
        material.save(update_fields=["withdrawn_at"])
        audit_log(
            instance=material.session,
            action="lms.material.withdraw",
            user=by,
            data={"material": material.pk},
        )
    return material


class SessionReportError(DomainError):
    """A session report that cannot be saved or filed; `reasons` lists each problem."""

    def __init__(self, reasons: Sequence[str]):
        super().__init__("; ".join(reasons), reasons=reasons)


@dataclass(frozen=True)
class DeliveryInput:
    meeting: Meeting
    delivered: bool
    actual_starts_at: dt.datetime | None
    actual_ends_at: dt.datetime | None
    facilitators: dict  # Facilitator -> role


def session_report_save(
    *, session: Session, notes: str, deliveries: Sequence[DeliveryInput], by, file: bool
) -> SessionReport:
    """Save the session report (a draft) or file it. A filed report is final for the
    facilitator; staff can reopen it (session_report_reopen)."""
    errors = []
    meetings = set(session.meetings.values_list("pk", flat=True))
    given = {d.meeting.pk for d in deliveries}
    if given != meetings:
        errors.append("Every meeting of the session needs a line in the report.")
    for d in deliveries:
        local = timezone.localtime(d.meeting.starts_at).strftime("%b %-d")
        if not d.delivered:
            continue
        if not (d.actual_starts_at and d.actual_ends_at):
            errors.append(f"{local}: give the actual start and end.")
        elif d.actual_ends_at <= d.actual_starts_at:
            errors.append(f"{local}: the end must be after the start.")
        elif d.actual_ends_at - d.actual_starts_at > dt.timedelta(hours=12):
            errors.append(f"{local}: a meeting cannot last more than 12 hours.")
        if not d.facilitators:
            errors.append(f"{local}: say who facilitated.")
        elif file and "lead" not in d.facilitators.values():
            errors.append(f"{local}: one facilitator must be the lead.")
    if errors:
        raise SessionReportError(errors)
    with transaction.atomic():
        Session.objects.select_for_update().get(pk=session.pk)
        report, _ = SessionReport.objects.get_or_create(session=session)
        if report.status == SessionReport.Status.FILED:
            raise SessionReportError(
                ["This session report is already filed; ask staff to reopen it."]
            )
        report.notes = notes
        for d in deliveries:
            delivery, _ = MeetingDelivery.objects.update_or_create(
                meeting=d.meeting,
                defaults={
                    "report": report,
                    "status": MeetingDelivery.Status.DELIVERED
                    if d.delivered
                    else MeetingDelivery.Status.CANCELLED,
                    "actual_starts_at": d.actual_starts_at if d.delivered else None,
                    "actual_ends_at": d.actual_ends_at if d.delivered else None,
                },
            )
            delivery.facilitators.all().delete()
            DeliveryFacilitator.objects.bulk_create(
                DeliveryFacilitator(delivery=delivery, facilitator=f, role=role)
                for f, role in (d.facilitators.items() if d.delivered else [])
            )
        if file:
            report.transition_to(SessionReport.Status.FILED)
            report.filed_by, report.filed_at = by, timezone.now()
        report.save()
        audit_log(
            instance=report,
            action="lms.session_report.file" if file else "lms.session_report.save",
            user=by,
            data={"session": session.pk},
        )
    return report


def session_report_reopen(*, report: SessionReport, by, reason: str) -> SessionReport:
    with transaction.atomic():
        report = SessionReport.objects.select_for_update().get(pk=report.pk)
        if report.status == SessionReport.Status.DRAFT:
            return report
        report.transition_to(SessionReport.Status.DRAFT)
        report.filed_at = None
        report.save()
        audit_log(
            instance=report, action="lms.session_report.reopen", user=by, data={"reason": reason}
        )
    return report
