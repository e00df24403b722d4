"""In Chromium: Finance refunds a card payment starting from the admin home, by clicks only:
the "Needs attention" panel's flagged payments line, the payment's row in the listing, its
Refund button, the refund form; the refund goes through localstripe and the payment shows it.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.core import mail

from lms.models import Payment, Refund
from lms.services.payments import payment_submit
from lms.services.registrations import registration_create
from tests.certificates.helpers import restore_reference_rows
from tests.factories import ProfileFactory, UserFactory, paid_session
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def finance_user():
    """Transactional tests run on a flushed database: the staff groups and Finance's payment
    permissions back, and a Finance member."""
    restore_reference_rows()
    importlib.import_module(
        "lms.migrations.0007_registration_schedules_and_permissions"
    ).grant_permissions(apps, None)
    return UserFactory(email="finance@coalition.test", is_staff=True, groups=["Finance"])


def test_finance_refunds_a_flagged_payment_from_the_admin_home(page, live_server_turns):
    with live_server_turns:
        finance_user()
        session, tiers = paid_session(meeting__days_ahead=30)
        person = ProfileFactory(printed_name="Robin Vega").user
        registration = registration_create(
            session=session, person=person, tier=tiers["standard"], attested=True
        )
        outcome = payment_submit(
            registration_id=registration.pk, person=person, payment_method_id="pm_card_visa"
        )
        assert outcome.status == Payment.Status.SUCCEEDED
        payment = Payment.objects.get(registration=registration)
        Payment.objects.filter(pk=payment.pk).update(
            needs_attention=True, attention_note="The participant was charged twice by their bank"
        )

    sign_in(page, "finance@coalition.test")
    page.goto("/admin/")
    panel = page.locator("#needs-attention-section")
    panel.get_by_role("link", name=re.compile("Payments flagged for a look: 1")).click()
    page.wait_for_url("**/admin/payments/?needs_attention=true")
    page.get_by_role("button", name=re.compile("More options")).first.click()
    page.get_by_role("link", name="Refund").click()

    page.get_by_role("heading", name=re.compile("Refund")).first.wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    amount = page.get_by_label("Amount to refund (US dollars)")
    assert amount.input_value() in ("50.00", "50")
    amount.fill("20.00")
    page.get_by_label("Reason").select_option(label="Paid twice")
    page.get_by_label("Note").fill("Charged twice by the bank; refunding the difference.")
    page.get_by_role("button", name="Send refund").click()

    page.get_by_text("Refund of $20.00: refunded.").wait_for()
    assert "$20.00 refunded" in page.locator("main").inner_text()
    live_server_turns.wait_until(
        lambda: Refund.objects.filter(status=Refund.Status.SUCCEEDED).exists(),
        what="the refund sent to localstripe",
    )
    with live_server_turns:
        refund = Refund.objects.get()
        assert (refund.amount_cents, refund.reason, refund.stripe_refund_id[:3]) == (
            2000,
            "duplicate_payment",
            "re_",
        )
        payment.refresh_from_db()
        assert (payment.status, payment.refunded_cents) == ("partially_refunded", 2000)
        assert any(m.subject.startswith("Refund of $20.00") for m in mail.outbox)
