"""Registrations: a person's place in a session. Writes are made by lms.services.registrations."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

from lms.models.state import StateMachine


def new_check_in_code() -> str:
    """An unguessable code for the check-in QR on the confirmation."""
    return secrets.token_urlsafe(16)


class Registration(StateMachine, models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Seat held, awaiting payment"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Hold expired"

    # Statuses that occupy a seat; capacity checks and "seats left" count these.
    SEAT_HOLDING = (Status.PENDING_PAYMENT, Status.CONFIRMED)

    # The one place that says which status may follow which. An expired hold may still be
    # confirmed when its payment arrives late and a seat is free (lms.services.payments).
    TRANSITIONS = {
        Status.PENDING_PAYMENT: {Status.CONFIRMED, Status.CANCELLED, Status.EXPIRED},
        Status.EXPIRED: {Status.CONFIRMED},
        Status.CONFIRMED: {Status.CANCELLED},
        Status.CANCELLED: set(),
    }

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
    amount_cents = models.PositiveIntegerField(
        default=0, help_text="What this registration costs, computed by the pricing rules."
    )
    chosen_amount_cents = models.PositiveIntegerField(
        null=True, blank=True, help_text="The amount picked on a pay-what-you-can tier."
    )
    discount_code = models.ForeignKey(
        "lms.DiscountCode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    quote = models.JSONField(
        default=list, blank=True, help_text="The line items shown when the seat was held."
    )
    scholarship_fund_cents = models.PositiveIntegerField(
        default=0, help_text="The supporter's pay-it-forward amount for the scholarship fund."
    )
    attested_at = models.DateTimeField(
        null=True, blank=True, help_text="When the registrant attested the tier fits them."
    )
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=300, blank=True)
    check_in_code = models.CharField(
        max_length=32, unique=True, default=new_check_in_code, editable=False
    )
    reminder_week_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_day_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    group = models.ForeignKey(
        "lms.GroupRegistration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        help_text="The card-paid group this seat was held in, if any.",
    )
    organization = models.ForeignKey(
        "lms.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        help_text="The organization the person came on behalf of (participation reports count it).",
    )
    staff_notes = models.TextField(blank=True, help_text="Seen only by staff.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["status", "hold_expires_at"]),
        ]
        constraints = [
            # Registering twice is refused by the service with a message; this makes it
            # impossible even for two requests racing each other.
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=models.Q(status__in=["pending_payment", "confirmed"]),
                name="one_active_registration_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.session}"

    def get_absolute_url(self):
        return reverse("lms:registration_detail", args=[self.pk])

    @property
    def check_in_url(self) -> str:
        """What the check-in QR encodes; the attendance area answers this URL."""
        return f"{settings.SITE_URL}/check-in/{self.check_in_code}/"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING
