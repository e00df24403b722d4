"""Writes for attendance: check-in (QR or roster), corrections, virtual-platform reports,
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
from lms.rules.attendance import intervals_clip, minutes_in
from lms.services.audit import audit_log


class AttendanceError(DomainError):
    """A check-in, correction or report that breaks a rule; the message is for the user."""


def _check_participant(registration: Registration, meeting: Meeting):
    if registration.session_id != meeting.session_id:
        raise AttendanceError("This registration is for a different session.")
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
        raise AttendanceError("Check-in opens two hours before the meeting starts.")
    with transaction.atomic():
        Registration.objects.select_for_update().get(pk=registration.pk)
        record = AttendanceRecord.objects.filter(registration=registration, meeting=meeting).first()
        if record and record.is_present:
            return record, False
        arrived = now if now <= meeting.ends_at else meeting.starts_at
        record = record or AttendanceRecord(registration=registration, meeting=meeting)
        record.arrived_at, record.left_at = arrived, None
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
        raise AttendanceError("The departure must be after the arrival.")
    if left_at and not arrived_at:
        raise AttendanceError("Give an arrival time, or clear both to mark the person absent.")
    window = (meeting.starts_at - CHECK_IN_OPENS_BEFORE, meeting.ends_at + CHECK_IN_OPENS_BEFORE)
    for value in (arrived_at, left_at):
        if value and not window[0] <= value <= window[1]:
            raise AttendanceError("Times must be on the meeting's day, near its scheduled hours.")
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


def session_material_add(*, session: Session, title: str, uploaded_file, by) -> SessionMaterial:
    extension = os.path.splitext(uploaded_file.name)[1].lower().lstrip(".")
    if extension not in settings.MATERIAL_EXTENSIONS:
        allowed = ", ".join(settings.MATERIAL_EXTENSIONS)
        raise AttendanceError(f"Files of type “.{extension}” cannot be shared; allowed: {allowed}.")
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
