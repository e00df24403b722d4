"""Hostile deliveries to the Stripe webhook: forged, stale, replayed, malformed, unknown
event types and objects. The answer is the right status code and no change to our data.
(tests/lms/test_payments_localstripe.py covers the signature cases against a real payment.)"""

import time

import pytest
from django.apps import apps

from lms.models import StripeEvent
from tests.factories import RegistrationFactory
from tests.fixtures.payments import signed_event

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"
WATCHED = [
    "lms.Payment",
    "lms.Registration",
    "lms.StripeEvent",
    "lms.FacilitatorPayProfile",
    "wagtailcore.ModelLogEntry",
]


def snapshot():
    return {label: apps.get_model(label).objects.count() for label in WATCHED}


def post(client, payload, signature=None, **extra):
    headers = {"stripe-signature": signature} if signature is not None else {}
    return client.post(WEBHOOK, payload, content_type="application/json", headers=headers, **extra)


@pytest.fixture
def before():
    RegistrationFactory()
    return snapshot()


def _sign(settings, body: bytes, when: int) -> str:
    import hashlib
    import hmac

    secret = settings.STRIPE_WEBHOOK_SECRET.encode()
    return f"t={when},v1={hmac.new(secret, b'%d.%s' % (when, body), hashlib.sha256).hexdigest()}"


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "garbage",
        "t=notanumber,v1=abc",
        "v1=" + "0" * 64,
        "t=1700000000",
        "t=1700000000,v0=" + "0" * 64,
        "t=1700000000," + ",".join(["v1=" + "a" * 64] * 200),
        "t=" + "9" * 400 + ",v1=abc",
    ],
)
def test_malformed_signature_headers_are_refused(client, settings, before, signature):
    payload, _ = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id="evt_x",
        event_type="payment_intent.succeeded",
        data_object={"id": "pi_x"},
    )
    response = post(client, payload, signature)
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("offset", [-3600, 3600 * 24], ids=["stale", "from-the-future"])
def test_timestamps_outside_the_tolerance_are_refused(client, settings, before, offset):
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id="evt_time",
        event_type="payment_intent.succeeded",
        data_object={"id": "pi_x"},
        when=int(time.time()) + offset,
    )
    assert post(client, payload, signature).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00binary",
        b"[]",
        b'{"id": "evt_1"}',
        b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {}}',
        b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": "pi_1"}}',
        b'{"id": "evt_1", "type": "x", "data": {"object": {"id": "pi_1"}}, "pad": "'
        + b"A" * 200_000
        + b'"}',
    ],
    ids=["empty", "text", "binary", "list", "no-type", "no-object", "object-not-a-map", "huge"],
)
def test_signed_bodies_that_are_not_stripe_events_change_nothing(client, settings, before, body):
    """Signed with our secret but not an event we can read: 400, except a well-formed event
    that is merely large, which is stored (and then ignored) like any event we do not act on."""
    response = post(client, body, _sign(settings, body, int(time.time())))
    if body.startswith(b'{"id": "evt_1", "type": "x"'):
        assert response.status_code == 200
        assert StripeEvent.objects.get().type == "x"
        return
    assert response.status_code == 400
    assert snapshot() == before


def test_an_unknown_event_type_is_stored_once_and_ignored(
    client, settings, before, django_capture_on_commit_callbacks
):
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id="evt_unknown_type",
        event_type="charge.dispute.funds_withdrawn",
        data_object={"id": "du_1"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, payload, signature).status_code == 200
    # Redelivered after it was processed: acknowledged and dropped.
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, payload, signature).content == b"already received"
    event = StripeEvent.objects.get()
    assert event.result == "ignored" and event.processed_at is not None
    assert snapshot() == {**before, "lms.StripeEvent": before["lms.StripeEvent"] + 1}


@pytest.mark.parametrize(
    "event_type, object_id, result",
    [
        ("payment_intent.succeeded", "pi_not_ours", "no payment of ours has this PaymentIntent"),
        ("payment_intent.succeeded", "", "no payment of ours has this PaymentIntent"),
        ("account.updated", "acct_not_ours", "no facilitator has connected account acct_not_ours"),
        ("account.updated", "", "no account in the event"),
    ],
)
def test_an_event_about_an_object_we_do_not_have_changes_nothing(
    client, settings, before, django_capture_on_commit_callbacks, event_type, object_id, result
):
    """No Stripe call is needed to know it is not ours, and nothing of ours changes."""
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id=f"evt_{event_type}_{object_id}",
        event_type=event_type,
        data_object={"id": object_id} if object_id else {},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, payload, signature).status_code == 200
    assert StripeEvent.objects.get().result == result
    assert snapshot() == {**before, "lms.StripeEvent": before["lms.StripeEvent"] + 1}


def test_get_and_other_methods_are_not_allowed(client, before):
    assert client.get(WEBHOOK).status_code == 405
    assert client.put(WEBHOOK, b"{}").status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize(
    "event_id, event_type, object_id, reason",
    [
        ("evt_" + "x" * 300, "payment_intent.succeeded", "pi_1", "event id is longer than 255"),
        ("evt_long_object", "payment_intent.succeeded", "pi_" + "x" * 300, "object id is longer"),
        ("evt_long_type", "payment_intent." + "x" * 200, "pi_1", "event type is longer than 100"),
        ("", "payment_intent.succeeded", "pi_1", "event id is missing"),
        (None, "payment_intent.succeeded", "pi_1", "event id is not text"),
        (12345, "payment_intent.succeeded", "pi_1", "event id is not text"),
        ("evt_object_id_map", "payment_intent.succeeded", {"a": 1}, "object id is not text"),
        ("evt_no_type", "", "pi_1", "event type is missing"),
    ],
    ids=[
        "long-id",
        "long-object-id",
        "long-type",
        "empty-id",
        "null-id",
        "number-id",
        "map",
        "no-type",
    ],
)
def test_a_signed_event_we_cannot_store_is_refused_clearly(
    client, settings, before, event_id, event_type, object_id, reason
):
    """Correctly signed, but with ids no Stripe event has (on PostgreSQL they would not fit
    their columns): a 400 that says why, and nothing stored."""
    payload, signature = signed_event(
        secret=settings.STRIPE_WEBHOOK_SECRET,
        event_id=event_id,
        event_type=event_type,
        data_object={"id": object_id},
    )
    response = post(client, payload, signature)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert snapshot() == before
