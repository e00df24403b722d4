"""manage.py self_report_reminders: ask the contacts of organizations whose self-report is
over a year old to update it (the daily schedule runs the same task)."""

from django.core.management.base import BaseCommand

from lms.tasks.demographics import self_report_reminders_send


class Command(BaseCommand):
    help = "Email the contacts of organizations whose self-report is over a year old."

    def handle(self, *args, **options):
        asked = self_report_reminders_send()
        self.stdout.write(f"Asked {asked} organization(s) to update their self-report.")
