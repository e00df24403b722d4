"""Outbound webhooks: endpoints staff register for an organization (or for the coalition),
the events each wants, and one delivery per event and endpoint with its attempts.

Writes go through lms.services.webhooks; the task lms.tasks.webhooks.webhook_deliver sends."""

import secrets

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine


class WebhookEventType(models.TextChoices):
    REGISTRATION_CONFIRMED = "registration.confirmed", "Registration confirmed"
    REGISTRATION_CANCELLED = "registration.cancelled", "Registration cancelled"
    REGISTRATION_REFUNDED = "registration.refunded", "Registration refunded"
    ATTENDANCE_RECORDED = "attendance.recorded", "Attendance recorded"
    CERTIFICATE_ISSUED = "certificate.issued", "Certificate issued"
    CERTIFICATE_REVOKED = "certificate.revoked", "Certificate revoked"
    CERTIFICATE_REISSUED = "certificate.reissued", "Certificate reissued"
    SESSION_CANCELLED = "session.cancelled", "Session cancelled"
    SESSION_RESCHEDULED = "session.rescheduled", "Session rescheduled"


def new_signing_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


class WebhookEndpoint(models.Model):
    organization = models.ForeignKey(
        "lms.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="webhook_endpoints",
        help_text="Leave empty for the coalition's own systems (every event, every person).",
    )
    url = models.URLField("URL", max_length=500, help_text="http(s) only; a public address.")
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="WebhookEventType values.")
    secret = models.CharField(
        max_length=80,
        default=new_signing_secret,
        editable=False,
        help_text="Signs each delivery (Coalition-Signature header).",
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "url"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return f"{self.url} ({self.organization or 'coalition'})"

    def event_labels(self) -> str:
        labels = dict(WebhookEventType.choices)
        return "; ".join(labels.get(event, event) for event in self.events)


class WebhookDelivery(StateMachine, models.Model):
    """One event for one endpoint: created once (unique event id per endpoint), tried until
    the receiver answers 2xx or the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        RETRYING = "retrying", "Failed; will retry"
        FAILED = "failed", "Failed; gave up"

    TRANSITIONS = {
        Status.PENDING: {Status.DELIVERED, Status.RETRYING, Status.FAILED},
        Status.RETRYING: {Status.DELIVERED, Status.RETRYING, Status.FAILED, Status.PENDING},
        Status.FAILED: {Status.PENDING},
        Status.DELIVERED: {Status.PENDING},  # staff resend
    }

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.PROTECT, related_name="deliveries"
    )
    event_id = models.CharField(max_length=40, help_text="The receiver deduplicates on it.")
    event_type = models.CharField(max_length=40, choices=WebhookEventType.choices)
    payload = models.JSONField(help_text="The event as sent (the body).")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="one_delivery_per_event_and_endpoint"
            )
        ]

    def __str__(self):
        return f"{self.event_type} {self.event_id} → {self.endpoint.url}"
