"""In Chromium: the facilitator shows the rotating room code; a participant's phone opens the
code's link, signs in and checks in; the check-out code photographed two minutes earlier is
refused, on the page; the screen fetches a new code when the countdown ends."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lms.models import AttendanceRecord, AttendanceSource
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    UserFactory,
)
from tests.factories.people import PASSWORD
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHICAGO = ZoneInfo("America/Chicago")


def test_room_code_check_in_and_an_old_code_refused(
    page, browser_instance, live_server, time_machine
):
    time_machine.move_to(timezone.now())  # real time, ticking; shifted below
    now = timezone.localtime(timezone.now(), CHICAGO).replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    start = max(now - dt.timedelta(minutes=30), midnight)
    session = SessionFactory(meeting=False, format="in_person", training__title="Room Code 101")
    meeting = MeetingFactory(
        session=session,
        starts_at=start,
        ends_at=min(start + dt.timedelta(hours=3), midnight + dt.timedelta(hours=23, minutes=59)),
    )
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"), name="Amara Okafor")
    ProfileFactory(user=lead.user)
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    person = ProfileFactory(user=UserFactory(email="robin@agency.org", first_name="Robin")).user
    registration = RegistrationFactory(session=session, person=person)

    # The facilitator opens the check-in screen from the attendance page.
    page.clock.install()
    sign_in(page, "lead@coalition.test")
    page.goto(f"/facilitate/sessions/{session.pk}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Show room code for check-in").click()
    page.get_by_role("heading", name="Check in: scan with your phone").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    qr = page.get_by_role("img", name="QR code to check in")
    check_in_link = qr.get_attribute("data-url")
    digits = page.locator("#room-code-digits").inner_text()
    assert check_in_link.endswith(f"?code={digits.replace(' ', '')}")
    # The countdown runs; when it ends the screen fetches the next window's code.
    time_machine.shift(dt.timedelta(seconds=31))
    page.clock.run_for(31_000)
    page.wait_for_function(
        "old => document.getElementById('room-code-digits').textContent !== old", arg=digits
    )
    fresh_link = qr.get_attribute("data-url")
    assert fresh_link != check_in_link
    # A photographed check-out code, two minutes old by the time it is used.
    page.get_by_role("link", name="Show the check-out code instead").click()
    old_check_out_link = page.get_by_role("img", name="QR code to check out").get_attribute(
        "data-url"
    )

    # The participant's phone: not signed in, scans the fresh check-in code.
    phone = browser_instance.new_context(
        base_url=live_server.url,
        locale="en-US",
        timezone_id="America/Chicago",
        viewport={"width": 390, "height": 844},
    ).new_page()
    phone.goto(fresh_link.replace(live_server.url, ""))
    phone.get_by_label("Email", exact=True).fill("robin@agency.org")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_role("heading", name="Check in").wait_for()
    assert_accessible(phone, impacts=BLOCKING_IMPACTS)
    phone.get_by_role("button", name="Check me in").click()
    phone.get_by_text("You are checked in").wait_for()
    record = AttendanceRecord.objects.get(registration=registration, meeting=meeting)
    assert record.source == AttendanceSource.ROOM_CODE and record.departure_unconfirmed

    # Two minutes later the photographed check-out code no longer works, and the page says so.
    time_machine.shift(dt.timedelta(minutes=2))
    phone.goto(old_check_out_link.replace(live_server.url, ""))
    phone.get_by_role("button", name="Check me out").click()
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert "This room code has expired" in alert.inner_text()
    record.refresh_from_db()
    assert record.checked_out_at is None
    phone.context.close()
