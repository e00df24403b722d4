"""In Chromium: Program staff cancel a session with three paid registrants from the session's
row in the admin. Three refunds go through localstripe, three registrants are emailed, the
registrations are cancelled, and the public training page says the session is cancelled."""

import pytest
from django.core import mail

from lms.models import Refund, Registration
from lms.services.payments import payment_submit
from lms.services.registrations import registration_create
from tests.certificates.helpers import restore_reference_rows
from tests.factories import ProfileFactory, StaffFactory, paid_session
from tests.factories.pages import site_with_catalogue, training_page
from tests.fixtures.browser import sign_in
from tests.fixtures.payments import stripe_api

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def test_program_staff_cancel_a_session_with_three_paid_registrants(
    page, live_server_turns, localstripe
):
    with live_server_turns:
        restore_reference_rows()
        _home, catalogue = site_with_catalogue()
        session, tiers = paid_session(meeting__days_ahead=20)
        public = training_page(catalogue, session.training)
        registrants = []
        for _ in range(3):
            person = ProfileFactory().user
            registration = registration_create(
                session=session, person=person, tier=tiers["standard"], attested=True
            )
            payment_submit(
                registration_id=registration.pk, person=person, payment_method_id="pm_card_visa"
            )
            registrants.append(registration)
        assert {r.status for r in Registration.objects.filter(session=session)} == {"confirmed"}
        ProfileFactory(user=StaffFactory(email="program@coalition.test", groups=["Program staff"]))
        title = session.training.title
        public_url = public.url
        registration_url = registrants[0].get_absolute_url()
        mail.outbox.clear()

    page.goto(public_url)
    assert page.get_by_role("link", name="Register").count() >= 1

    sign_in(page, "program@coalition.test")
    page.goto("/admin/sessions/")
    page.get_by_role("button", name=f"More options for '{session}'").click()
    page.get_by_role("link", name="Cancel session").click()
    page.get_by_text("3 confirmed and 0 held registrations will be cancelled").wait_for()
    page.get_by_text("$150.00 paid by card will be refunded in full").wait_for()
    page.get_by_label("Reason").fill("The facilitator is ill")
    page.get_by_label("Cancel the session, its registrations").check()
    page.get_by_role("button", name="Cancel the session").click()

    page.get_by_role("heading", name="Session operations").wait_for()
    live_server_turns.wait_until(
        lambda: Refund.objects.filter(status="succeeded").count() == 3,
        what="three refunds",
    )
    page.reload()
    progress = page.locator(".cancellation-progress")
    progress.get_by_text("Registrations cancelled: 3 of 3").wait_for()
    assert "3 sent, 0 waiting for Stripe, 0 failed" in progress.inner_text()

    with live_server_turns:
        assert {r.status for r in Registration.objects.filter(session=session)} == {"cancelled"}
        refunds = list(Refund.objects.filter(reason="session_cancelled"))
        assert len(refunds) == 3
        for refund in refunds:
            at_stripe = stripe_api(localstripe, "GET", f"/v1/refunds/{refund.stripe_refund_id}")
            assert (at_stripe["amount"], at_stripe["status"]) == (5000, "succeeded")
        cancelled_mails = [m for m in mail.outbox if m.subject == f"Session cancelled: {title}"]
        assert sorted(m.to[0] for m in cancelled_mails) == sorted(
            r.person.email for r in registrants
        )

    page.context.clear_cookies()
    page.goto(public_url)
    page.get_by_text("Cancelled", exact=True).first.wait_for()
    assert page.get_by_role("link", name="Register").count() == 0

    # The registrant's own page says so, with no seat and no join link.
    sign_in(page, registrants[0].person.email)
    page.goto(registration_url)
    page.get_by_text("This session is cancelled.").wait_for()
    assert page.get_by_text("Your seat is confirmed").count() == 0
    assert page.get_by_role("link", name="Join the session").count() == 0
