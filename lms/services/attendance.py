"""Writes for attendance: check-in (QR or roster), corrections, virtual-platform reports,
session materials and the session report. Each locks, checks, acts and logs."""

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

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
    VirtualAttendanceReport,
    VirtualAttendanceRow,
)
from lms.services.attendance_rules import intervals_clip, intervals_merge, minutes_in
from lms.services.audit import audit_log
from lms.services.virtual_report import ReportUnreadable, virtual_report_parse

CHECK_IN_OPENS_BEFORE = dt.timedelta(hours=2)


class AttendanceError(Exception):
    """A check-in, correction or report that breaks a rule; the message is for the user."""


class VirtualReportInvalid(AttendanceError):
    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__(f"The report was not imported: {len(self.errors)} problem(s).")


# --- Check-in codes (the QR code on the confirmation) -------------------------------------
# Registration.check_in_code (unguessable, stored) is printed on the confirmation and the QR
# encodes Registration.check_in_url (SITE_URL/check-in/<code>/), which
# lms.views.facilitate.checkin_token answers. The scanner accepts the URL or the bare code.


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


# --- Check-in and corrections ------------------------------------------------------------


def _minutes_present(meeting: Meeting, arrived_at, left_at) -> int:
    if arrived_at is None:
        return 0
    end = left_at or meeting.ends_at
    return minutes_in(
        intervals_clip([(arrived_at, end)], start=meeting.starts_at, end=meeting.ends_at)
    )


def _check_participant(registration: Registration, meeting: Meeting):
    if registration.session_id != meeting.session_id:
        raise AttendanceError("This registration is for a different session.")
    if registration.status != Registration.Status.CONFIRMED:
        raise AttendanceError(
            f"{registration.person} is not a confirmed participant "
            f"({registration.get_status_display().lower()})."
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
    *, registration: Registration, meeting: Meeting, arrived_at, left_at, by
) -> AttendanceRecord:
    """Set arrival and departure by hand; no arrival means absent. Kept over later imports."""
    _check_participant(registration, meeting)
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
            },
        )
    return record


# --- Virtual platform reports -------------------------------------------------------------


def name_key(name: str) -> str:
    """Names compared without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _participant_names(registration: Registration) -> set[str]:
    person = registration.person
    names = {name_key(person.get_full_name())}
    profile = getattr(person, "profile", None)
    if profile and profile.printed_name:
        names.add(name_key(profile.printed_name))
    return names - {""}


@dataclass
class _Matcher:
    by_email: dict[str, Registration]
    by_name: dict[str, list[Registration]]

    @classmethod
    def for_session(cls, session: Session) -> "_Matcher":
        registrations = Registration.objects.filter(
            session=session, status=Registration.Status.CONFIRMED
        ).select_related("person__profile")
        by_email, by_name = {}, {}
        for registration in registrations:
            by_email[registration.person.email.lower()] = registration
            for key in _participant_names(registration):
                by_name.setdefault(key, []).append(registration)
        return cls(by_email, by_name)

    def match(self, *, email: str, names: Sequence[str]):
        if email and email in self.by_email:
            return self.by_email[email], VirtualAttendanceRow.Match.EMAIL
        for name in names:
            candidates = self.by_name.get(name_key(name), [])
            if len(candidates) == 1:  # an ambiguous name is left for a person to decide
                return candidates[0], VirtualAttendanceRow.Match.NAME
        return None, VirtualAttendanceRow.Match.UNMATCHED


def virtual_report_import(
    *, meeting: Meeting, data: bytes, file_name: str, by
) -> VirtualAttendanceReport:
    """Import a Zoom or Teams participant report for a meeting, all or nothing.

    Raises VirtualReportInvalid with every problem found; nothing is saved then. A new report
    supersedes the meeting's earlier ones; attendance from in-person check-in or corrections
    is kept as it is."""
    if len(data) > settings.VIRTUAL_REPORT_MAX_BYTES:
        limit = filesizeformat(settings.VIRTUAL_REPORT_MAX_BYTES)
        raise VirtualReportInvalid(
            [f"The file is larger than {limit}; is it the participant report?"]
        )
    if not data.strip():
        raise VirtualReportInvalid(["The file is empty."])
    try:
        parsed = virtual_report_parse(
            data, time_zone=meeting.session.time_zone, max_rows=settings.VIRTUAL_REPORT_MAX_ROWS
        )
    except ReportUnreadable as exc:
        raise VirtualReportInvalid([str(exc)]) from exc
    if parsed.errors:
        raise VirtualReportInvalid(parsed.errors)
    margin = dt.timedelta(hours=2)
    if not any(
        row.joined_at < meeting.ends_at + margin and row.left_at > meeting.starts_at - margin
        for row in parsed.rows
    ):
        local = timezone.localtime(meeting.starts_at, ZoneInfo(meeting.session.time_zone))
        raise VirtualReportInvalid(
            [
                f"No one in this report was there during the meeting of {local:%b %-d, %Y} – is it the report for another meeting?"
            ]
        )
    matcher = _Matcher.for_session(meeting.session)
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        now = timezone.now()
        meeting.virtual_reports.filter(superseded_at__isnull=True).update(superseded_at=now)
        report = VirtualAttendanceReport.objects.create(
            meeting=meeting, platform=parsed.platform, file_name=file_name[:255], uploaded_by=by
        )
        rows = []
        for row in parsed.rows:
            registration, how = matcher.match(email=row.email, names=[row.name, *row.other_names])
            rows.append(
                VirtualAttendanceRow(
                    report=report,
                    line_number=row.line,
                    name=row.name[:255],
                    email=row.email[:254],
                    joined_at=row.joined_at,
                    left_at=row.left_at,
                    registration=registration,
                    match=how,
                )
            )
        VirtualAttendanceRow.objects.bulk_create(rows)
        earlier = meeting.attendance.filter(source=AttendanceSource.VIRTUAL_REPORT)
        _attendance_from_virtual_rows(
            meeting=meeting,
            registration_ids={r.registration_id for r in rows}
            | set(earlier.values_list("registration_id", flat=True)),
            by=by,
        )
        audit_log(
            instance=meeting.session,
            action="lms.attendance.virtual_import",
            user=by,
            data={
                "meeting": meeting.pk,
                "report": report.pk,
                "platform": parsed.platform,
                "rows": len(rows),
                "unmatched": sum(1 for r in rows if not r.registration_id),
            },
        )
    return report


def _attendance_from_virtual_rows(*, meeting: Meeting, registration_ids, by):
    """Recompute attendance at `meeting` from the current report's rows, for these people, in
    a fixed number of queries. Check-ins and corrections are left as they are."""
    registration_ids = set(registration_ids) - {None}
    intervals: dict[int, list] = {pk: [] for pk in registration_ids}
    rows = (
        VirtualAttendanceRow.objects.filter(
            report__meeting=meeting,
            report__superseded_at__isnull=True,
            registration_id__in=registration_ids,
        )
        .exclude(match=VirtualAttendanceRow.Match.IGNORED)
        .values_list("registration_id", "joined_at", "left_at")
    )
    for registration_id, joined_at, left_at in rows:
        intervals[registration_id].append((joined_at, left_at))
    existing = {
        record.registration_id: record
        for record in AttendanceRecord.objects.filter(
            meeting=meeting, registration_id__in=registration_ids
        )
    }
    to_create, to_update = [], []
    for registration_id, found in intervals.items():
        record = existing.get(registration_id)
        if record and record.source != AttendanceSource.VIRTUAL_REPORT:
            continue  # an in-person check-in or a correction wins over the platform's report
        inside = intervals_clip(
            intervals_merge(found), start=meeting.starts_at, end=meeting.ends_at
        )
        if record is None:
            record = AttendanceRecord(registration_id=registration_id, meeting=meeting)
            to_create.append(record)
        else:
            to_update.append(record)
        record.arrived_at = inside[0][0] if inside else None
        record.left_at = inside[-1][1] if inside else None
        record.minutes_present = minutes_in(inside)
        record.source, record.recorded_by = AttendanceSource.VIRTUAL_REPORT, by
        record.updated_at = timezone.now()  # bulk_update skips auto_now
    AttendanceRecord.objects.bulk_create(to_create)
    AttendanceRecord.objects.bulk_update(
        to_update,
        ["arrived_at", "left_at", "minutes_present", "source", "recorded_by", "updated_at"],
    )


def virtual_row_match(
    *, row: VirtualAttendanceRow, registration: Registration | None, by, ignore=False
):
    """A facilitator matches an unmatched row to a participant (or ignores it: a co-host,
    a guest who did not register)."""
    meeting = row.report.meeting
    if row.report.superseded_at:
        raise AttendanceError("This report was replaced by a newer upload.")
    if registration is not None:
        _check_participant(registration, meeting)
    with transaction.atomic():
        row = VirtualAttendanceRow.objects.select_for_update().get(pk=row.pk)
        previous = row.registration_id
        row.registration = None if ignore else registration
        row.match = (
            VirtualAttendanceRow.Match.IGNORED
            if ignore
            else VirtualAttendanceRow.Match.MANUAL
            if registration
            else VirtualAttendanceRow.Match.UNMATCHED
        )
        row.save(update_fields=["registration", "match"])
        _attendance_from_virtual_rows(
            meeting=meeting, registration_ids={previous, row.registration_id}, by=by
        )
        audit_log(
            instance=meeting.session,
            action="lms.attendance.virtual_match",
            user=by,
            data={"row": row.pk, "registration": row.registration_id, "ignored": ignore},
        )
    return row


# --- Materials ------------------------------------------------------------------------------


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


# --- Session report -----------------------------------------------------------------------

REPORT_TRANSITIONS = {
    SessionReport.Status.DRAFT: {SessionReport.Status.FILED},
    SessionReport.Status.FILED: {SessionReport.Status.DRAFT},  # staff reopen for a correction
}


class SessionReportError(Exception):
    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class DeliveryInput:
    meeting: Meeting
    delivered: bool
    actual_starts_at: dt.datetime | None
    actual_ends_at: dt.datetime | None
    facilitators: dict  # Facilitator -> role


def _report_transition(report: SessionReport, to: str):
    if to not in REPORT_TRANSITIONS[report.status]:
        raise SessionReportError(
            [f"A {report.get_status_display().lower()} session report cannot become {to}."]
        )
    report.status = to


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
            _report_transition(report, SessionReport.Status.FILED)
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
        _report_transition(report, SessionReport.Status.DRAFT)
        report.filed_at = None
        report.save()
        audit_log(
            instance=report, action="lms.session_report.reopen", user=by, data={"reason": reason}
        )
    return report
