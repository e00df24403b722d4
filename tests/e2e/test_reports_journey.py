"""In Chromium: Program staff open a report from the admin home panel, read its chart and
table, filter it, and answer their own demographic questions; axe finds no serious or
critical violations on the report or the questions page."""

import importlib

import pytest
from django.apps import apps

from tests.certificates.helpers import restore_reference_rows
from tests.factories import UserFactory
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in
from tests.lms.reports import report_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def restore_groups():
    """Transactional tests run on a flushed database: put the staff groups and the report
    permissions back."""
    restore_reference_rows()
    migration = importlib.import_module("lms.migrations.0016_report_permissions")
    migration.grant_permissions(apps, None)


def test_staff_open_a_report_with_chart_and_table(page):
    restore_groups()
    data = report_data.registrations_and_money()
    report_data.staff_user("Program staff", email="program@coalition.test")

    sign_in(page, "program@coalition.test")
    page.goto("/admin/")
    panel = page.locator("#coalition-indicators-section")
    panel.get_by_text("Participants (unique)").wait_for()
    panel.get_by_role("link", name="Participation", exact=True).click()
    page.get_by_role("heading", name="Registrations by status").wait_for()

    chart = page.get_by_role("img", name="Registrations by status: Registrations")
    assert chart.count() == 1
    table = page.locator("#table-1")
    assert table.locator("caption").inner_text() == "Registrations by status"
    confirmed = table.get_by_role("row", name="Confirmed")
    assert confirmed.locator("td").inner_text() == "4"
    assert chart.locator("text", has_text="4").count() >= 1
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    page.get_by_label("Training").select_option(label=data["training_b"].title)
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**training=*")
    assert (
        page.locator("#table-1").get_by_role("row", name="Cancelled").locator("td").inner_text()
        == "1"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("participation-")


def test_participant_answers_the_voluntary_questions(page):
    person = UserFactory(email="someone@coalition.test")
    sign_in(page, person.email)
    page.goto("/my/")
    page.get_by_role("link", name="About you (voluntary)").click()
    page.get_by_role("group", name="What is your race and/or ethnicity?").get_by_label(
        "Middle Eastern or North African"
    ).check()
    page.get_by_role("group", name="Do you have difficulty hearing").get_by_label(
        "Some difficulty"
    ).check()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_role("status").get_by_text("Thank you, your answers are saved.").wait_for()
    page.get_by_role("button", name="Delete my answers").click()
    page.get_by_role("status").get_by_text("Your answers are deleted.").wait_for()
