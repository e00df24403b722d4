"""A visitor signs up, verifies their email from the outbox, logs in and sees their dashboard."""

import re
import urllib.parse

import pytest
from django.core import mail
from django.core.management import call_command

from tests.fixtures.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_signs_up_verifies_and_reaches_dashboard(page, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    mail.outbox.clear()  # the demo's own registration confirmation is not part of this journey

    page.goto("/")
    page.get_by_role("link", name="Create account").click()
    page.get_by_label("First name").fill("Frontline")
    page.get_by_label("Last name").fill("Worker")
    page.get_by_label("Email", exact=True).fill("frontline.worker@agency.org")
    page.get_by_label("Password", exact=True).fill("a-Strong-passphrase-42")
    page.get_by_label("Password (again)").fill("a-Strong-passphrase-42")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(urllib.parse.urlsplit(link).path)
    page.get_by_role("button", name="Confirm my email").click()
    # Confirming in the browser that signed up signs the person in.
    page.get_by_role("heading", name="My trainings").wait_for()

    sign_in(page, "frontline.worker@agency.org", password="a-Strong-passphrase-42")
    assert page.get_by_text(
        "Signed in as Frontline Worker (frontline.worker@agency.org).", exact=True
    ).is_visible()
