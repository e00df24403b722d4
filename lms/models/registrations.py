"""Registrations: a person's place in a session. Transitions live in lms.services."""

from django.conf import settings
from django.db import models


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Seat held, awaiting payment"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Hold expired"

    # Statuses that occupy a seat; capacity checks and "seats left" count these.
    SEAT_HOLDING = (Status.PENDING_PAYMENT, Status.CONFIRMED)

    session = models.ForeignKey(
        "lms.Session", on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT, db_index=True
    )
    fee_tier = models.ForeignKey(
        "lms.FeeTier", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_cents = models.PositiveIntegerField(default=0)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.person} – {self.session}"
