"""In Chromium: a session started half an hour ago; Program staff add a walk-in from the
session's row (a new person, paid cash at the door), then the facilitator checks them in from
the roster. axe finds no serious or critical violations on the add form."""

import datetime as dt

import pytest
from django.utils import timezone

from lms.models import AttendanceRecord, Registration
from tests.certificates.helpers import restore_reference_rows
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    UserFactory,
    paid_session,
)
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_add_a_walk_in_after_the_start_and_the_facilitator_checks_them_in(page):
    restore_reference_rows()
    session, _tiers = paid_session(meeting=False)
    MeetingFactory(
        session=session, starts_at=timezone.now() - dt.timedelta(minutes=30), minutes=180
    )
    session.refresh_from_db()
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"))
    ProfileFactory(user=lead.user)
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    ProfileFactory(user=StaffFactory(email="program@coalition.test", groups=["Program staff"]))

    sign_in(page, "program@coalition.test")
    page.goto("/admin/sessions/")
    page.get_by_role("button", name=f"More options for '{session}'").click()
    page.get_by_role("link", name="Add a registration").click()
    page.get_by_role("textbox", name="Email").fill("robin.walker@agency.org")
    page.get_by_role("textbox", name="Name").fill("Robin Walker")
    page.get_by_label("Fee tier").select_option(label="Standard rate ($50.00)")
    page.get_by_label("Paid at the door: cash").check()
    page.get_by_label("Reference").fill("Receipt 17")
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("robin.walker@agency.org is added (confirmed)").wait_for()
    registration = Registration.objects.get(person__email="robin.walker@agency.org")
    assert (registration.status, registration.amount_cents) == ("confirmed", 5000)

    # The facilitator finds Robin on today's roster and checks them in.
    sign_in(page, "lead@coalition.test")
    meeting = session.meetings.get()
    page.goto(f"/facilitate/sessions/{session.pk}/meetings/{meeting.pk}/")
    row = page.get_by_role("row", name="Robin Walker")
    assert row.get_by_text("not checked in").is_visible()
    row.get_by_role("button", name="Check in Robin Walker").click()
    page.locator("#present-count", has_text="1").wait_for()
    record = AttendanceRecord.objects.get(registration=registration, meeting=meeting)
    assert record.is_present
