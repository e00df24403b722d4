"""In Chromium: an agency coordinator registers two colleagues, pays once in localstripe's card
element, and every seat is confirmed."""

import pytest
from django.core import mail

from lms.models import GroupRegistration, Payment, Registration
from tests.factories import OrganizationFactory, ProfileFactory, paid_session
from tests.fixtures.browser import assert_accessible, fill_card, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def test_coordinator_pays_for_the_group_by_card(page, live_server_turns):
    with live_server_turns:
        session, tiers = paid_session(capacity=4)
        organization = OrganizationFactory(name="Riverside Family Services")
        coordinator = ProfileFactory(printed_name="Morgan Ellis", organization=organization).user
        title = session.training.title
    sign_in(page, coordinator.email)

    page.goto(f"/sessions/{session.pk}/group/")
    page.get_by_role("heading", name=f"Register a group: {title}").wait_for()
    assert_accessible(page)
    page.get_by_label("Fee tier", exact=True).select_option(str(tiers["organization"].pk))
    page.get_by_label("Attendees, one per line: full name, email").fill(
        "Ana Ruiz, ana@agency.org\nBen Okafor, ben@agency.org"
    )
    page.get_by_label("I confirm this fee tier fits our organization").check()
    page.get_by_label("Pay now by card, one payment for everyone").check()
    page.get_by_role("button", name="Register the group").click()

    page.get_by_role("heading", name=f"Pay for your group: {title}").wait_for()
    assert_accessible(page, exclude=["#card-element"])
    fill_card(page)
    page.get_by_role("button", name="Pay $90.00 for 2 attendees").click()
    page.get_by_text("Paid. Every attendee's seat is confirmed").wait_for()
    assert_accessible(page)

    with live_server_turns:
        group = GroupRegistration.objects.get()
        assert group.status == GroupRegistration.Status.CONFIRMED
        assert sorted(
            Registration.objects.filter(group=group).values_list("person__email", "status")
        ) == [("ana@agency.org", "confirmed"), ("ben@agency.org", "confirmed")]
        payment = Payment.objects.get()
        assert (payment.group_id, payment.amount_cents, payment.status) == (
            group.pk,
            9000,
            "succeeded",
        )
    live_server_turns.wait_until(lambda: len(mail.outbox) >= 3, what="the emails")
