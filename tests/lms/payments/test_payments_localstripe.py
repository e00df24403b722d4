"""Card payments against localstripe over HTTP, with webhooks signed and delivered for real.

Webhook tests use `stripe_webhooks` (localstripe posts signed events to live_server) and so a
transactional database; the rest point localstripe's webhooks nowhere (`stripe_quiet`) and
drive the webhook endpoint or the services themselves.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import Payment, Refund, Registration, StripeEvent
from lms.payments.stripe_gateway import IntentState
from lms.services.payments import (
    PaymentError,
    payment_attempt_open,
    payment_state_apply,
    payment_submit,
    payments_reconcile,
)
from lms.services.refunds import RefundError, refund_create
from lms.services.registrations import registration_cancel, registration_create
from lms.tasks import registrations as tasks
from tests.factories import ProfileFactory, UserFactory, paid_session
from tests.fixtures.payments import (
    browser_authenticates,
    browser_confirms,
    card_payment_method,
    signed_event,
    stripe_api,
)

pytestmark = pytest.mark.stripe
WEBHOOK = "/payments/stripe/webhook/"


def hold(*, capacity: int = 20, tier: str = "standard", **session_kwargs):
    session, tiers = paid_session(capacity=capacity, **session_kwargs)
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers[tier], attested=True
    )
    return registration, tiers


def confirm_actions(registration) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(registration)
        .filter(action__startswith="lms.registration.confirm")
        .values_list("action", flat=True)
    )


def status_of(registration) -> str:
    return Registration.objects.values_list("status", flat=True).get(pk=registration.pk)


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


# --- Real webhooks from localstripe to live_server ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_webhook_confirms_a_payment_the_browser_made(stripe_webhooks, webhook_turns):
    registration, _ = hold()
    # The app creates the PaymentIntent for the amount it computed...
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    intent = stripe_api(
        stripe_webhooks, "GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}"
    )
    assert intent["amount"] == 5000
    assert intent["metadata"] == {"registration": str(registration.pk), "payment": str(payment.pk)}
    # ...the test confirms it with a test card as the browser would...
    assert (
        browser_confirms(stripe_webhooks, payment.stripe_payment_intent_id)["status"] == "succeeded"
    )
    # ...and only the signed webhook (with the task re-reading the intent) confirms the seat.
    webhook_turns.wait_until(
        lambda: status_of(registration) == "confirmed", what="the webhook to confirm"
    )
    payment.refresh_from_db()
    assert payment.status == Payment.Status.SUCCEEDED
    assert StripeEvent.objects.filter(
        type="payment_intent.succeeded",
        object_id=payment.stripe_payment_intent_id,
        processed_at__isnull=False,
    ).exists()
    assert confirm_actions(registration) == ["lms.registration.confirm"]
    webhook_turns.wait_until(lambda: len(mail.outbox) >= 2, what="the emails")
    assert sorted(subjects()) == sorted(
        [
            f"You are registered: {registration.session.training.title}",
            f"Receipt: {registration.session.training.title}",
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_declined_card_leaves_it_payable_then_another_card_pays(stripe_webhooks, webhook_turns):
    registration, _ = hold()
    outcome = payment_submit(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_chargeCustomerFail",
    )
    assert outcome.status == Payment.Status.FAILED
    assert "Your card was declined." in outcome.message
    assert "still held" in outcome.message
    failed = Payment.objects.get(registration=registration)
    # localstripe also sends payment_intent.payment_failed; it changes nothing further.
    webhook_turns.wait_until(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.payment_failed", processed_at__isnull=False
        ).exists(),
        what="the failure webhook",
    )
    assert status_of(registration) == "pending_payment"
    failed.refresh_from_db()
    assert (failed.status, failed.failure_message) == ("failed", "Your card was declined.")

    outcome = payment_submit(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    assert outcome.status == Payment.Status.SUCCEEDED
    assert status_of(registration) == "confirmed"
    assert Payment.objects.filter(registration=registration).count() == 2
    # The success webhook arrives after the server already applied the confirm answer: once.
    webhook_turns.wait_until(
        lambda: StripeEvent.objects.filter(
            type="payment_intent.succeeded", processed_at__isnull=False
        ).exists(),
        what="the success webhook",
    )
    assert confirm_actions(registration) == ["lms.registration.confirm"]


@pytest.mark.django_db(transaction=True)
def test_refund_goes_through_to_stripe(stripe_webhooks, webhook_turns):
    registration, _ = hold()
    payment_submit(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    payment = Payment.objects.get(registration=registration, status="succeeded")
    finance = UserFactory(is_staff=True)

    partial = refund_create(
        payment=payment, amount_cents=2000, reason="staff", note="Arrived late", by=finance
    )
    partial.refresh_from_db()
    assert (partial.status, partial.stripe_refund_id[:3]) == ("succeeded", "re_")
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_cents) == ("partially_refunded", 2000)

    with pytest.raises(RefundError, match=r"At most \$30\.00"):
        refund_create(payment=payment, amount_cents=3001, reason="staff", by=finance)
    rest = refund_create(
        payment=payment, amount_cents=3000, reason="staff", note="Goodwill", by=finance
    )
    rest.refresh_from_db()
    payment.refresh_from_db()
    assert (rest.status, payment.status, payment.refunded_cents) == ("succeeded", "refunded", 5000)

    at_stripe = stripe_api(
        stripe_webhooks, "GET", f"/v1/refunds?payment_intent={payment.stripe_payment_intent_id}"
    )
    assert sorted(refund["amount"] for refund in at_stripe["data"]) == [2000, 3000]
    assert sum(subject.startswith("Refund of") for subject in subjects()) == 2
    actions = list(ModelLogEntry.objects.for_instance(payment).values_list("action", flat=True))
    assert actions.count("lms.payment.refund") == 2
    assert actions.count("lms.refund.succeed") == 2


@pytest.mark.django_db(transaction=True)
def test_payment_after_hold_expiry_gets_the_seat_when_one_is_free(stripe_webhooks, webhook_turns):
    registration, _ = hold(capacity=2)
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=timezone.now())
    assert tasks.holds_expire() == 1
    assert status_of(registration) == "expired"

    browser_confirms(stripe_webhooks, payment.stripe_payment_intent_id)
    webhook_turns.wait_until(
        lambda: status_of(registration) == "confirmed", what="the late payment to confirm"
    )
    assert confirm_actions(registration) == ["lms.registration.confirm_late"]
    assert not Refund.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_payment_after_hold_expiry_is_refunded_when_the_seat_is_gone(
    stripe_webhooks, webhook_turns
):
    finance = UserFactory(email="finance@coalition.test")
    finance.groups.add(Group.objects.get_or_create(name="Finance")[0])
    registration, tiers = hold(capacity=1)
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=timezone.now())
    tasks.holds_expire()
    newcomer = registration_create(
        session=registration.session,
        person=ProfileFactory().user,
        tier=tiers["standard"],
        attested=True,
    )
    assert newcomer.status == "pending_payment"  # the freed seat is taken

    browser_confirms(stripe_webhooks, payment.stripe_payment_intent_id)
    refund = webhook_turns.wait_until(
        lambda: Refund.objects.filter(payment=payment, status="succeeded").first(),
        what="the automatic refund",
    )
    assert (refund.amount_cents, refund.reason, refund.requested_by) == (
        5000,
        "seat_unavailable",
        None,
    )
    assert status_of(registration) == "expired"
    payment.refresh_from_db()
    assert payment.status == "refunded"
    assert payment.needs_attention  # staff see it in the admin (Payments, filter "Needs attention")
    assert "no seat was left" in payment.attention_note
    webhook_turns.wait_until(lambda: len(mail.outbox) >= 3, what="the emails")
    to_person = [
        m
        for m in mail.outbox
        if m.to == [registration.person.email] and m.subject.startswith("Refund")
    ]
    assert "no seat was left for you" in to_person[0].body
    to_staff = [m for m in mail.outbox if m.to == ["finance@coalition.test"]]
    assert to_staff and to_staff[0].subject.startswith("Payment needs attention")
    at_stripe = stripe_api(
        stripe_webhooks, "GET", f"/v1/refunds?payment_intent={payment.stripe_payment_intent_id}"
    )
    assert [r["amount"] for r in at_stripe["data"]] == [5000]


# --- The webhook endpoint: signatures and duplicates --------------------------------------


def _succeeded_intent(localstripe) -> tuple[Registration, Payment]:
    registration, _ = hold()
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    browser_confirms(localstripe, payment.stripe_payment_intent_id)
    return registration, payment


@pytest.mark.django_db
def test_same_event_delivered_three_times_confirms_once(
    client, stripe_quiet, settings, django_capture_on_commit_callbacks
):
    registration, payment = _succeeded_intent(stripe_quiet)
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id="evt_delivered_thrice",
        event_type="payment_intent.succeeded",
        data_object={"id": payment.stripe_payment_intent_id, "object": "payment_intent"},
    )
    answers = []
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                WEBHOOK,
                payload,
                content_type="application/json",
                headers={"stripe-signature": signature},
            )
        answers.append((response.status_code, response.content))
    assert answers == [(200, b"ok"), (200, b"already received"), (200, b"already received")]
    assert StripeEvent.objects.filter(event_id="evt_delivered_thrice").count() == 1
    assert status_of(registration) == "confirmed"
    assert confirm_actions(registration) == ["lms.registration.confirm"]
    assert subjects().count(f"You are registered: {registration.session.training.title}") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "how",
    ["wrong secret", "no signature", "tampered body", "stale timestamp"],
)
def test_forged_or_missing_signature_changes_nothing(
    client, stripe_quiet, settings, how, django_capture_on_commit_callbacks
):
    registration, payment = _succeeded_intent(stripe_quiet)
    secret = "whsec_forged" if how == "wrong secret" else settings.STRIPE_WEBHOOK_SECRET
    when = int(timezone.now().timestamp()) - (3600 if how == "stale timestamp" else 0)
    payload, signature = signed_event(
        secret=secret,
        event_id="evt_forged",
        event_type="payment_intent.succeeded",
        data_object={"id": payment.stripe_payment_intent_id},
        when=when,
    )
    if how == "tampered body":
        payload = payload.replace(b"evt_forged", b"evt_forgee")
    headers = {} if how == "no signature" else {"stripe-signature": signature}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(WEBHOOK, payload, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert status_of(registration) == "pending_payment"
    payment.refresh_from_db()
    assert payment.status == "started"


@pytest.mark.django_db
def test_failed_event_after_success_leaves_it_paid(
    client, stripe_quiet, settings, django_capture_on_commit_callbacks
):
    registration, payment = _succeeded_intent(stripe_quiet)
    for event_id, event_type in [
        ("evt_ok", "payment_intent.succeeded"),
        ("evt_late_fail", "payment_intent.payment_failed"),
    ]:
        payload, signature = signed_event(
            secret=settings.STRIPE_WEBHOOK_SECRET,
            event_id=event_id,
            event_type=event_type,
            data_object={"id": payment.stripe_payment_intent_id},
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert (
                client.post(
                    WEBHOOK,
                    payload,
                    content_type="application/json",
                    headers={"stripe-signature": signature},
                ).status_code
                == 200
            )
    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert status_of(registration) == "confirmed"
    assert StripeEvent.objects.get(event_id="evt_late_fail").processed_at is not None
    # Even if Stripe itself answered "failed" now, money taken never goes back to unpaid.
    failed_state = IntentState(
        id=payment.stripe_payment_intent_id,
        status="requires_payment_method",
        amount_cents=5000,
        currency="usd",
        client_secret="",
        metadata={},
        error_message="Your card was declined.",
    )
    payment_state_apply(payment_id=payment.pk, state=failed_state, source="test")
    payment.refresh_from_db()
    assert payment.status == "succeeded"
    assert status_of(registration) == "confirmed"


@pytest.mark.django_db
def test_events_we_do_not_act_on_are_stored_and_ignored(
    client, stripe_quiet, settings, django_capture_on_commit_callbacks
):
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id="evt_other",
        event_type="customer.created",
        data_object={"id": "cus_1"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            WEBHOOK,
            payload,
            content_type="application/json",
            headers={"stripe-signature": signature},
        )
    assert response.status_code == 200
    assert StripeEvent.objects.get(event_id="evt_other").result == "ignored"


# --- Payment flow details -------------------------------------------------------------------


@pytest.mark.django_db
def test_tampered_form_changes_nothing(client, stripe_quiet):
    registration, _ = hold()
    client.force_login(registration.person)
    response = client.post(
        reverse("lms:registration_pay", args=[registration.pk]),
        json.dumps(
            {"payment_method": "pm_card_visa", "amount": 1, "amount_cents": 1, "registration": 999}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"
    payment = Payment.objects.get(registration=registration)
    intent = stripe_api(
        stripe_quiet, "GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}"
    )
    assert intent["amount"] == 5000 == payment.amount_cents


@pytest.mark.django_db
def test_someone_else_cannot_pay_or_see_a_registration(client, stripe_quiet):
    registration, _ = hold()
    client.force_login(ProfileFactory().user)
    for name in ("registration_pay", "registration_detail", "registration_cancel"):
        assert client.get(reverse(f"lms:{name}", args=[registration.pk])).status_code == 404


@pytest.mark.django_db
def test_double_submit_uses_one_payment_intent(stripe_quiet):
    registration, _ = hold()
    method = card_payment_method(stripe_quiet, "4000002500003155")  # asks for 3-D Secure
    first = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert first.status == "requires_action"
    assert first.client_secret.startswith("pi_")
    again = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert again.status == "requires_action"
    assert Payment.objects.filter(registration=registration).count() == 1
    # The browser completes 3-D Secure (what confirmCardPayment does on localstripe)...
    intent_id = browser_authenticates(stripe_quiet, first.client_secret)
    # ...and asks the server again, which re-reads the intent from Stripe.
    done = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert done.status == "succeeded"
    assert status_of(registration) == "confirmed"
    customers = stripe_api(stripe_quiet, "GET", f"/v1/payment_intents/{intent_id}")["customer"]
    assert customers.startswith("cus_")


@pytest.mark.django_db
def test_failed_authentication_leaves_it_payable(stripe_quiet):
    registration, _ = hold()
    method = card_payment_method(stripe_quiet, "4000002500003155")
    first = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    browser_authenticates(stripe_quiet, first.client_secret, success=False)
    outcome = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert outcome.status == "failed"
    assert "failed authentication" in outcome.message
    assert status_of(registration) == "pending_payment"


@pytest.mark.django_db
def test_paying_after_the_hold_expired_is_refused_clearly(stripe_quiet):
    registration, _ = hold()
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=timezone.now())
    with pytest.raises(PaymentError, match="seat hold expired"):
        payment_submit(
            registration_id=registration.pk,
            person=registration.person,
            payment_method_id="pm_card_visa",
        )
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_lost_webhook_is_caught_by_reconciliation(stripe_quiet):
    registration, _payment = _succeeded_intent(stripe_quiet)
    assert status_of(registration) == "pending_payment"  # no webhook arrived
    assert payments_reconcile(older_than_minutes=0) == 1
    assert status_of(registration) == "confirmed"
    assert payments_reconcile(older_than_minutes=0) == 0


@pytest.mark.django_db
def test_hold_expiry_asks_stripe_first(stripe_quiet):
    registration, _payment = _succeeded_intent(stripe_quiet)
    Registration.objects.filter(pk=registration.pk).update(hold_expires_at=timezone.now())
    assert tasks.holds_expire() == 0
    assert status_of(registration) == "confirmed"


@pytest.mark.django_db
def test_cancelling_a_paid_registration_refunds_by_policy(
    client, stripe_quiet, django_capture_on_commit_callbacks
):
    registration, _ = hold(meeting__days_ahead=30)
    payment_submit(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    client.force_login(registration.person)
    url = reverse("lms:registration_cancel", args=[registration.pk])
    assert "You will get <strong>$50.00</strong> back" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"}, follow=True)
    assert "A refund of $50.00 is on its way" in response.content.decode()
    refund = Refund.objects.get()
    assert (refund.status, refund.amount_cents, refund.reason) == (
        "succeeded",
        5000,
        "participant_cancelled",
    )
    assert status_of(registration) == "cancelled"
    assert any(subject.startswith("Registration cancelled") for subject in subjects())
    assert any(subject.startswith("Refund of $50.00") for subject in subjects())


@pytest.mark.django_db
def test_cancelling_abandons_an_open_attempt_and_cancels_its_intent(
    stripe_quiet, django_capture_on_commit_callbacks
):
    registration, _ = hold()
    method = card_payment_method(stripe_quiet, "4000002500003155")
    outcome = payment_submit(
        registration_id=registration.pk, person=registration.person, payment_method_id=method
    )
    assert outcome.status == "requires_action"
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=registration.person)
    payment = Payment.objects.get(registration=registration)
    assert payment.status == "canceled"
    intent = stripe_api(
        stripe_quiet, "GET", f"/v1/payment_intents/{payment.stripe_payment_intent_id}"
    )
    assert intent["status"] == "canceled"


@pytest.mark.django_db
def test_money_for_a_cancelled_registration_is_refunded_not_lost(
    stripe_quiet, django_capture_on_commit_callbacks
):
    registration, _ = hold()
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    # The card is confirmed at Stripe (another tab), but our side never heard of it...
    browser_confirms(stripe_quiet, payment.stripe_payment_intent_id)
    # ...and the person cancels meanwhile: we abandon the attempt (Stripe refuses to cancel it).
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=registration.person)
    payment.refresh_from_db()
    assert payment.status == "canceled"
    # No webhook arrives; reconciliation finds the money and gives it back.
    with django_capture_on_commit_callbacks(execute=True):
        assert payments_reconcile(older_than_minutes=0) == 1
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_cents, payment.needs_attention) == (
        "refunded",
        5000,
        True,
    )
    refund = Refund.objects.get(payment=payment)
    assert (refund.status, refund.reason) == ("succeeded", "seat_unavailable")
    assert status_of(registration) == "cancelled"
    at_stripe = stripe_api(
        stripe_quiet, "GET", f"/v1/refunds?payment_intent={payment.stripe_payment_intent_id}"
    )
    assert [r["amount"] for r in at_stripe["data"]] == [5000]
