"""Reading the participant reports Zoom and Microsoft Teams export (pure: bytes in, rows out).

Handles what real exports contain: a byte-order mark (UTF-8 or UTF-16), comma or tab
separators, a meeting-summary block above the participant table (Zoom "export with meeting
data", Teams' "1. Summary / 2. Participants / 3. In-Meeting Activities"), several rows for a
person who rejoined, guests without an email, Zoom's "Name (Original Name)" column, Teams'
"3h 2m 5s" durations, Teams' older "Full Name / User Action / Timestamp" log, and the
platforms' date formats. Every problem is reported with its line number; callers save nothing
when there is any.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    AttendanceSource,
    Meeting,
    Registration,
    Session,
    VirtualAttendanceReport,
    VirtualAttendanceRow,
)
from lms.rules.attendance import intervals_clip, intervals_merge, minutes_in
from lms.services.attendance import AttendanceError, _check_participant
from lms.services.audit import audit_log

DATE_FORMATS = [
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %I:%M:%S %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y, %I:%M:%S %p",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%b %d, %Y %I:%M:%S %p",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %I:%M:%S %p",
    "%B %d, %Y %I:%M %p",
]

COLUMNS = {
    "name": [
        "name (original name)",
        "name",
        "full name",
        "participant",
        "user name",
        "display name",
    ],
    "email": ["user email", "email", "email address", "e-mail", "participant id (upn)", "upn"],
    "join": ["join time", "first join", "first join time", "joined"],
    "leave": ["leave time", "last leave", "last leave time", "left"],
    "duration": [
        "duration (minutes)",
        "duration (mins)",
        "duration",
        "in-meeting duration",
        "time in meeting",
        "attendance duration",
    ],
    "action": ["user action", "action"],
    "timestamp": ["timestamp"],
    "guest": ["guest"],
    "waiting": ["in waiting room", "waiting room"],
}
# Teams marks who it could not verify, or who came from outside, after the display name:
# "Pat Johnson (Unverified)". The name is kept whole (staff see it); matching also tries
# the name without it.
TEAMS_SUFFIXES = ("unverified", "guest", "external")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ReportUnreadable(DomainError):
    """The file is not a participant report at all (wrong type, no header, too large)."""


@dataclass(frozen=True)
class ParsedRow:
    line: int
    name: str
    email: str
    joined_at: dt.datetime
    left_at: dt.datetime
    other_names: tuple[str, ...] = ()


@dataclass
class ParsedReport:
    platform: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Zoom rows marked "In Waiting Room: Yes": time before being admitted is not attendance.
    waiting_room_rows: int = 0


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if len(data) > 1 and data[1:2] == b"\x00":  # UTF-16 LE without a BOM
        return data.decode("utf-16-le")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_recent_formats: list[str] = []  # a report uses one format throughout: try it first


def parse_datetime(value: str, tz: ZoneInfo) -> dt.datetime:
    text = " ".join(value.replace("\u202f", " ").replace("\xa0", " ").split())
    if not text:
        raise ValueError("empty")
    parsed = None
    if text[:4].isdigit():  # ISO 8601, with or without an offset
        try:
            parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
    if parsed is None:
        upper = text.upper()
        for pattern in _recent_formats + DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(upper if "%p" in pattern else text, pattern)
            except ValueError:
                continue
            _recent_formats[:] = [pattern]
            break
    if parsed is None:
        raise ValueError(f"“{value.strip()}” is not a date and time this import understands")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def parse_duration_minutes(value: str) -> float | None:
    text = value.strip().lower()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    parts = re.findall(r"(\d+)\s*(h|hr|hrs|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\b", text)
    if parts:
        factor = {"h": 60, "m": 1, "s": 1 / 60}
        return sum(int(n) * factor[unit[0]] for n, unit in parts)
    clock = re.fullmatch(r"(\d+):(\d{2})(?::(\d{2}))?", text)
    if clock:
        hours, minutes, seconds = (int(x or 0) for x in clock.groups())
        return hours * 60 + minutes + seconds / 60
    raise ValueError(f"“{value.strip()}” is not a duration")


def _find_columns(header: list[str]) -> dict[str, int]:
    normalized = [" ".join(cell.strip().lower().split()) for cell in header]
    found = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in normalized:
                found[key] = normalized.index(name)
                break
    return found


def _split_name(raw: str, platform: str = "zoom") -> tuple[str, tuple[str, ...]]:
    """Zoom's 'Jane D (Jane Doe)' is the display name with the original name in brackets.
    Teams' 'Jane Doe (Unverified)' is one name with a suffix that says something: kept as
    the name, with 'Jane Doe' to match by."""
    match = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", raw)
    if match and match.group(1):
        if platform == "teams" and match.group(2).strip().lower() in TEAMS_SUFFIXES:
            return raw.strip(), (match.group(1),)
        return match.group(1), (match.group(2),)
    return raw.strip(), ()


def virtual_report_parse(data: bytes, *, time_zone: str, max_rows: int) -> ParsedReport:
    """Parse a Zoom or Teams participant report. Raises ReportUnreadable for a file that is not
    one; returns rows and per-line errors otherwise."""
    tz = ZoneInfo(time_zone)
    text = decode(data)
    if "\x00" in text:
        raise ReportUnreadable(
            "This file is not a CSV participant report (it contains binary data)."
        )
    lines = text.splitlines()
    delimiter = (
        "\t"
        if sum(line.count("\t") for line in lines[:40])
        > sum(line.count(",") for line in lines[:40])
        else ","
    )
    table = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    sections = []  # (header index, columns)
    for index, cells in enumerate(table):
        columns = _find_columns(cells)
        if ("join" in columns and "name" in columns) or {"action", "timestamp"} <= columns.keys():
            sections.append((index, columns))
    if not sections:
        raise ReportUnreadable(
            "No participant table found: expected columns such as Name, Email, Join time and "
            "Leave time (Zoom) or Name, Join Time, Leave Time, Email (Teams)."
        )
    lowered = text.lower()
    platform = (
        "teams"
        if (
            "in-meeting" in lowered
            or "first join" in lowered
            or "user action" in lowered
            or "participant id (upn)" in lowered
        )
        else "zoom"
    )
    # Teams lists each person once under "Participants" and every join under "In-Meeting
    # Activities": prefer the detailed section, the one with "Join Time".
    detailed = [
        (index, cols)
        for index, cols in sections
        if "join" in cols and table[index][cols["join"]].strip().lower() == "join time"
    ]
    start, columns = (detailed or sections)[0]
    report = ParsedReport(platform=platform)
    if "action" in columns:
        _parse_action_log(table, start, columns, tz, report, max_rows)
        return report
    for offset, cells in enumerate(table[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in cells):
            if report.rows or report.errors:
                break  # a blank line ends the table (the next section follows)
            continue
        if len(cells) == 1 and re.match(r"^\d+\.\s", cells[0]):
            break  # next Teams section title, e.g. "3. In-Meeting Activities"
        if len(report.rows) + len(report.errors) >= max_rows:
            report.errors.append(
                f"The file has more than {max_rows} participant rows; split it or ask staff."
            )
            break
        if _cell(cells, columns, "waiting").lower() in ("yes", "y", "true"):
            report.waiting_room_rows += 1  # not yet admitted: not attendance
            continue
        _parse_row(cells, offset, columns, tz, report)
    if not report.rows and not report.errors:
        report.errors.append("The participant table is empty.")
    return report


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _parse_row(cells, line, columns, tz, report):
    raw_name = _cell(cells, columns, "name")
    email = _cell(cells, columns, "email").lower()
    if email and not EMAIL_RE.match(email):
        email = ""  # Teams puts a guest's id here; treat as no email
    name, others = _split_name(raw_name, report.platform)
    problems = []
    if not name and not email:
        problems.append("no name and no email")
    joined = left = None
    try:
        joined = parse_datetime(_cell(cells, columns, "join"), tz)
    except ValueError as exc:
        problems.append(f"join time: {exc}" if str(exc) != "empty" else "join time is missing")
    leave_text = _cell(cells, columns, "leave")
    duration = None
    try:
        duration = parse_duration_minutes(_cell(cells, columns, "duration"))
    except ValueError as exc:
        problems.append(f"duration: {exc}")
    if leave_text:
        try:
            left = parse_datetime(leave_text, tz)
        except ValueError as exc:
            problems.append(f"leave time: {exc}")
    elif joined and duration is not None:
        left = joined + dt.timedelta(minutes=duration)
    elif not problems:
        problems.append("leave time is missing and there is no duration")
    if joined and left and left < joined:
        problems.append("leave time is before join time")
    if problems:
        report.errors.append(f"Line {line}: " + "; ".join(problems) + ".")
        return
    report.rows.append(ParsedRow(line, name, email, joined, left, others))


def _parse_action_log(table, start, columns, tz, report, max_rows):
    """Teams' older log: one row per 'Joined' or 'Left' with a timestamp."""
    open_since: dict[str, tuple[int, dt.datetime]] = {}
    last_time = None
    for line, cells in enumerate(table[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(report.rows) + len(report.errors) >= max_rows:
            report.errors.append(
                f"The file has more than {max_rows} participant rows; split it or ask staff."
            )
            return
        name = _cell(cells, columns, "name")
        action = _cell(cells, columns, "action").lower()
        try:
            when = parse_datetime(_cell(cells, columns, "timestamp"), tz)
        except ValueError as exc:
            report.errors.append(f"Line {line}: timestamp: {exc}.")
            continue
        last_time = max(last_time or when, when)
        if not name:
            report.errors.append(f"Line {line}: no name.")
        elif action.startswith("join"):
            open_since.setdefault(name, (line, when))
        elif action.startswith("left"):
            if name in open_since:
                first_line, joined = open_since.pop(name)
                if when < joined:
                    report.errors.append(f"Line {line}: left before joining.")
                else:
                    report.rows.append(ParsedRow(first_line, name, "", joined, when))
        else:
            report.errors.append(f"Line {line}: unknown action “{action}”.")
    for name, (line, joined) in open_since.items():  # still in the meeting at export time
        report.rows.append(ParsedRow(line, name, "", joined, max(last_time, joined)))


class VirtualReportInvalid(AttendanceError):
    """A participant report with bad lines; `reasons` lists them, nothing was imported."""

    def __init__(self, reasons: Sequence[str]):
        reasons = list(reasons)
        super().__init__(
            f"The report was not imported: {len(reasons)} problem(s).", reasons=reasons
        )


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
        decisions = _facilitator_decisions(meeting)
        meeting.virtual_reports.filter(superseded_at__isnull=True).update(superseded_at=now)
        report = VirtualAttendanceReport.objects.create(
            meeting=meeting, platform=parsed.platform, file_name=file_name[:255], uploaded_by=by
        )
        rows = []
        for row in parsed.rows:
            registration, how = matcher.match(email=row.email, names=[row.name, *row.other_names])
            decided = decisions.get(_row_key(row.name, row.email))
            if decided is not None:  # the facilitator matched or ignored this row before
                registration, how = decided
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
                "waiting_room_rows_left_out": parsed.waiting_room_rows,
            },
        )
    return report


def _row_key(name: str, email: str) -> tuple[str, str]:
    return (" ".join(name.casefold().split()), email.strip().lower())


def _facilitator_decisions(meeting: Meeting) -> dict:
    """{(name, email): (registration, match)} for the rows of the meeting's current report
    that a facilitator matched by hand or ignored: a re-uploaded report keeps them."""
    decided = {}
    rows = (
        VirtualAttendanceRow.objects.filter(
            report__meeting=meeting,
            report__superseded_at__isnull=True,
            match__in=[VirtualAttendanceRow.Match.MANUAL, VirtualAttendanceRow.Match.IGNORED],
        )
        .select_related("registration")
        .order_by("pk")
    )
    for row in rows:
        decided[_row_key(row.name, row.email)] = (
            row.registration if row.match == VirtualAttendanceRow.Match.MANUAL else None,
            row.match,
        )
    return decided


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
