"""Organizations whose self-report is over a year old: their contacts are asked to update it,
at most once every 90 days."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from lms.models import OrganizationContact
from lms.models.demographics import OrganizationSelfReport
from lms.services.demographics import self_report_reminders_send, self_report_stale
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def org_with_contact(name, *, reported_on, with_report=True):
    org = OrganizationFactory(name=name, budget_band_reported_on=reported_on)
    if with_report:
        OrganizationSelfReport.objects.create(
            organization=org, sub_sector_reported_on=reported_on, leadership_reported_on=reported_on
        )
    contact = UserFactory(email=f"contact@{name.lower()}.org")
    OrganizationContact.objects.create(organization=org, person=contact)
    return org


@pytest.mark.parametrize(
    ("reported_on", "with_report", "stale"),
    [
        (dt.date(2026, 6, 1), True, False),
        (dt.date(2025, 11, 29), True, True),  # exactly a year: counts as not reported
        (dt.date(2025, 11, 30), True, False),
        (dt.date(2026, 6, 1), False, True),  # no self-report at all
        (None, True, True),
    ],
)
def test_stale_self_reports(reported_on, with_report, stale):
    org = org_with_contact("Agency", reported_on=reported_on, with_report=with_report)
    assert self_report_stale(org, today=TODAY) is stale


def test_contacts_of_stale_organizations_are_asked_once_in_90_days(
    django_capture_on_commit_callbacks,
):
    stale = org_with_contact("Stale", reported_on=dt.date(2024, 1, 1))
    org_with_contact("Fresh", reported_on=dt.date(2026, 10, 1))
    OrganizationFactory(name="No contact", budget_band_reported_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert self_report_reminders_send(today=TODAY) == 1
    [email] = mail.outbox
    assert email.to == ["contact@stale.org"]
    assert "Please update what Stale reports" in email.subject
    assert "/my/organization/" in email.body
    stale.refresh_from_db()
    assert stale.self_report_reminded_on == TODAY
    assert ModelLogEntry.objects.filter(action="lms.organization.self_report_reminder").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert self_report_reminders_send(today=TODAY + dt.timedelta(days=89)) == 0
        assert self_report_reminders_send(today=TODAY + dt.timedelta(days=91)) == 1
    assert len(mail.outbox) == 2


def test_the_command_runs_the_task(django_capture_on_commit_callbacks, capsys):
    org_with_contact("Old", reported_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("self_report_reminders")
    assert "Asked 1 organization(s)" in capsys.readouterr().out
    assert len(mail.outbox) == 1
