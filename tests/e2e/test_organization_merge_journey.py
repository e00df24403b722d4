"""In Chromium: Program staff find two records of one organization from the admin home,
merge the duplicate into the one kept, and confirm the member who was waiting; axe finds no
serious or critical violations on the organization's page or the merge form."""

import importlib

import pytest
from django.apps import apps

from lms.models import Organization, Profile
from tests.certificates.helpers import restore_reference_rows
from tests.factories import OrganizationFactory, ProfileFactory, StaffFactory, UserFactory
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def restore_groups():
    """Transactional tests run on a flushed database: the staff groups and their permissions."""
    restore_reference_rows()
    importlib.import_module("lms.migrations.0027_organizations_and_people").grant_permissions(
        apps, None
    )


def test_program_staff_merge_two_records_of_one_organization(page):
    restore_groups()
    StaffFactory(email="program@coalition.test", groups=["Program staff"])
    keep = OrganizationFactory(name="Southside Family Wellness Center")
    duplicate = OrganizationFactory(name="Southside Family Wellness Ctr")
    ProfileFactory(organization=keep, user=UserFactory(email="ana@example.org"))
    waiting = ProfileFactory(organization=duplicate, user=UserFactory(email="lee@example.org"))
    Profile.objects.filter(pk=waiting.pk).update(organization_confirmed_on=None)

    sign_in(page, "program@coalition.test")
    page.goto("/admin/")
    page.get_by_role("button", name="Organizations and people").click()
    page.get_by_role("link", name="Organizations", exact=True).click()
    page.get_by_role("textbox", name="Search term").fill("southside")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Southside Family Wellness Center", exact=True).click()
    page.get_by_role("heading", name="Members (1)").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Merge a duplicate").click()
    page.get_by_label("The duplicate record to merge into this one").select_option(
        label="Southside Family Wellness Ctr"
    )
    page.get_by_label("I checked that both records are the same organization").check()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("button", name="Merge").click()
    page.get_by_text("Merged into Southside Family Wellness Center").wait_for()
    page.get_by_role("heading", name="Members (2)").wait_for()
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert page.get_by_text("Waiting for confirmation").count() == 1

    page.get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Confirm members").click()
    page.get_by_text("lee@example.org").wait_for()
    page.get_by_role("button", name="Confirm them all").click()
    page.get_by_text("1 members of Southside Family Wellness Center confirmed").wait_for()
    waiting.refresh_from_db()
    assert waiting.organization_id == keep.pk and waiting.organization_confirmed_how == "staff"
