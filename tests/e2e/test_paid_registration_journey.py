"""In Chromium: register for a paid session, pay in localstripe's card element, see the
confirmation; the confirmation email with its calendar file is in the outbox."""

import re

import icalendar
import pytest
from django.core import mail

from lms.models import Payment, Registration, StripeEvent
from tests.factories import ProfileFactory, paid_session
from tests.fixtures.browser import assert_accessible, fill_card, hold_a_seat, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def test_participant_registers_pays_and_is_confirmed(page, live_server_turns):
    with live_server_turns:
        session, _ = paid_session(online_link="https://zoom.example/j/777")
        person = ProfileFactory(printed_name="Jordan Rivera").user
        title = session.training.title
    sign_in(page, person.email)

    page.goto(f"/sessions/{session.pk}/register/")
    page.get_by_role("heading", name=f"Register: {title}").wait_for()
    assert_accessible(page)
    hold_a_seat(page)

    page.get_by_role("heading", name=f"Pay for {title}").wait_for()
    assert page.get_by_role("table", name="Your price").is_visible()
    assert_accessible(page, exclude=["#card-element"])
    fill_card(page)
    page.get_by_role("button", name="Pay $50.00").click()

    page.get_by_text("You are registered.").wait_for()
    assert (
        page.get_by_role("link", name="Join the session").get_attribute("href")
        == "https://zoom.example/j/777"
    )
    # A virtual session: the join link and calendar, no code to show at a door.
    assert page.get_by_role("link", name="Add to my calendar (.ics)").is_visible()
    assert page.get_by_role("img", name=re.compile("Check-in QR code")).count() == 0
    assert_accessible(page)

    # The webhook for the same payment arrives a moment later and changes nothing.
    live_server_turns.wait_until(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded", processed_at__isnull=False
        ).exists(),
        what="the payment_intent.succeeded webhook",
    )
    with live_server_turns:
        registration = Registration.objects.get(session=session, person=person)
        assert registration.status == Registration.Status.CONFIRMED
        payment = Payment.objects.get(registration=registration)
        assert (payment.status, payment.amount_cents, payment.card_last4) == (
            "succeeded",
            5000,
            "4242",
        )

        confirmations = [m for m in mail.outbox if m.subject == f"You are registered: {title}"]
        assert len(confirmations) == 1
        message = confirmations[0]
        assert message.to == [person.email]
        assert "https://zoom.example/j/777" in message.body
        html = message.alternatives[0][0]
        assert 'href="https://zoom.example/j/777"' in html
        assert "cid:check-in-qr" not in html  # virtual: no door to check in at
        ics = next(
            part
            for part in message.attachments
            if isinstance(part, tuple) and part[0] == "training.ics"
        )
        assert ics[2] == "text/calendar"
        event = next(iter(icalendar.Calendar.from_ical(ics[1]).walk("VEVENT")))
        assert event["summary"] == title
        assert event.decoded("dtstart") == session.starts_at
        assert any(m.subject == f"Receipt: {title}" for m in mail.outbox)


def test_declined_card_shows_why_and_keeps_the_seat(page, live_server_turns):
    with live_server_turns:
        session, _ = paid_session()
        person = ProfileFactory().user
    sign_in(page, person.email)
    page.goto(f"/sessions/{session.pk}/register/")
    hold_a_seat(page, tier="Community rate – $25.00")

    fill_card(page, number="4000000000000341")  # attaches, then the charge is declined
    page.get_by_role("button", name="Pay $25.00").click()
    alert = page.get_by_role("alert")
    alert.get_by_text("Your card was declined.").wait_for()
    assert "still held" in alert.inner_text()
    # What to do next: another card, or a scholarship.
    page.get_by_role("link", name="apply for a scholarship", exact=True).wait_for()

    # A second card, in the same card form, goes through.
    fill_card(page)
    page.get_by_role("button", name="Pay $25.00").click()
    page.get_by_text("You are registered.").wait_for()
    live_server_turns.wait_until(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded", processed_at__isnull=False
        ).exists(),
        what="the success webhook",
    )
    with live_server_turns:
        statuses = sorted(
            Payment.objects.filter(registration__person=person).values_list("status", flat=True)
        )
        assert statuses == ["failed", "succeeded"]
