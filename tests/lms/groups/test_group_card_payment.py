"""A coordinator pays for a whole group by card: seats held for everyone, one PaymentIntent,
all confirmed by Stripe's signed webhook, released together when the hold expires.

Against localstripe over HTTP, as tests/lms/test_payments_localstripe.py does.
"""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import GroupRegistration, Payment, Refund, Registration
from lms.selectors.registrations import seats_left
from lms.services.groups import Attendee, group_registration_card_hold
from lms.services.invoices import AgencyError
from lms.services.payments import (
    PaymentError,
    group_payment_submit,
    payment_submit,
    payment_sync,
)
from lms.tasks import registrations as tasks
from tests.factories import OrganizationFactory, ProfileFactory, StaffFactory, paid_session
from tests.fixtures.payments import browser_authenticates, card_payment_method, stripe_api

pytestmark = pytest.mark.stripe

TEAM = "Ana Ruiz, ana@agency.org\nBen Okafor, ben@agency.org"


def coordinator_of(organization):
    return ProfileFactory(organization=organization).user


def statuses(group) -> list[str]:
    return list(
        Registration.objects.filter(group=group).order_by("pk").values_list("status", flat=True)
    )


def held_group(*, capacity=5, attendees=2):
    session, tiers = paid_session(capacity=capacity)
    organization = OrganizationFactory(name="Riverside Family Services")
    group = group_registration_card_hold(
        session=session,
        coordinator=coordinator_of(organization),
        organization=organization,
        tier=tiers["organization"],
        attendees=[Attendee(f"Person {n}", f"p{n}@agency.org") for n in range(attendees)],
        attested=True,
    )
    return group


@pytest.mark.django_db(transaction=True)
def test_coordinator_pays_once_by_card_and_the_webhook_confirms_every_seat(
    client, stripe_webhooks, webhook_turns
):
    session, tiers = paid_session(capacity=3)
    organization = OrganizationFactory(name="Riverside Family Services")
    coordinator = coordinator_of(organization)
    client.force_login(coordinator)
    response = client.post(
        reverse("lms:group_register", args=[session.pk]),
        {
            "tier": tiers["organization"].pk,
            "attendees": TEAM,
            "attest": "on",
            "payment": "card",
        },
    )
    group = GroupRegistration.objects.get()
    assert response.url == reverse("lms:group_pay", args=[group.pk])
    # Seats are held for everyone while the coordinator pays.
    assert statuses(group) == ["pending_payment", "pending_payment"]
    assert seats_left(session=session, now=timezone.now()) == 1
    page = client.get(response.url).text
    assert "Pay $90.00 for 2 attendees" in page and 'data-setup-secret="seti_' in page
    assert "ana@agency.org" in page

    # The card asks for 3-D Secure: the server created and confirmed one PaymentIntent...
    method = card_payment_method(stripe_webhooks, "4000002500003155")
    answer = client.post(
        response.url, json.dumps({"payment_method": method}), content_type="application/json"
    ).json()
    assert answer["status"] == "requires_action"
    payment = Payment.objects.get()
    assert (payment.group, payment.registration, payment.amount_cents) == (group, None, 9000)
    intent = stripe_api(
        stripe_webhooks, "GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}"
    )
    assert intent["amount"] == 9000
    assert intent["metadata"] == {"group": str(group.pk), "payment": str(payment.pk)}
    assert statuses(group) == ["pending_payment", "pending_payment"]

    # ...the browser finishes authentication (confirmCardPayment) and only Stripe's signed
    # webhook tells us it succeeded.
    mail.outbox.clear()
    browser_authenticates(stripe_webhooks, answer["client_secret"])
    webhook_turns.wait_until(
        lambda: statuses(group) == ["confirmed", "confirmed"], what="the webhook to confirm"
    )
    group.refresh_from_db()
    payment.refresh_from_db()
    assert group.status == GroupRegistration.Status.CONFIRMED
    assert payment.status == Payment.Status.SUCCEEDED
    assert ModelLogEntry.objects.for_instance(group).filter(action="lms.group.confirm").count() == 1
    webhook_turns.wait_until(lambda: len(mail.outbox) >= 3, what="the emails")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(["ana@agency.org", "ben@agency.org", coordinator.email])
    receipt = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "group of 2" in receipt.subject and "$90.00" in receipt.body
    assert "Paid. Every attendee's seat is confirmed" in client.get(response.url).text
    # Paying again is refused; nothing is charged twice.
    again = client.post(
        response.url,
        json.dumps({"payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert again.status_code == 400 and "already paid" in again.json()["message"]
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_expired_group_hold_releases_every_seat(stripe_quiet):
    group = held_group(capacity=2)
    session = group.session
    assert seats_left(session=session, now=timezone.now()) == 0
    Registration.objects.filter(group=group).update(hold_expires_at=timezone.now())
    GroupRegistration.objects.filter(pk=group.pk).update(hold_expires_at=timezone.now())
    assert tasks.holds_expire() == 2
    group.refresh_from_db()
    assert group.status == GroupRegistration.Status.EXPIRED
    assert statuses(group) == ["expired", "expired"]
    assert seats_left(session=session, now=timezone.now()) == 2
    # The group's own change is logged once, like every change of state.
    group_log = ModelLogEntry.objects.filter(object_id=str(group.pk), action="lms.group.expire")
    assert group_log.count() == 1
    with pytest.raises(PaymentError, match="seat hold for your group expired"):
        group_payment_submit(
            group_id=group.pk, coordinator=group.coordinator, payment_method_id="pm_card_visa"
        )
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_hold_expiry_asks_stripe_first_and_a_paid_group_is_confirmed(stripe_quiet):
    group = held_group()
    method = card_payment_method(stripe_quiet, "4000002500003155")
    first = group_payment_submit(
        group_id=group.pk, coordinator=group.coordinator, payment_method_id=method
    )
    assert first.status == "requires_action"
    browser_authenticates(stripe_quiet, first.client_secret)
    Registration.objects.filter(group=group).update(hold_expires_at=timezone.now())
    assert tasks.holds_expire() == 0  # no webhook came: the task asked Stripe and confirmed
    assert statuses(group) == ["confirmed", "confirmed"]


@pytest.mark.django_db
def test_money_for_an_expired_group_is_refunded_in_full(stripe_quiet):
    group = held_group()
    method = card_payment_method(stripe_quiet, "4000002500003155")
    first = group_payment_submit(
        group_id=group.pk, coordinator=group.coordinator, payment_method_id=method
    )
    # The coordinator walks away during 3-D Secure; the hold runs out and the seats go.
    Registration.objects.filter(group=group).update(hold_expires_at=timezone.now())
    assert tasks.holds_expire() == 2
    browser_authenticates(stripe_quiet, first.client_secret)
    payment = payment_sync(payment_id=Payment.objects.get().pk, source="test")
    assert payment.status == Payment.Status.SUCCEEDED and payment.needs_attention
    refund = Refund.objects.get(payment=payment)
    assert (refund.amount_cents, refund.reason) == (9000, Refund.Reason.SEAT_UNAVAILABLE)
    assert statuses(group) == ["expired", "expired"]


@pytest.mark.django_db
def test_a_group_larger_than_the_seats_left_holds_nothing(stripe_quiet):
    session, tiers = paid_session(capacity=1)
    organization = OrganizationFactory()
    with pytest.raises(AgencyError, match="Only 1 seat left: you named 2 attendees"):
        group_registration_card_hold(
            session=session,
            coordinator=coordinator_of(organization),
            organization=organization,
            tier=tiers["organization"],
            attendees=[Attendee("A", "a@x.org"), Attendee("B", "b@x.org")],
            attested=True,
        )
    assert not GroupRegistration.objects.exists() and not Registration.objects.exists()


@pytest.mark.django_db
def test_an_attendee_cannot_pay_their_group_seat_alone(stripe_quiet):
    group = held_group()
    registration = Registration.objects.filter(group=group).first()
    with pytest.raises(PaymentError, match="part of a group"):
        payment_submit(
            registration_id=registration.pk,
            person=registration.person,
            payment_method_id="pm_card_visa",
        )


@pytest.mark.django_db
def test_finance_sees_a_group_payment_in_the_payments_admin(client, stripe_quiet):

    group = held_group()
    outcome = group_payment_submit(
        group_id=group.pk, coordinator=group.coordinator, payment_method_id="pm_card_visa"
    )
    assert outcome.status == "succeeded"  # confirmed on the server's own confirm call
    assert statuses(group) == ["confirmed", "confirmed"]
    payment = Payment.objects.get()
    finance = StaffFactory(groups=["Finance"])
    client.force_login(finance)
    listing = client.get(reverse("lms_payments:index")).text
    assert "Group of Riverside Family Services" in listing
    assert client.get(reverse("lms_payments:inspect", args=[payment.pk])).status_code == 200
    assert (
        "Group of Riverside" in client.get(reverse("lms_payments:refund", args=[payment.pk])).text
    )
    export = client.get(reverse("lms_payments:index"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert group.coordinator.email in body and "9000" in body


@pytest.mark.django_db
def test_coordinator_swaps_an_attendee_of_a_card_paid_group(
    client, stripe_quiet, django_capture_on_commit_callbacks
):
    group = held_group()
    group_payment_submit(
        group_id=group.pk, coordinator=group.coordinator, payment_method_id="pm_card_visa"
    )
    client.force_login(group.coordinator)
    dashboard = client.get(reverse("lms:dashboard")).text
    assert reverse("lms:group_pay", args=[group.pk]) in dashboard
    assert "(card, paid and confirmed)" in dashboard
    seat = Registration.objects.filter(group=group).order_by("pk").last()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("lms:group_attendee_swap", args=[seat.pk]),
            {"name": "Dana Smith", "email": "dana@agency.org"},
            follow=True,
        ).text
    assert "Dana Smith now has the seat" in page
    seat.refresh_from_db()
    assert seat.person.email == "dana@agency.org" and seat.group == group
    assert [message.to for message in mail.outbox] == [["dana@agency.org"]]
    log = ModelLogEntry.objects.for_instance(seat).get(action="lms.registration.swap")
    assert log.data["group"] == f"group {group.pk}"
