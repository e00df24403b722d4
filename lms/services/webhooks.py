"""Outbound webhooks: which endpoints hear of an event, the signature, delivery with retries
and backoff, and staff's resend.

Events come from the audit trail: every change of money or state is written with
`lms.services.audit.audit_log`, which hands each action to `webhook_events_from_audit`; the
actions that mean something to a receiver (AUDIT_EVENTS) become events there, so no service
has to remember to emit one.

A delivery is signed the way Stripe signs: header `Coalition-Signature: t=<unix time>,
v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>`; the receiver recomputes it
and refuses a stale timestamp. Each event has an id (`Coalition-Event-Id`, also in the body)
that stays the same across retries and resends, so the receiver deduplicates on it.

Addresses: only http(s), and never to loopback, private, link-local or reserved addresses
(server-side request forgery) unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES is on (the demo and the
tests, whose receivers listen on 127.0.0.1). The address is checked when the endpoint is saved
and again before each attempt, and redirects are not followed."""

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    InvoiceLine,
    Organization,
    Payment,
    Profile,
    Registration,
    Session,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEventType,
)
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Coalition-Signature"
EVENT_ID_HEADER = "Coalition-Event-Id"
# Minutes to wait after the 1st, 2nd, ... failed attempt; after the last, the delivery fails.
BACKOFF_MINUTES = (1, 5, 30, 120, 480)
TIMEOUT_SECONDS = 10


class WebhookError(DomainError):
    """A webhook rule said no; `message` is for staff."""


# --- Addresses ---------------------------------------------------------------------------------


def _refused_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not ip.is_global or ip.is_multicast


def webhook_url_refusal(url: str) -> str | None:
    """Why deliveries may not go to `url`, or None when they may."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Use an http:// or https:// address."
    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        return None
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return f"{parts.hostname} does not resolve to an address."
    if any(_refused_address(info[4][0]) for info in found):
        return (
            f"{parts.hostname} is a local or private address; webhooks go only to public addresses."
        )
    return None


# --- Endpoints ---------------------------------------------------------------------------------


def webhook_endpoint_save(*, endpoint: WebhookEndpoint, by=None) -> WebhookEndpoint:
    """Check and save an endpoint staff registered or changed."""
    refusal = webhook_url_refusal(endpoint.url)
    if refusal:
        raise WebhookError(refusal)
    unknown = set(endpoint.events) - set(WebhookEventType.values)
    if unknown or not endpoint.events:
        raise WebhookError("Choose the events to send, from the list.")
    if endpoint.pk is None and by is not None:
        endpoint.created_by = by
    endpoint.save()
    return endpoint


# --- Events ------------------------------------------------------------------------------------


def _registration_organization_ids(registration: Registration) -> set[int]:
    """The organizations whose people include this registration (as lms.selectors.api)."""
    ids = set(
        Profile.objects.filter(
            user_id=registration.person_id, organization_confirmed_on__isnull=False
        )
        .exclude(organization=None)
        .values_list("organization_id", flat=True)
    )
    ids |= set(
        InvoiceLine.objects.filter(registration=registration).values_list(
            "invoice__organization_id", flat=True
        )
    )
    if registration.group_id:
        ids.add(registration.group.organization_id)
    return ids


def _registration_data(registration: Registration) -> dict:
    person = registration.person
    profile = getattr(person, "profile", None)
    return {
        "registration": {
            "id": registration.pk,
            "status": registration.status,
            "session_id": registration.session_id,
            "training_title": registration.session.training.title,
            "person": {
                "name": (profile.printed_name if profile else "") or person.get_full_name(),
                "email": person.email,
            },
        }
    }


def _session_data(session: Session) -> dict:
    return {
        "session": {
            "id": session.pk,
            "status": session.status,
            "training_title": session.training.title,
            "starts_at": session.starts_at.isoformat() if session.starts_at else None,
        }
    }


def _session_organization_ids(session: Session) -> set[int]:
    ids: set[int] = set()
    for registration in Registration.objects.filter(session=session).select_related("group"):
        ids |= _registration_organization_ids(registration)
    return ids


def _certificate_data(certificate) -> dict:
    return {
        "certificate": {
            "id": certificate.pk,
            "code": certificate.code,
            "serial": certificate.serial,
            "status": certificate.status,
            "registration_id": certificate.registration_id,
            "printed_name": certificate.printed_name,
            "training_title": certificate.training_title,
            "superseded_by": certificate.superseded_by.code if certificate.superseded_by else None,
            "verification_url": certificate.get_verify_url(),
        }
    }


def _by_registration(event_type):
    def build(instance):
        return event_type, _registration_data(instance), _registration_organization_ids(instance)

    return build


def _refunded(payment: Payment):
    registration = payment.registration
    if registration is None:
        return None
    data = _registration_data(registration)
    data["refund"] = {"payment_id": payment.pk, "payment_status": payment.status}
    return (
        WebhookEventType.REGISTRATION_REFUNDED,
        data,
        _registration_organization_ids(registration),
    )


def _by_session(event_type):
    def build(session):
        return event_type, _session_data(session), _session_organization_ids(session)

    return build


def _by_certificate(event_type):
    def build(certificate):
        return (
            event_type,
            _certificate_data(certificate),
            _registration_organization_ids(certificate.registration),
        )

    return build


# audit action -> builder(instance) -> (event type, data, organization ids) or None
AUDIT_EVENTS = {
    "lms.registration.confirm": _by_registration(WebhookEventType.REGISTRATION_CONFIRMED),
    "lms.registration.confirm_late": _by_registration(WebhookEventType.REGISTRATION_CONFIRMED),
    "lms.registration.cancel": _by_registration(WebhookEventType.REGISTRATION_CANCELLED),
    "lms.refund.succeed": _refunded,
    "lms.attendance.check_in": _by_registration(WebhookEventType.ATTENDANCE_RECORDED),
    "lms.attendance.correct": _by_registration(WebhookEventType.ATTENDANCE_RECORDED),
    "lms.attendance.check_out": _by_registration(WebhookEventType.ATTENDANCE_RECORDED),
    "lms.attendance.confirm_whole_meeting": _by_registration(WebhookEventType.ATTENDANCE_RECORDED),
    "certificates.certificate.issue": _by_certificate(WebhookEventType.CERTIFICATE_ISSUED),
    "certificates.certificate.revoke": _by_certificate(WebhookEventType.CERTIFICATE_REVOKED),
    "certificates.certificate.reissue": _by_certificate(WebhookEventType.CERTIFICATE_REISSUED),
    "lms.session.cancel": _by_session(WebhookEventType.SESSION_CANCELLED),
    "lms.session.reschedule": _by_session(WebhookEventType.SESSION_RESCHEDULED),
}


def webhook_events_from_audit(*, instance, action: str) -> list[WebhookDelivery]:
    """Called by audit_log for every action: the deliveries its event needs (none for most)."""
    build = AUDIT_EVENTS.get(action)
    if build is None or not WebhookEndpoint.objects.filter(is_active=True).exists():
        return []
    made = build(instance)
    if made is None:
        return []
    event_type, data, organization_ids = made
    return webhook_event_emit(event_type=event_type, data=data, organization_ids=organization_ids)


def webhook_event_emit(
    *, event_type: str, data: dict, organization_ids: set[int], now: dt.datetime | None = None
) -> list[WebhookDelivery]:
    """One delivery per active endpoint that wants `event_type` and may hear of it: the
    coalition's own endpoints, and those of the organizations whose people it concerns.
    Sent after commit."""
    now = now or timezone.now()
    # A handful of rows: filtered here, the same on SQLite (no JSON "contains") and PostgreSQL.
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True).select_related(
            "organization"
        )
        if event_type in endpoint.events
    ]
    event_id = f"evt_{uuid.uuid4().hex}"
    deliveries = []
    for endpoint in endpoints:
        if (
            endpoint.organization_id is not None
            and endpoint.organization_id not in organization_ids
        ):
            continue
        payload = {
            "id": event_id,
            "type": event_type,
            "created": int(now.timestamp()),
            "organization": _organization_ref(endpoint.organization),
            "data": data,
        }
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event_id=event_id, event_type=event_type, payload=payload
        )
        enqueue_on_commit("lms.tasks.webhooks.webhook_deliver", delivery.pk)
        deliveries.append(delivery)
    return deliveries


def _organization_ref(organization: Organization | None) -> dict | None:
    return {"id": organization.pk, "name": organization.name} if organization else None


# --- Delivery ----------------------------------------------------------------------------------


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_signature_verify(
    *, secret: str, header: str, body: bytes, tolerance_seconds: int = 300
) -> bool:
    """What a receiver does (the demo's receiver uses it; docs/api.md shows the same)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    expected = webhook_signature(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, f"t={timestamp},v1={parts.get('v1', '')}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx is an answer, not an instruction: it counts as a failure


def _post(url: str, body: bytes, headers: dict) -> int:
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def webhook_deliver(*, delivery_id: int, now: dt.datetime | None = None) -> WebhookDelivery:
    """Try one delivery now; safe to run twice (a delivered one is left alone). A failure
    sets the next attempt after BACKOFF_MINUTES, or gives up after the last."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint")
            .get(pk=delivery_id)
        )
        if delivery.status in (WebhookDelivery.Status.DELIVERED, WebhookDelivery.Status.FAILED):
            return delivery
        endpoint = delivery.endpoint
        body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
        timestamp = int(time.time())
        status_code, error = None, ""
        refusal = webhook_url_refusal(endpoint.url) if endpoint.is_active else "Endpoint off."
        if refusal:
            error = refusal
        else:
            try:
                status_code = _post(
                    endpoint.url,
                    body,
                    {
                        "Content-Type": "application/json",
                        "User-Agent": "CoalitionCE-Webhooks/1",
                        SIGNATURE_HEADER: webhook_signature(
                            secret=endpoint.secret, timestamp=timestamp, body=body
                        ),
                        EVENT_ID_HEADER: delivery.event_id,
                    },
                )
            except (OSError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
        now = now or timezone.now()
        delivery.attempts += 1
        delivery.last_status_code = status_code
        delivery.last_error = error[:300]
        if status_code is not None and 200 <= status_code < 300:
            delivery.transition_to(WebhookDelivery.Status.DELIVERED)
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts > len(BACKOFF_MINUTES):
            delivery.transition_to(WebhookDelivery.Status.FAILED)
            delivery.next_attempt_at = None
        else:
            delivery.transition_to(WebhookDelivery.Status.RETRYING)
            delivery.next_attempt_at = now + dt.timedelta(
                minutes=BACKOFF_MINUTES[delivery.attempts - 1]
            )
        if not error and status_code is not None and not 200 <= status_code < 300:
            delivery.last_error = f"The receiver answered {status_code}."
        delivery.save()
    return delivery


def webhook_retries_due(*, now: dt.datetime | None = None) -> int:
    """Queue every delivery whose next attempt is due (scheduled every minute)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.RETRYING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in due:
        enqueue_on_commit("lms.tasks.webhooks.webhook_deliver", pk)
        count += 1
    return count


def webhook_delivery_resend(*, delivery: WebhookDelivery, by) -> WebhookDelivery:
    """Staff send a delivery again, with the same event id (so a receiver that already has it
    ignores it) and a fresh signature; the attempts start over."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == WebhookDelivery.Status.PENDING:
            return delivery
        delivery.transition_to(WebhookDelivery.Status.PENDING)
        delivery.attempts = 0
        delivery.next_attempt_at = None
        delivery.save()
        audit_log(instance=delivery, action="lms.webhook.resend", user=by)
        enqueue_on_commit("lms.tasks.webhooks.webhook_deliver", delivery.pk)
    return delivery
