"""In Chromium, on the demo's data: every main public, participant, facilitator and staff page
at desktop width and on a 390-pixel phone, with axe finding no serious or critical
violation, and a screenshot of each saved to docs/screenshots/ (ignored by git) so anyone can
look at them. `make screenshots` runs only this test."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from lms.models import Registration, Session
from lms.services.registrations import session_closed_reason
from tests.fixtures.browser import BLOCKING_IMPACTS, axe_violations, fill_card, hold_a_seat, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
FOLDER = Path(os.environ.get("SCREENSHOTS_DIR", django_settings.BASE_DIR / "docs" / "screenshots"))
DEMO_PASSWORD = "coalition-demo"


def _open_paid_session():
    now = timezone.now()
    for session in Session.objects.filter(starts_at__gt=now, training__fee_schedule__isnull=False):
        if session_closed_reason(session=session, now=now) is None and session.format == "virtual":
            return session
    raise AssertionError("the demo has no open paid virtual session")


def test_main_pages_are_accessible_on_desktop_and_phone(
    browser_instance, live_server, live_server_turns, settings
):
    with live_server_turns:
        settings.DEBUG = True
        call_command("seed_demo")
        settings.DEBUG = False
        paid = _open_paid_session()
        confirmed = Registration.objects.filter(
            person__email="participant@demo.test", status="confirmed"
        ).first()
        training_url = paid.training.page.url
    FOLDER.mkdir(parents=True, exist_ok=True)
    problems = []

    for name, viewport in VIEWPORTS.items():
        context = browser_instance.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="en-US",
            timezone_id="America/Chicago",
        )
        context.set_default_timeout(20_000)
        page = context.new_page()

        def look(slug, *, exclude=(), page=page, name=name):
            page.wait_for_load_state("networkidle")
            page.screenshot(path=FOLDER / f"{name}-{slug}.png", full_page=True)
            problems.extend(
                f"{name} {slug}: {line}"
                for line in axe_violations(page, impacts=BLOCKING_IMPACTS, exclude=exclude)
            )

        for slug, path in [
            ("home", "/"),
            ("catalogue", "/trainings/"),
            ("training", training_url),
            ("sign-in", "/accounts/login/"),
            ("sign-up", "/accounts/signup/"),
            ("verify", "/verify/"),
        ]:
            page.goto(path)
            look(slug)

        sign_in(page, "participant@demo.test", password=DEMO_PASSWORD)
        look("my-trainings")
        if confirmed is not None:
            page.goto(f"/registrations/{confirmed.pk}/")
            look("registration")
        page.goto("/my/certificates/")
        look("certificates")
        page.goto("/my/profile/")
        look("profile")
        page.goto(f"/sessions/{paid.pk}/register/")
        look("fee")
        if name == "desktop":  # one held seat is enough
            hold_a_seat(page, tier=page.locator(".tier-option label").first.inner_text())
            page.locator("#card-element input").first.wait_for()
            look("pay", exclude=["#card-element"])
            fill_card(page)

        sign_in(page, "facilitator@demo.test", password=DEMO_PASSWORD)
        page.goto("/facilitate/")
        look("facilitator-sessions")
        page.locator(".session-list a").first.click()
        look("facilitator-session")

        sign_in(page, "staff@demo.test", password=DEMO_PASSWORD)
        page.goto("/admin/")
        look("admin-home")
        context.close()

    assert problems == [], "\n".join(problems)
