"""In Chromium: a facilitator checks two participants in (roster search and a typed QR code),
uploads yesterday's Zoom report, matches a guest by hand and files the session report."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lms.models import AttendanceRecord, SessionReport
from lms.services.attendance import registration_checkin_token
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    UserFactory,
)
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHICAGO = ZoneInfo("America/Chicago")
ZOOM = (
    Path(__file__).parents[1]
    / "lms"
    / "virtual_reports"
    / "files"
    / "zoom_participants_with_meeting_data.csv"
)


def test_facilitator_checks_in_uploads_report_and_files_session_report(page, tmp_path):
    now = timezone.localtime(timezone.now(), CHICAGO).replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    yesterday = (now - dt.timedelta(days=1)).replace(hour=9, minute=30)
    session = SessionFactory(
        meeting=False,
        format="hybrid",
        training__title="Reframing Human Services: Telling Our Story",
    )
    virtual = MeetingFactory(session=session, starts_at=yesterday, minutes=195)
    start = max(now - dt.timedelta(minutes=30), midnight)
    in_person = MeetingFactory(
        session=session,
        starts_at=start,
        ends_at=min(
            start + dt.timedelta(minutes=150), midnight + dt.timedelta(hours=23, minutes=59)
        ),
    )
    user = UserFactory(email="amara@coalition.test", first_name="Amara", last_name="Okafor")
    lead = FacilitatorFactory(user=user, name="Amara Okafor")
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    people = {}
    for first, last, email in [
        ("Maria", "Gonzalez", "maria.gonzalez@southside.org"),
        ("Pat", "Johnson", "pat.johnson@prairie.org"),
        ("Sam", "Lee", "sam.lee@example.org"),
    ]:
        person = ProfileFactory(
            user=UserFactory(email=email, first_name=first, last_name=last),
            printed_name=f"{first} {last}",
        ).user
        people[first] = RegistrationFactory(session=session, person=person)

    sign_in(page, "amara@coalition.test")
    page.get_by_role("link", name="Facilitate").click()
    page.get_by_role("link", name="Reframing Human Services: Telling Our Story").click()
    page.get_by_role(
        "link", name=f"Check in and attendance for {in_person.starts_at.astimezone(CHICAGO):%b %-d}"
    ).click()
    page.get_by_role("heading", name="Check in", exact=True).wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    # 1. Roster search, then the roster's button (keyboard: Enter submits).
    page.get_by_label("Search the roster").fill("maria")
    page.get_by_label("Search the roster").press("Enter")
    page.get_by_role("button", name="Check in Maria Gonzalez").click()
    page.get_by_text("Maria Gonzalez checked in at").wait_for()

    # 2. The QR code's text, as a handheld scanner types it (no camera in headless Chromium).
    page.get_by_label("Check-in code").fill(registration_checkin_token(people["Pat"]))
    page.get_by_label("Check-in code").press("Enter")
    page.get_by_role("status").get_by_text("Pat Johnson checked in at").wait_for()
    pat_row = page.locator(f'tr[data-registration="{people["Pat"].pk}"]')
    assert "not checked in" not in pat_row.inner_text()  # the roster updates in place
    page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)
    assert AttendanceRecord.objects.filter(meeting=in_person, arrived_at__isnull=False).count() == 2

    # 3. Yesterday's Zoom report (the shipped file, re-dated to yesterday).
    data = ZOOM.read_bytes().replace(b"03/12/2026", yesterday.strftime("%m/%d/%Y").encode())
    report_file = tmp_path / "participants_81234567890.csv"
    report_file.write_bytes(data)
    page.goto(f"/facilitate/sessions/{session.pk}/meetings/{virtual.pk}/virtual-report/")
    page.get_by_label("Participant report (CSV from Zoom or Microsoft Teams)").set_input_files(
        str(report_file)
    )
    page.get_by_role("button", name="Import report").click()
    page.get_by_text("Imported 8 rows from Zoom").wait_for()
    page.get_by_label("Participant for Unknown Caller (line 12)").select_option(
        label="Sam Lee (sam.lee@example.org)"
    )
    page.get_by_role("button", name="Save match for Unknown Caller").click()
    page.get_by_text("“Unknown Caller” matched to Sam Lee.").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.screenshot(path=str(tmp_path / "virtual.png"), full_page=True)
    minutes = {
        r.registration.person.first_name: r.minutes_present
        for r in AttendanceRecord.objects.filter(meeting=virtual)
    }
    assert minutes == {"Maria": 193, "Pat": 182, "Sam": 15}

    # 4. The session report: actual times are prefilled from the schedule; correct one, file.
    page.goto(f"/facilitate/sessions/{session.pk}/")
    page.get_by_role("link", name="Fill in the session report").click()
    page.locator(f"#id_m{virtual.pk}-actual_end").fill("12:50")
    page.get_by_label("Notes").fill("Zoom ran five minutes over for questions.")
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("button", name="File the report").click()
    page.get_by_text("The session report is filed. Thank you!").wait_for()
    report = SessionReport.objects.get(session=session)
    assert report.status == SessionReport.Status.FILED
    deliveries = {d.meeting_id: d for d in report.deliveries.all()}
    assert deliveries[virtual.pk].actual_minutes == 200
    assert [f.role for f in deliveries[in_person.pk].facilitators.all()] == ["lead"]
