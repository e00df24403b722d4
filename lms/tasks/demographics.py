"""Tasks for organization self-reports: asking contacts to update stale ones."""

from lms.models import Organization
from lms.services import emails
from lms.services.demographics import self_report_reminders_send as _reminders_send


def self_report_reminders_send() -> int:
    """Scheduled daily (lms migration 0035); also `manage.py self_report_reminders`."""
    return _reminders_send()


def email_self_report_reminder(organization_id: int) -> None:
    emails.email_self_report_reminder(organization=Organization.objects.get(pk=organization_id))
