"""manage.py seed_demo: the demo catalogue, people and pages. Idempotent; refused without DEBUG.

Each app seeds its own part (lms.demo, certificates.demo, cms.demo); this command calls them
in order, so no app reaches into another's demo data against the dependency direction.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.demo import seed_approvals, seed_certificates
from cms.demo import (
    seed_catalogue_pages,
    seed_embed_demo,
    seed_events_page,
    seed_pages,
    seed_translations,
)
from lms import demo


class Command(BaseCommand):
    help = "Load realistic demo data (trainings, sessions, organizations, demo logins)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates logins with a public password, so it only runs with DEBUG on."
            )
        with transaction.atomic():
            demo.seed_people()
            trainings = demo.seed_catalogue()
            paid_session = demo.seed_registration_demo()
            seed_approvals()
            demo.seed_attendance()
            demo.seed_facilitator_pay()
            certificate = seed_certificates()
            demo.seed_equity_demo()
            demo.seed_scholarships_demo()
            demo.seed_payments_demo()
            erasure = demo.seed_privacy_demo()
            demo.seed_session_operations_demo()
            # Before the webhook endpoint exists, like the rest of the demo's history.
            demo.seed_gatherings_demo()
            demo.seed_surveys_demo()
            api_key = demo.seed_api_demo()
            demo.seed_webhooks_demo()
            home = seed_pages()
            seed_catalogue_pages(home=home)
            seed_events_page(home=home)
            seed_translations()
            seed_embed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(trainings)} trainings."))
        if paid_session:
            self.stdout.write(
                f"Try a paid registration: {settings.SITE_URL}{paid_session.get_absolute_url()} "
                "(card 4242 4242 4242 4242, any future expiry, any CVC; code COALITION10)"
            )
        if certificate:
            self.stdout.write(
                f"Pat Johnson's certificate {certificate.serial}: {certificate.get_verify_url()} "
                "(also an Open Badge and an Add to LinkedIn link on her /my/certificates/)"
            )
        if erasure:
            self.stdout.write(
                "An erasure request made by letter waits for staff: admin → People's data → "
                "Erasure requests → Erase now."
            )
        self.stdout.write(
            "Demo logins (password coalition-demo): staff@demo.test, facilitator@demo.test, "
            "participant@demo.test, participante@demo.test (Lucía, who reads in Spanish: /es/), "
            "applicant@demo.test (a pending scholarship application), "
            "coordinator@demo.test (an agency group with an invoice)"
        )
        if api_key:
            self.stdout.write(
                f"REST API: {settings.SITE_URL}/api/docs/ ; Prairie State's demo key (shown "
                f"once, admin → Integrations → API keys): {api_key}\n"
                f"  curl -H 'Authorization: Bearer {api_key}' {settings.SITE_URL}/api/v1/registrations/"
            )
            self.stdout.write(
                f"Webhooks: every event goes, signed, to the demo receiver; watch them arrive at "
                f"{settings.SITE_URL}/dev/webhooks/"
            )
        self.stdout.write(
            "Embedded catalogue: a partner page on another origin shows it at "
            "http://localhost:8000/dev/partner-page/ (allowed under Settings → Embedded "
            f'catalogue); the one line: <script src="{settings.SITE_URL}/embed/trainings.js" '
            'data-topic="supervision" async></script>'
        )
        self.stdout.write(
            f"Gatherings (no CE): {settings.SITE_URL}/events/ lists two LAC meetings and an "
            "advocacy day; the held LAC meeting's sign-in sheet is under admin → Sign-in sheets; "
            "admin → Partner surveys has a survey with two answers (Results), and Reports → "
            "What partners ask for sets requested topics beside the offer."
        )
        self.stdout.write(
            "The admin home's Needs attention panel lists what waits for staff: a scholarship "
            "application, a flagged payment, an overdue invoice, a TA request, sessions."
        )
