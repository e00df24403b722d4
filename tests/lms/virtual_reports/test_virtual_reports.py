"""Zoom and Teams participant reports, read from the realistic files shipped beside this test:
BOM and UTF-16, meeting-data headers, rejoin rows, overlapping devices, guests without email,
several date formats; bad files save nothing and say which lines are wrong."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import ModelLogEntry

from lms.models import AttendanceRecord, VirtualAttendanceReport, VirtualAttendanceRow
from lms.services.attendance import attendance_check_in, attendance_correct
from lms.services.virtual_reports import (
    VirtualReportInvalid,
    parse_duration_minutes,
    virtual_report_import,
    virtual_report_parse,
    virtual_row_match,
)
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory

FILES = Path(__file__).parent / "files"
CHICAGO = ZoneInfo("America/Chicago")
START = dt.datetime(2026, 3, 12, 9, 30, tzinfo=CHICAGO)

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("maria", "Maria", "Gonzalez", "maria.gonzalez@southside.org"),
    ("pat", "Pat", "Johnson", "pat.johnson@prairie.org"),
    ("dev", "Dev", "Patel", "dev.patel@lakefront.org"),
    ("keisha", "Keisha", "Brown", "kbrown@heartland.org"),
    ("sam", "Sam", "Lee", "sam.lee@example.org"),
]


@pytest.fixture
def meeting():
    return MeetingFactory(session__format="virtual", starts_at=START, minutes=195)


@pytest.fixture
def people(meeting):
    return {
        key: RegistrationFactory(
            session=meeting.session,
            person=UserFactory(email=email, first_name=first, last_name=last),
        )
        for key, first, last, email in PEOPLE
    }


@pytest.fixture
def facilitator():
    return UserFactory(email="trainer@coalition.test")


def load(meeting, name, by):
    data = (FILES / name).read_bytes()
    return virtual_report_import(meeting=meeting, data=data, file_name=name, by=by)


def minutes(people, meeting):
    records = AttendanceRecord.objects.filter(meeting=meeting)
    by_id = {r.registration_id: r.minutes_present for r in records if r.arrived_at}
    return {key: by_id.get(reg.pk, 0) for key, reg in people.items()}


def test_zoom_with_meeting_data_bom_rejoins_overlaps_and_guests(meeting, people, facilitator):
    report = load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)

    assert report.platform == "zoom"
    rows = {r.line_number: r for r in report.rows.all()}
    assert len(rows) == 8
    # Maria rejoined and had a second device overlapping her gap: merged, clipped to 9:30-12:45.
    # Pat: matched by email despite capitals, 12 minutes late. Dev joined from "iPhone (Dev
    # Patel)" without an email: matched by the original name. Keisha: guest, matched by name.
    assert minutes(people, meeting) == {
        "maria": 193,
        "pat": 182,
        "dev": 195,
        "keisha": 193,
        "sam": 0,
    }
    matches = {r.name: r.match for r in rows.values()}
    assert matches["Johnson, Pat"] == VirtualAttendanceRow.Match.EMAIL
    assert matches["iPhone"] == VirtualAttendanceRow.Match.NAME
    assert matches["Keisha Brown"] == VirtualAttendanceRow.Match.NAME
    assert matches["Unknown Caller"] == VirtualAttendanceRow.Match.UNMATCHED
    assert matches["Amara Okafor"] == VirtualAttendanceRow.Match.UNMATCHED  # the facilitator
    maria = AttendanceRecord.objects.get(registration=people["maria"], meeting=meeting)
    assert maria.arrived_at == START and maria.left_at == START + dt.timedelta(minutes=195)


def test_zoom_iso_dates_duration_without_leave_time(meeting, people, facilitator):
    load(meeting, "zoom_participants_iso_dates.csv", facilitator)
    # Pat joined 9:30:10 and was away 11:00-11:20; Keisha's leave time is empty, her 60-minute duration is used.
    assert minutes(people, meeting) == {"maria": 195, "pat": 174, "dev": 0, "keisha": 60, "sam": 0}


def test_teams_utf16_tab_separated_uses_in_meeting_activities(meeting, people, facilitator):
    report = load(meeting, "teams_attendance_report.csv", facilitator)
    assert report.platform == "teams"
    assert report.rows.count() == 6  # the detailed section, not the one-line-per-person summary
    # Dev's two overlapping rows merge to 9:30-12:10; "Pat Johnson (Guest)" matches by name.
    assert minutes(people, meeting) == {"maria": 193, "pat": 189, "dev": 160, "keisha": 0, "sam": 0}


def test_zoom_waiting_room_time_is_not_attendance(meeting, people, facilitator):
    """Dev waited in the waiting room from 9:30 and was admitted at 10:40: his waiting-room
    row is left out, so he attended from 10:40, not from 9:30."""
    report = load(meeting, "zoom_waiting_room.csv", facilitator)
    assert report.rows.count() == 3  # Amara, Maria, Dev once admitted
    assert minutes(people, meeting) == {"maria": 195, "pat": 0, "dev": 125, "keisha": 0, "sam": 0}
    entry = ModelLogEntry.objects.get(action="lms.attendance.virtual_import")
    assert entry.data["waiting_room_rows_left_out"] == 1


def test_teams_unverified_suffix_is_kept_and_still_matches(meeting, people, facilitator):
    report = load(meeting, "teams_unverified.csv", facilitator)
    row = report.rows.get(registration=people["pat"])
    assert row.name == "Pat Johnson (Unverified)"  # staff see that Teams did not verify her
    assert row.match == VirtualAttendanceRow.Match.NAME
    assert minutes(people, meeting)["pat"] == 194


def test_teams_legacy_joined_left_log(meeting, people, facilitator):
    report = load(meeting, "teams_legacy_join_leave.csv", facilitator)
    assert report.platform == "teams"
    # Keisha never "Left": she counts until the report's last timestamp.
    assert minutes(people, meeting) == {"maria": 193, "pat": 0, "dev": 0, "keisha": 195, "sam": 0}


def test_bad_rows_are_listed_and_nothing_is_saved(meeting, people, facilitator):
    with pytest.raises(VirtualReportInvalid) as caught:
        load(meeting, "zoom_bad_rows.csv", facilitator)
    assert caught.value.reasons == [
        "Line 3: join time: “13/45/2026 09:42” is not a date and time this import understands.",
        "Line 4: leave time is before join time.",
        "Line 5: no name and no email.",
        "Line 6: duration: “about an hour” is not a duration.",
    ]
    assert not VirtualAttendanceReport.objects.exists()
    assert not AttendanceRecord.objects.exists()


def test_a_file_that_is_not_a_report(meeting, people, facilitator):
    with pytest.raises(VirtualReportInvalid) as caught:
        load(meeting, "not_a_report.csv", facilitator)
    assert caught.value.reasons[0].startswith("No participant table found")


def test_binary_empty_and_oversized_files_are_refused(meeting, people, facilitator, settings):
    for data, message in [
        (b"%PDF-1.7\x00\x00\x01binary", "binary data"),
        (b"   \r\n", "The file is empty."),
    ]:
        with pytest.raises(VirtualReportInvalid) as caught:
            virtual_report_import(meeting=meeting, data=data, file_name="x.csv", by=facilitator)
        assert message in caught.value.reasons[0]
    settings.VIRTUAL_REPORT_MAX_BYTES = 500
    with pytest.raises(VirtualReportInvalid, match="problem"):
        load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    assert not VirtualAttendanceReport.objects.exists()


def test_row_limit(meeting, people, facilitator, settings):
    settings.VIRTUAL_REPORT_MAX_ROWS = 3
    with pytest.raises(VirtualReportInvalid) as caught:
        load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    assert "more than 3 participant rows" in caught.value.reasons[-1]


def test_report_for_another_day_is_refused(people, facilitator, meeting):
    meeting.starts_at += dt.timedelta(days=7)
    meeting.ends_at += dt.timedelta(days=7)
    meeting.save()
    with pytest.raises(VirtualReportInvalid) as caught:
        load(meeting, "zoom_participants_iso_dates.csv", facilitator)
    assert "another meeting" in caught.value.reasons[0]


def test_manual_match_and_ignore(meeting, people, facilitator):
    report = load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    caller = report.rows.get(name="Unknown Caller")
    virtual_row_match(row=caller, registration=people["sam"], by=facilitator)
    assert minutes(people, meeting)["sam"] == 15
    host = report.rows.get(name="Amara Okafor")
    virtual_row_match(row=host, registration=None, by=facilitator, ignore=True)
    assert report.rows.get(pk=host.pk).match == VirtualAttendanceRow.Match.IGNORED
    # Unmatching takes the minutes away again.
    virtual_row_match(row=caller, registration=None, by=facilitator)
    assert minutes(people, meeting)["sam"] == 0


def test_reupload_keeps_the_facilitators_matches_and_ignores(meeting, people, facilitator):
    report = load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    virtual_row_match(
        row=report.rows.get(name="Unknown Caller"), registration=people["sam"], by=facilitator
    )
    virtual_row_match(
        row=report.rows.get(name="Amara Okafor"), registration=None, by=facilitator, ignore=True
    )
    again = load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    assert again.pk != report.pk
    caller = again.rows.get(name="Unknown Caller")
    assert (caller.registration, caller.match) == (people["sam"], VirtualAttendanceRow.Match.MANUAL)
    assert again.rows.get(name="Amara Okafor").match == VirtualAttendanceRow.Match.IGNORED
    assert minutes(people, meeting)["sam"] == 15  # the manual match still counts


def test_reupload_supersedes_and_keeps_corrections(meeting, people, facilitator):
    load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    attendance_correct(
        registration=people["pat"], meeting=meeting, arrived_at=START, left_at=None, by=facilitator
    )
    load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)  # same file twice
    assert VirtualAttendanceReport.objects.filter(superseded_at__isnull=True).count() == 1
    assert minutes(people, meeting) == {
        "maria": 193,
        "pat": 195,
        "dev": 195,
        "keisha": 193,
        "sam": 0,
    }
    load(meeting, "zoom_participants_iso_dates.csv", facilitator)  # dev is not in this one
    assert minutes(people, meeting)["dev"] == 0
    assert minutes(people, meeting)["pat"] == 195  # the correction still wins


def test_in_person_check_in_is_kept_over_a_report(meeting, people, facilitator):
    attendance_check_in(
        registration=people["dev"],
        meeting=meeting,
        by=facilitator,
        now=START + dt.timedelta(minutes=5),
    )
    load(meeting, "zoom_participants_with_meeting_data.csv", facilitator)
    assert minutes(people, meeting)["dev"] == 190


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("199", 199),
        ("3h 18m 26s", 198 + 26 / 60),
        ("1h 58m", 118),
        ("45 mins", 45),
        ("1:30:00", 90),
        ("", None),
    ],
)
def test_durations(text, expected):
    assert (
        parse_duration_minutes(text) == pytest.approx(expected)
        if expected
        else parse_duration_minutes(text) is None
    )


def test_parser_alone_reads_teams_dates_with_narrow_spaces():
    data = 'Name,Join Time,Leave Time,Email\nA B,"3/12/26, 9:30:00\u202fAM","3/12/26, 10:00:00\u202fAM",a@b.org\n'
    parsed = virtual_report_parse(data.encode(), time_zone="America/Chicago", max_rows=10)
    assert parsed.errors == []
    assert parsed.rows[0].joined_at == START
