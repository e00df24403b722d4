"""Outbound webhooks against a real HTTP receiver on 127.0.0.1: it checks each signature with
its own HMAC code (not the sender's), refuses stale timestamps and deduplicates by event id,
as a partner's system would."""

import datetime as dt
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import certificate_revoke
from lms.models import WebhookDelivery, WebhookEndpoint, WebhookEventType
from lms.services.registrations import registration_cancel
from lms.services.webhooks import (
    webhook_deliver,
    webhook_endpoint_save,
    webhook_retries_due,
    webhook_url_refusal,
)
from tests.api.conftest import confirmed_member
from tests.factories import CertificateFactory, RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db

TOLERANCE_SECONDS = 300


class Receiver:
    """A partner's endpoint: verifies, deduplicates, and answers what the test asks."""

    def __init__(self, secret_for):
        self.secret_for = secret_for  # path -> the endpoint's secret
        self.received = []  # (path, event) of every request with a good signature
        self.seen = {}  # path -> event ids processed once
        self.rejected = 0
        self.answers = []  # status codes to answer next (then 200)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                ok = receiver.verify(self.path, self.headers.get("Coalition-Signature", ""), body)
                if not ok:
                    receiver.rejected += 1
                    self.send_response(400)
                else:
                    event = json.loads(body)
                    assert event["id"] == self.headers["Coalition-Event-Id"]
                    receiver.received.append((self.path, event))
                    status = receiver.answers.pop(0) if receiver.answers else 200
                    if status == 200:
                        receiver.seen.setdefault(self.path, [])
                        if event["id"] not in receiver.seen[self.path]:
                            receiver.seen[self.path].append(event["id"])
                    self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def verify(self, path, header, body) -> bool:
        parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
        if "t" not in parts or "v1" not in parts:
            return False
        if abs(time.time() - int(parts["t"])) > TOLERANCE_SECONDS:
            return False
        expected = hmac.new(
            self.secret_for(path).encode(), parts["t"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(expected, parts["v1"])

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    secrets = {}
    found = Receiver(lambda path: secrets[path])
    found.secrets = secrets
    yield found
    found.stop()


def endpoint(receiver, path, *, organization=None, events=None) -> WebhookEndpoint:
    made = webhook_endpoint_save(
        endpoint=WebhookEndpoint(
            organization=organization,
            url=receiver.url + path,
            events=events or list(WebhookEventType.values),
        )
    )
    receiver.secrets[path] = made.secret
    return made


def test_events_are_signed_and_go_only_to_endpoints_that_may_hear_of_them(
    receiver, world, django_capture_on_commit_callbacks
):
    endpoint(receiver, "/coalition")
    endpoint(receiver, "/a", organization=world.a.organization)
    endpoint(receiver, "/b", organization=world.b.organization)
    endpoint(
        receiver,
        "/a-certificates-only",
        organization=world.a.organization,
        events=[WebhookEventType.CERTIFICATE_REVOKED],
    )
    registration = world.a.member_registration
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, by=StaffFactory(), staff=True)

    paths = sorted({path for path, _ in receiver.received})
    # B never hears of A's member; the certificate-only endpoint hears only the revocation
    # that the cancellation caused (certificates revokes on registration_cancelled).
    assert paths == ["/a", "/a-certificates-only", "/coalition"]
    events = {(path, event["type"]) for path, event in receiver.received}
    assert ("/a", "registration.cancelled") in events
    assert ("/a", "certificate.revoked") in events
    assert ("/a-certificates-only", "certificate.revoked") in events
    assert ("/a-certificates-only", "registration.cancelled") not in events
    cancelled = next(
        event for path, event in receiver.received if event["type"] == "registration.cancelled"
    )
    assert cancelled["data"]["registration"]["id"] == registration.pk
    assert cancelled["data"]["registration"]["person"]["email"] == registration.person.email
    assert receiver.rejected == 0
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_a_failed_delivery_is_retried_with_backoff_and_the_receiver_deduplicates(
    receiver, world, django_capture_on_commit_callbacks, staff_client
):
    endpoint(receiver, "/a", organization=world.a.organization)
    receiver.answers = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        CertificateFactory(
            registration=RegistrationFactory(
                session=world.session, person=confirmed_member(world.a.organization)
            ),
            approval=world.approval,
        )
    (delivery,) = WebhookDelivery.objects.filter(event_type="certificate.issued")
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("retrying", 1, 500)
    first_wait = delivery.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < first_wait <= dt.timedelta(minutes=1)

    # Not due yet: nothing goes. Due: the scheduled task queues it again.
    assert webhook_retries_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_retries_due(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("retrying", 2, 503)
    assert delivery.next_attempt_at - timezone.now() > dt.timedelta(minutes=4)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_retries_due(now=timezone.now() + dt.timedelta(minutes=10))
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 3

    # Staff press Resend in the admin: the same event id arrives again, and the receiver,
    # deduplicating, processes it once.
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("lms_webhook_deliveries:resend", args=[delivery.pk]), {}
        )
    assert response.status_code == 302
    ids = [event["id"] for path, event in receiver.received if path == "/a"]
    assert len(ids) == 4 and len(set(ids)) == 1
    assert receiver.seen["/a"] == [delivery.event_id]
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts == 1


def test_a_delivery_gives_up_after_the_last_attempt(receiver, world):
    made = endpoint(receiver, "/a", organization=world.a.organization)
    receiver.answers = [500] * 10
    delivery = WebhookDelivery.objects.create(
        endpoint=made, event_id="evt_x", event_type="session.cancelled", payload={"id": "evt_x"}
    )
    for _ in range(6):
        delivery = webhook_deliver(delivery_id=delivery.pk)
    assert delivery.status == "failed" and delivery.next_attempt_at is None
    assert webhook_deliver(delivery_id=delivery.pk).attempts == 6  # safe to run again


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("http://127.0.0.1:9000/hook", True),
        ("http://localhost/hook", True),
        ("https://10.1.2.3/hook", True),
        ("https://192.168.0.10/hook", True),
        ("https://169.254.169.254/latest/meta-data/", True),
        ("http://[::1]/hook", True),
        ("ftp://93.184.216.34/hook", True),
        ("https://93.184.216.34/hook", False),
    ],
)
def test_private_addresses_are_refused_unless_allowed(settings, url, refused):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    assert bool(webhook_url_refusal(url)) is refused


def test_staff_register_an_endpoint_in_the_admin_and_private_ones_are_refused(
    staff_client, settings, world
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    form = {
        "organization": world.a.organization.pk,
        "url": "http://127.0.0.1:8000/hook",
        "description": "HR system",
        "events": ["registration.confirmed", "certificate.issued"],
        "is_active": "on",
    }
    refused = staff_client.post(reverse("lms_webhook_endpoints:add"), form)
    assert refused.status_code == 200
    assert b"local or private address" in refused.content
    assert not WebhookEndpoint.objects.exists()
    form["url"] = "https://93.184.216.34/hook"
    assert staff_client.post(reverse("lms_webhook_endpoints:add"), form).status_code == 302
    made = WebhookEndpoint.objects.get()
    assert made.events == ["registration.confirmed", "certificate.issued"]
    assert made.secret.startswith("whsec_") and made.created_by is not None
    page = staff_client.get(reverse("lms_webhook_endpoints:inspect", args=[made.pk]))
    assert made.secret.encode() in page.content


def test_events_about_other_peoples_registrations_never_reach_an_organization(
    receiver, world, django_capture_on_commit_callbacks
):
    endpoint(receiver, "/a", organization=world.a.organization)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = CertificateFactory(
            registration=RegistrationFactory(session=world.session), approval=world.approval
        )
        certificate_revoke(certificate=certificate, reason="Test", by=None)
    # Neither event concerns A's people.
    assert receiver.received == []
