"""In Chromium: Program staff create a LAC meeting in the admin; a partner finds it at
/events/ and registers on behalf of their organization (no CE wording anywhere); the
facilitator checks them in; the quarter's participation report counts the organization in
its groups. axe finds no serious or critical violations on /events/ or the report."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from lms.models import AttendanceRecord, BudgetBand, EventKind, Registration, Session, Training
from lms.models.demographics import OrganizationSelfReport
from lms.rules.participation import quarter_of
from tests.certificates.helpers import restore_reference_rows
from tests.factories import (
    AttendanceRecordFactory,
    FacilitatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pages import events_page, site_with_catalogue, training_page
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def restore_groups():
    restore_reference_rows()
    importlib.import_module("lms.migrations.0016_report_permissions").grant_permissions(apps, None)
    importlib.import_module("lms.migrations.0037_gatherings").grant(apps, None)


def row_of(table, header: str):
    return table.locator("tr", has=table.page.get_by_role("rowheader", name=header, exact=True))


def black_led_small_organization(name):
    today = timezone.localdate()
    org = OrganizationFactory(
        name=name,
        budget_band=BudgetBand.UNDER_500K,
        budget_band_reported_on=today,
        is_coalition_partner=True,
    )
    OrganizationSelfReport.objects.create(
        organization=org,
        leaders_black=True,
        led_by_underrepresented="yes",
        leadership_reported_on=today,
        sub_sector_reported_on=today,
    )
    return org


def test_a_partner_registers_for_a_lac_meeting_is_checked_in_and_counted(page):
    restore_groups()
    home, _catalogue = site_with_catalogue()
    events = events_page(home)
    ProfileFactory(user=StaffFactory(email="program@coalition.test", groups=["Program staff"]))

    # Staff create the LAC meeting in the admin.
    sign_in(page, "program@coalition.test")
    page.goto("/admin/trainings/new/")
    page.get_by_role("combobox", name="Kind").select_option(label="LAC meeting")
    page.get_by_role("textbox", name="Region").fill("Central Illinois")
    page.get_by_role("textbox", name="Title").fill("Central Illinois LAC Meeting")
    page.get_by_role("textbox", name="Slug").fill("central-lac")
    page.get_by_role("textbox", name="Summary").fill(
        "The region's quarterly Local Advisory Council meeting."
    )
    page.get_by_role("spinbutton", name="Duration minutes").fill("90")
    page.get_by_role("button", name="Create", exact=True).click()
    page.get_by_text("created").first.wait_for()
    training = Training.objects.get(slug="central-lac")
    assert (training.kind, training.region) == (EventKind.LAC_MEETING, "Central Illinois")

    # Its page and a session an hour from now (scheduling is the trainings' own, tested there).
    training_page(events, training)
    session = Session.objects.create(training=training, format=training.format, capacity=30)
    MeetingFactory(session=session, starts_at=timezone.now() + dt.timedelta(hours=1), minutes=90)
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"))
    ProfileFactory(user=lead.user)
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    meeting = session.meetings.get()
    # Ten partner organizations already came this quarter, all Black-led and small.
    for n in range(10):
        registration = RegistrationFactory(
            session=session, organization=black_led_small_organization(f"Agency {n}")
        )
        AttendanceRecordFactory(registration=registration, meeting=meeting)

    partner_org = black_led_small_organization("Good Neighbors")
    ProfileFactory(
        user=UserFactory(email="partner@goodneighbors.org", first_name="Ana", last_name="Ruiz"),
        printed_name="Ana Ruiz",
        organization=partner_org,
    )
    sign_in(page, "partner@goodneighbors.org")
    page.goto("/events/")
    page.get_by_role("link", name="Central Illinois LAC Meeting").first.wait_for()
    assert "Central Illinois region" in page.content()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("link", name="Register").first.click()
    behalf = page.get_by_label("I come on behalf of Good Neighbors")
    assert behalf.is_checked()
    main = page.locator("main").inner_text()
    assert "CE" not in main and "certificate" not in main.lower()
    page.get_by_role("button", name="Register for free").click()
    page.get_by_text("You are registered").first.wait_for()
    registration = Registration.objects.get(person__email="partner@goodneighbors.org")
    assert (registration.status, registration.organization) == ("confirmed", partner_org)

    # The facilitator checks Ana in from the roster.
    sign_in(page, "lead@coalition.test")
    page.goto(f"/facilitate/sessions/{session.pk}/meetings/{meeting.pk}/")
    page.get_by_role("row", name="Ana Ruiz").get_by_role("button", name="Check in Ana Ruiz").click()
    page.get_by_role("row", name="Ana Ruiz").get_by_text("not checked in").wait_for(
        state="detached"
    )
    assert AttendanceRecord.objects.get(registration=registration).is_present

    # The quarter's report, from the admin home's LAC figure.
    sign_in(page, "program@coalition.test")
    page.goto("/admin/")
    quarter = quarter_of(timezone.localdate())
    panel = page.locator("#coalition-indicators-section")
    panel.get_by_text(f"LAC meeting attendance, {quarter.label}").wait_for()
    panel.get_by_role("link", name="11 people from 11 organizations").click()
    heading = f"LAC meetings, {quarter.label}, organizations by group"
    page.get_by_role("heading", name=heading).wait_for()
    table = page.locator("table", has=page.locator("caption", has_text=heading))
    for group in (
        "Leaders include: Black or African American",
        "Led by people from historically underrepresented communities",
        "Annual budget under $5M",
        "Sub-sector: Behavioral and mental health",
    ):
        cells = row_of(table, group).locator("td")
        assert cells.nth(0).inner_text() == "11", group
        assert cells.nth(1).inner_text() == "100.0%", group
    not_reported = row_of(table, "Leadership: not reported, or reported more than a year ago")
    assert not_reported.locator("td").nth(0).inner_text() == "0"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
