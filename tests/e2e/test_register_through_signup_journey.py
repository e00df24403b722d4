"""In Chromium: a stranger chooses a session, signs up on the way, confirms the emailed link
in the same browser, and lands back on that session's registration (after the profile
step), not on an empty /my/ page."""

import re
import urllib.parse

import pytest
from django.core import mail

from lms.models import User
from tests.factories import paid_session
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chosen_session_survives_sign_up_and_email_confirmation(page):
    session, _ = paid_session()
    title = session.training.title

    page.goto(f"/sessions/{session.pk}/register/")  # signed out: sent to sign in
    page.get_by_role("link", name=re.compile("sign up", re.I)).click()
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Méndez")
    page.get_by_label("Email:").fill("rosa.mendez@agency.org")
    page.get_by_label("Password:", exact=True).fill("a-Strong-passphrase-42")
    page.get_by_label("Password (again):").fill("a-Strong-passphrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    person = User.objects.get(email="rosa.mendez@agency.org")
    assert (person.first_name, person.last_name) == ("Rosa", "Méndez")
    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(urllib.parse.urlsplit(link).path)
    page.get_by_role("button", name="Confirm").click()

    # Signed in by the confirmation, and on the way back to the session: the profile first.
    page.get_by_text("Before you register, please complete your profile.").wait_for()
    assert page.get_by_label("Name as it should print on certificates").input_value() == (
        "Rosa Méndez"
    )
    page.get_by_label("License or certification").select_option("")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.get_by_role("heading", name=f"Register: {title}").wait_for()
    assert f"/sessions/{session.pk}/register/" in page.url
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
