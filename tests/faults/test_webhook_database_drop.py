"""A Stripe webhook arrives while the database connection drops (real gunicorn, PostgreSQL
through a proxy that cuts the connection on cue, localstripe for the PaymentIntent).

The delivery must fail with a non-2xx answer so that Stripe retries it, and the retry must
confirm the registration exactly once.
"""

import urllib.error
import urllib.request

import pytest
from django.db import connection
from django_q.models import Task
from wagtail.models import ModelLogEntry

from lms.models import Payment, Registration, StripeEvent
from lms.services.payments import payment_attempt_open
from lms.services.registrations import registration_create
from lms.tasks.payments import payments_reconcile
from tests.factories import ProfileFactory, paid_session
from tests.fixtures.db_proxy import CuttingProxy
from tests.fixtures.payments import browser_confirms, signed_event
from tests.fixtures.processes import gunicorn, qcluster, redis_server, shared_database_url
from tests.fixtures.waiting import wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.stripe]
SECRET = "whsec_drop"


def deliver(base: str, payload: bytes, signature: str) -> tuple[int, str]:
    request = urllib.request.Request(
        f"{base}/payments/stripe/webhook/",
        data=payload,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def paid_at_stripe(localstripe):
    """A held seat whose PaymentIntent the browser confirmed; only the webhook is left."""
    session, tiers = paid_session(capacity=5)
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    payment = payment_attempt_open(
        registration_id=registration.pk,
        person=registration.person,
        payment_method_id="pm_card_visa",
    )
    assert browser_confirms(localstripe, payment.stripe_payment_intent_id)["status"] == (
        "succeeded"
    )
    return registration, payment


def confirmations(registration) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(registration)
        .filter(action__startswith="lms.registration.confirm")
        .values_list("action", flat=True)
    )


def through_proxy(proxy: CuttingProxy) -> str:
    url = shared_database_url().replace(
        f":{connection.settings_dict['PORT'] or 5432}/", f":{proxy.port}/"
    )
    return f"{url}?sslmode=disable"  # plain bytes on the wire, so the proxy can see them


@pytest.mark.parametrize(
    "cut_at",
    [
        pytest.param(b'INSERT INTO "lms_stripeevent"', id="while-storing-the-event"),
        pytest.param(b'UPDATE "lms_registration"', id="while-confirming-the-registration"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_webhook_during_a_database_drop_is_retried_and_confirms_once(stripe_quiet, cut_at):
    """Processed inside the request (Q_SYNC): whichever write the drop hits, the answer is a
    5xx, nothing half-done stays, and Stripe's retry confirms."""
    registration, payment = paid_at_stripe(stripe_quiet)
    payload, signature = signed_event(
        secret=SECRET,
        event_id="evt_drop_1",
        event_type="payment_intent.succeeded",
        data_object={"id": payment.stripe_payment_intent_id, "object": "payment_intent"},
    )
    proxy = CuttingProxy(target_port=int(connection.settings_dict["PORT"] or 5432))
    try:
        with gunicorn(
            workers=1,
            DATABASE_URL=through_proxy(proxy),
            REDIS_URL=None,
            Q_SYNC="1",  # the event is processed inside the request, on the same connection
            STRIPE_API_BASE=stripe_quiet.api_base,
            STRIPE_WEBHOOK_SECRET=SECRET,
        ) as base:
            proxy.cut_on(cut_at)
            status, _ = deliver(base, payload, signature)
            assert proxy.cuts == 1, "the connection was never cut"
            assert status >= 500, "a failed delivery must not be acknowledged"
            registration.refresh_from_db()
            assert registration.status == Registration.Status.PENDING_PAYMENT
            assert confirmations(registration) == []

            # Stripe retries the same event (same id, same body, fresh signature time).
            assert deliver(base, payload, signature)[0] == 200
            registration.refresh_from_db()
            assert registration.status == Registration.Status.CONFIRMED
            # ...and once more: acknowledged, nothing changes.
            assert deliver(base, payload, signature) == (200, "already received")
    finally:
        proxy.close()
    assert confirmations(registration) == ["lms.registration.confirm"]
    assert list(Payment.objects.filter(registration=registration).values_list("status")) == [
        (Payment.Status.SUCCEEDED,)
    ]
    assert Registration.objects.filter(person=registration.person).count() == 1
    [event] = StripeEvent.objects.all()
    assert event.event_id == "evt_drop_1" and event.processed_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_worker_losing_the_database_mid_event_is_caught_up_once(stripe_quiet):
    """The web stores the event and answers 200 (so Stripe will not retry); the qcluster
    worker's connection drops while it confirms. The scheduled reconciliation processes the
    stored event again and confirms exactly once."""
    registration, payment = paid_at_stripe(stripe_quiet)
    payload, signature = signed_event(
        secret=SECRET,
        event_id="evt_drop_worker",
        event_type="payment_intent.succeeded",
        data_object={"id": payment.stripe_payment_intent_id, "object": "payment_intent"},
    )
    proxy = CuttingProxy(target_port=int(connection.settings_dict["PORT"] or 5432))
    proxy.cut_on(b'UPDATE "lms_registration"')
    common = {
        "Q_SYNC": "0",
        "STRIPE_API_BASE": stripe_quiet.api_base,
        "STRIPE_WEBHOOK_SECRET": SECRET,
    }
    try:
        with (
            redis_server() as redis,
            gunicorn(
                workers=1, DATABASE_URL=shared_database_url(), REDIS_URL=redis.url, **common
            ) as base,
            qcluster(DATABASE_URL=through_proxy(proxy), REDIS_URL=redis.url, **common),
        ):
            assert deliver(base, payload, signature) == (200, "ok")
            wait_until(lambda: proxy.cuts, timeout=120, what="the worker to reach the confirm")
            # The worker records the task's outcome once it has finished failing.
            wait_until(
                lambda: Task.objects.filter(
                    func="lms.tasks.payments.stripe_event_process"
                ).exists(),
                timeout=60,
                what="the worker to record the failed task",
            )
            registration.refresh_from_db()
            assert registration.status == Registration.Status.PENDING_PAYMENT
            assert StripeEvent.objects.get().processed_at is None
            # Stripe had its 200, so no retry comes: only our own schedule can catch up.
    finally:
        proxy.close()
    StripeEvent.objects.update(received_at=StripeEvent.objects.get().received_at.replace(year=2020))
    payments_reconcile()  # the scheduled run (every 5 minutes), here and now
    payments_reconcile()  # and the next one changes nothing
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert confirmations(registration) == ["lms.registration.confirm"]
    assert StripeEvent.objects.get().processed_at is not None
    assert Payment.objects.filter(registration=registration).count() == 1
