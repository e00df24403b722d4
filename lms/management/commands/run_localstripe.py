"""manage.py run_localstripe: localstripe for `make demo`, with its webhook pointed at the app."""

import urllib.parse

from django.conf import settings
from django.core.management.base import BaseCommand

from lms.payments import localstripe


class Command(BaseCommand):
    help = "Start localstripe on STRIPE_API_BASE's port and send its webhooks to this site."

    def handle(self, *args, **options):
        port = urllib.parse.urlsplit(settings.STRIPE_API_BASE).port or 8420
        process = localstripe.start(port, quiet=False)
        webhook_url = f"{settings.SITE_URL}/payments/stripe/webhook/"
        localstripe.configure_webhook(
            api_base=settings.STRIPE_API_BASE,
            webhook_url=webhook_url,
            secret=settings.STRIPE_WEBHOOK_SECRET,
        )
        self.stdout.write(f"localstripe on {settings.STRIPE_API_BASE}, webhooks to {webhook_url}")
        try:
            process.wait()
        except KeyboardInterrupt:
            process.terminate()
