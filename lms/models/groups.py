"""A group registration paid by card: one coordinator, several attendees' seats held
together, one payment for all of them. Writes go through lms.services.groups (the hold) and
lms.services.payments (the payment)."""

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine


class GroupRegistration(StateMachine, models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Seats held, awaiting payment"
        CONFIRMED = "confirmed", "Paid and confirmed"
        EXPIRED = "expired", "Hold expired"

    TRANSITIONS = {
        Status.PENDING_PAYMENT: {Status.CONFIRMED, Status.EXPIRED},
        Status.CONFIRMED: set(),
        Status.EXPIRED: set(),
    }

    session = models.ForeignKey(
        "lms.Session", on_delete=models.PROTECT, related_name="group_registrations"
    )
    organization = models.ForeignKey(
        "lms.Organization", on_delete=models.PROTECT, related_name="group_registrations"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="groups_coordinated"
    )
    fee_tier = models.ForeignKey(
        "lms.FeeTier", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT, db_index=True
    )
    amount_cents = models.PositiveIntegerField(help_text="The sum of the attendees' amounts.")
    hold_expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Group of {self.organization} – {self.session}"
