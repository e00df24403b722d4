"""In Chromium: a stranger chooses a session, creates an account on the way, confirms the
emailed link in the same browser, lands back on that session's fee step (after the profile
step), pays, and finds the training on /my/ with its next step. Every page of the path shows
where the person is (Account → Profile → Fee → Pay → Done)."""

import re
import urllib.parse

import pytest
from django.core import mail

from lms.models import User
from tests.factories import paid_session
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, fill_card, hold_a_seat

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def current_step(page) -> str:
    return page.locator('.steps [aria-current="step"]').inner_text().strip()


def test_the_chosen_session_survives_sign_up_and_email_confirmation(page, live_server_turns):
    with live_server_turns:
        session, _ = paid_session(online_link="https://zoom.example/j/555")
        title = session.training.title

    page.goto(f"/sessions/{session.pk}/register/")  # signed out: sent to sign in
    assert current_step(page) == "Account"
    page.get_by_role("link", name="Create an account").click()
    assert current_step(page) == "Account"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Méndez")
    page.get_by_label("Email", exact=True).fill("rosa.mendez@agency.org")
    page.get_by_label("Password", exact=True).fill("a-Strong-passphrase-42")
    page.get_by_label("Password (again)").fill("a-Strong-passphrase-42")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    assert page.get_by_role("link", name="send the email again").is_visible()

    with live_server_turns:
        person = User.objects.get(email="rosa.mendez@agency.org")
        assert (person.first_name, person.last_name) == ("Rosa", "Méndez")
        [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(urllib.parse.urlsplit(link).path)
    page.get_by_role("button", name="Confirm my email").click()

    # Signed in by the confirmation, and on the way back to the session: the profile first.
    page.get_by_text("Before you register, please complete your profile.").wait_for()
    assert current_step(page) == "Profile"
    assert page.get_by_label("Name as it should print on certificates").input_value() == (
        "Rosa Méndez"
    )
    page.get_by_label("License or certification").select_option("")
    page.get_by_role("button", name="Save and continue to the fee").click()
    page.get_by_role("heading", name=f"Register: {title}").wait_for()
    assert f"/sessions/{session.pk}/register/" in page.url
    assert current_step(page) == "Fee"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    hold_a_seat(page)
    page.get_by_role("heading", name=f"Pay for {title}").wait_for()
    assert current_step(page) == "Pay"
    fill_card(page)
    page.get_by_role("button", name="Pay $50.00").click()
    page.get_by_text("You are registered.").wait_for()
    assert current_step(page) == "Done"
    # Virtual: the join link and the calendar come first; no door code.
    assert page.get_by_role("heading", name="Joining online").is_visible()
    assert page.get_by_role("img", name=re.compile("Check-in QR code")).count() == 0
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    page.goto("/my/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Upcoming"))
    upcoming.get_by_role("heading", name=title).wait_for()
    assert upcoming.get_by_role("link", name=re.compile("Joining and check-in details")).count()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
