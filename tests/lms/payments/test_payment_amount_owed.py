"""What is charged is what is owed now: an attempt whose amount no longer matches (a
scholarship awarded after a 3-D Secure prompt was abandoned) is cancelled at Stripe and a new
one started, and money that still arrives for more than is owed is refunded the difference
automatically and flagged for Finance.

Against localstripe over HTTP, with its signed webhooks delivered to live_server where the
money arrives on its own (as tests/lms/test_payments_localstripe.py does).
"""

import json
import urllib.error

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import (
    FeeTier,
    GroupRegistration,
    Payment,
    Refund,
    Registration,
    ScholarshipAward,
    StripeEvent,
)
from lms.services.groups import Attendee, group_registration_card_hold
from lms.services.payments import group_payment_submit, payment_submit, payment_sync
from lms.services.registrations import registration_create
from lms.services.scholarship_ledger import fund_position_read
from lms.services.scholarships import scholarship_apply, scholarship_award
from lms.tasks.registrations import holds_expire
from tests.factories import (
    DiscountCodeFactory,
    OrganizationFactory,
    ProfileFactory,
    ScholarshipFundFactory,
    UserFactory,
    paid_session,
)
from tests.fixtures.payments import card_payment_method, stripe_api

pytestmark = pytest.mark.stripe

THREE_D_SECURE = "4000002500003155"


def hold(**session_kwargs) -> Registration:
    session, tiers = paid_session(**session_kwargs)
    return registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )


def held_group() -> GroupRegistration:
    session, tiers = paid_session(capacity=5)
    organization = OrganizationFactory(name="Riverside Family Services")
    return group_registration_card_hold(
        session=session,
        coordinator=ProfileFactory(organization=organization).user,
        organization=organization,
        tier=tiers["organization"],
        attendees=[
            Attendee("Ana Ruiz", "ana@agency.org"),
            Attendee("Ben Okafor", "ben@agency.org"),
        ],
        attested=True,
    )


def award(registration: Registration, cents: int) -> ScholarshipAward:
    """The person applies for a partial scholarship for their held seat; staff award it."""
    fund = ScholarshipFundFactory(credit_cents=20000, name="Frontline Fund")
    application = scholarship_apply(
        session=registration.session,
        person=registration.person,
        fund=fund,
        need_statement="Our agency has no training budget this year.",
        coverage="amount",
        amount_cents=cents,
    )
    return scholarship_award(application=application, by=UserFactory(is_staff=True))


def finance_member():
    user = UserFactory(email="finance@coalition.test")
    user.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return user


def intent(localstripe, payment: Payment) -> dict:
    return stripe_api(localstripe, "GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}")


def intent_id(client_secret: str) -> str:
    return client_secret.split("_secret_")[0]


def authenticate(localstripe, client_secret: str) -> dict:
    """What localstripe's confirmCardPayment does once the person passes 3-D Secure."""
    return stripe_api(
        localstripe,
        "POST",
        f"/v1/payment_intents/{intent_id(client_secret)}/_authenticate?success=true",
        {"client_secret": client_secret},
    )


def pay(client, url: str, method: str) -> dict:
    return client.post(
        url, json.dumps({"payment_method": method}), content_type="application/json"
    ).json()


def status_of(registration) -> str:
    return Registration.objects.values_list("status", flat=True).get(pk=registration.pk)


def charged_at_stripe(localstripe, payment: Payment) -> list[int]:
    """The intent's charge, if it succeeded (localstripe always expands `latest_charge`)."""
    charge = intent(localstripe, payment).get("latest_charge")
    return [charge["amount"]] if charge and charge["status"] == "succeeded" else []


def refunded_at_stripe(localstripe, payment: Payment) -> list[int]:
    refunds = stripe_api(
        localstripe, "GET", f"/v1/refunds?payment_intent={payment.stripe_payment_intent_id}"
    )["data"]
    return [refund["amount"] for refund in refunds]


# --- A single registration ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_abandoned_3ds_then_scholarship_charges_the_new_amount(
    client, stripe_webhooks, webhook_turns
):
    registration = hold()
    client.force_login(registration.person)
    pay_url = reverse("lms:registration_pay", args=[registration.pk])
    assert "Pay $50.00" in client.get(pay_url).text
    # The bank asks for 3-D Secure; the person abandons the prompt.
    first = pay(client, pay_url, card_payment_method(stripe_webhooks, THREE_D_SECURE))
    assert first["status"] == "requires_action"
    stale = Payment.objects.get(registration=registration)
    assert (stale.amount_cents, intent(stripe_webhooks, stale)["amount"]) == (5000, 5000)

    # A $20 scholarship is applied for and awarded: $30 is owed now.
    award(registration, 2000)
    assert "Pay $30.00" in client.get(pay_url).text

    second = pay(client, pay_url, card_payment_method(stripe_webhooks, THREE_D_SECURE))
    assert second["status"] == "requires_action"
    fresh = Payment.objects.get(registration=registration, status__in=Payment.OPEN)
    assert fresh.pk != stale.pk
    assert intent_id(second["client_secret"]) == fresh.stripe_payment_intent_id
    assert (fresh.amount_cents, intent(stripe_webhooks, fresh)["amount"]) == (3000, 3000)
    # The old attempt is given up here and cancelled at Stripe...
    stale.refresh_from_db()
    assert stale.status == Payment.Status.CANCELED
    assert intent(stripe_webhooks, stale)["status"] == "canceled"
    abandon = ModelLogEntry.objects.for_instance(stale).get(action="lms.payment.abandon")
    assert abandon.data["why"] == "the amount owed changed"
    assert (abandon.data["amount_cents"], abandon.data["owed_cents"]) == (5000, 3000)
    # ...so the old bank prompt can no longer charge $50.
    with pytest.raises(urllib.error.HTTPError):
        authenticate(stripe_webhooks, first["client_secret"])

    # The person passes 3-D Secure for $30 and the page asks the server again.
    authenticate(stripe_webhooks, second["client_secret"])
    done = pay(client, pay_url, fresh.stripe_payment_method_id)
    assert done["status"] == "succeeded"
    assert status_of(registration) == "confirmed"
    # Stripe's signed webhook for the $30 payment arrives and changes nothing further.
    webhook_turns.wait_until(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded",
            object_id=fresh.stripe_payment_intent_id,
            processed_at__isnull=False,
        ).exists(),
        what="the success webhook",
    )
    confirmations = ModelLogEntry.objects.for_instance(registration).filter(
        action__startswith="lms.registration.confirm"
    )
    assert confirmations.count() == 1
    assert charged_at_stripe(stripe_webhooks, stale) == []
    assert charged_at_stripe(stripe_webhooks, fresh) == [3000]
    assert not Refund.objects.exists()
    assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.USED
    fresh.refresh_from_db()
    assert not fresh.needs_attention


@pytest.mark.django_db(transaction=True)
def test_the_old_amount_completed_after_an_award_is_refunded_the_difference(
    stripe_webhooks, webhook_turns
):
    finance_member()
    registration = hold()
    method = card_payment_method(stripe_webhooks, THREE_D_SECURE)
    first = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert first.status == "requires_action"
    award(registration, 2000)
    # The abandoned bank prompt is still open in another tab: the person completes it, so
    # Stripe charges the $50 of the old intent while $30 is owed.
    assert authenticate(stripe_webhooks, first.client_secret)["status"] == "succeeded"

    refund = webhook_turns.wait_until(
        lambda: Refund.objects.filter(status=Refund.Status.SUCCEEDED).first(),
        what="the automatic refund of the difference",
    )
    payment = Payment.objects.get(registration=registration)
    assert (refund.payment, refund.amount_cents, refund.reason, refund.requested_by) == (
        payment,
        2000,
        Refund.Reason.AMOUNT_CHANGED,
        None,
    )
    assert status_of(registration) == "confirmed"
    assert (payment.status, payment.refunded_cents) == ("partially_refunded", 2000)
    assert payment.needs_attention
    assert "$50.00" in payment.attention_note and "$30.00" in payment.attention_note
    assert refunded_at_stripe(stripe_webhooks, payment) == [2000]
    # The fund pays its $20 once; the person keeps paying $30 in all.
    assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.USED
    actions = list(ModelLogEntry.objects.for_instance(payment).values_list("action", "data"))
    refunds_logged = [data for action, data in actions if action == "lms.payment.refund"]
    assert [(d["amount_cents"], d["reason"]) for d in refunds_logged] == [(2000, "amount_changed")]
    webhook_turns.wait_until(
        lambda: any(m.to == ["finance@coalition.test"] for m in mail.outbox),
        what="the staff alert",
    )
    alert = next(m for m in mail.outbox if m.to == ["finance@coalition.test"])
    assert alert.subject.startswith("Payment needs attention")
    assert any(
        m.to == [registration.person.email] and m.subject.startswith("Refund of $20.00")
        for m in mail.outbox
    )


@pytest.mark.django_db
def test_a_late_payment_after_the_award_was_released_is_not_taken_for_less(
    stripe_quiet, django_capture_on_commit_callbacks
):
    finance_member()
    registration = hold()
    award(registration, 2000)
    method = card_payment_method(stripe_quiet, THREE_D_SECURE)
    first = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert first.status == "requires_action"
    # The hold runs out during the bank prompt: the seat is released and the fund takes its
    # $20 back, so the seat costs $50 again.
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert holds_expire() == 1
    assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.RELEASED
    fund = ScholarshipAward.objects.get().fund
    assert fund_position_read(fund=fund).available_cents == 20000
    # The prompt is completed after all: $30 arrives for a seat that is free again.
    authenticate(stripe_quiet, first.client_secret)
    payment = Payment.objects.get(registration=registration)
    with django_capture_on_commit_callbacks(execute=True):
        payment_sync(payment_id=payment.pk, source="test")
    payment.refresh_from_db()
    assert status_of(registration) == "expired"
    assert (payment.status, payment.refunded_cents, payment.needs_attention) == (
        "refunded",
        3000,
        True,
    )
    assert "$50.00" in payment.attention_note
    refund = Refund.objects.get(payment=payment)
    assert (refund.status, refund.reason) == ("succeeded", Refund.Reason.AMOUNT_CHANGED)
    assert refunded_at_stripe(stripe_quiet, payment) == [3000]
    assert any(m.to == ["finance@coalition.test"] for m in mail.outbox)


@pytest.mark.django_db
def test_a_discount_code_or_tier_price_changed_after_the_hold_keeps_the_held_price(
    client, stripe_quiet
):
    """The price is fixed when the seat is held: editing the code or the tier later changes
    neither the pay page nor the charge (both come from the same amount-owed function)."""
    session, tiers = paid_session()
    code = DiscountCodeFactory(code="SPRING", percent_off=10)
    registration = registration_create(
        session=session,
        person=ProfileFactory().user,
        tier=tiers["standard"],
        attested=True,
        discount_code="SPRING",
    )
    assert registration.amount_cents == 4500
    code.percent_off = 50
    code.save()
    FeeTier.objects.filter(pk=tiers["standard"].pk).update(price_cents=9000)
    client.force_login(registration.person)
    pay_url = reverse("lms:registration_pay", args=[registration.pk])
    assert "Pay $45.00" in client.get(pay_url).text
    assert pay(client, pay_url, "pm_card_visa")["status"] == "succeeded"
    payment = Payment.objects.get(registration=registration)
    assert payment.amount_cents == 4500 == intent(stripe_quiet, payment)["amount"]


# --- A card-paid group --------------------------------------------------------------------


@pytest.mark.django_db
def test_group_attempt_is_restarted_when_a_seat_is_awarded_a_scholarship(
    client, stripe_quiet, django_capture_on_commit_callbacks
):
    group = held_group()
    client.force_login(group.coordinator)
    pay_url = reverse("lms:group_pay", args=[group.pk])
    assert "Pay $90.00 for 2 attendees" in client.get(pay_url).text
    first = pay(client, pay_url, card_payment_method(stripe_quiet, THREE_D_SECURE))
    assert first["status"] == "requires_action"
    stale = Payment.objects.get(group=group)
    assert intent(stripe_quiet, stale)["amount"] == 9000

    # One attendee applies for a scholarship for their seat; staff award $20 of it.
    seat = Registration.objects.filter(group=group).order_by("pk").first()
    award(seat, 2000)
    page = client.get(pay_url).text
    assert "Pay $70.00 for 2 attendees" in page

    with django_capture_on_commit_callbacks(execute=True):
        second = pay(client, pay_url, card_payment_method(stripe_quiet, THREE_D_SECURE))
    assert second["status"] == "requires_action"
    fresh = Payment.objects.get(group=group, status__in=Payment.OPEN)
    assert (fresh.amount_cents, intent(stripe_quiet, fresh)["amount"]) == (7000, 7000)
    stale.refresh_from_db()
    assert stale.status == Payment.Status.CANCELED
    assert intent(stripe_quiet, stale)["status"] == "canceled"

    authenticate(stripe_quiet, second["client_secret"])
    with django_capture_on_commit_callbacks(execute=True):
        done = pay(client, pay_url, fresh.stripe_payment_method_id)
    assert done["status"] == "succeeded"
    group.refresh_from_db()
    assert group.status == GroupRegistration.Status.CONFIRMED
    assert charged_at_stripe(stripe_quiet, stale) == []
    assert charged_at_stripe(stripe_quiet, fresh) == [7000]
    assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.USED
    assert not Refund.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_group_money_above_what_is_owed_is_refunded_the_difference(stripe_webhooks, webhook_turns):
    finance_member()
    group = held_group()
    first = group_payment_submit(
        group_id=group.pk,
        coordinator=group.coordinator,
        payment_method_id=card_payment_method(stripe_webhooks, THREE_D_SECURE),
    )
    assert first.status == "requires_action"
    award(Registration.objects.filter(group=group).order_by("pk").first(), 2000)
    # The coordinator completes the old $90 prompt while the group owes $70.
    authenticate(stripe_webhooks, first.client_secret)

    refund = webhook_turns.wait_until(
        lambda: Refund.objects.filter(status=Refund.Status.SUCCEEDED).first(),
        what="the automatic refund of the difference",
    )
    payment = Payment.objects.get(group=group)
    assert (refund.amount_cents, refund.reason) == (2000, Refund.Reason.AMOUNT_CHANGED)
    group.refresh_from_db()
    assert group.status == GroupRegistration.Status.CONFIRMED
    assert (payment.status, payment.refunded_cents, payment.needs_attention) == (
        "partially_refunded",
        2000,
        True,
    )
    assert refunded_at_stripe(stripe_webhooks, payment) == [2000]
    assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.USED
    webhook_turns.wait_until(
        lambda: any(m.to == ["finance@coalition.test"] for m in mail.outbox),
        what="the staff alert",
    )
