"""Card payments, refunds and the Stripe events that move them. Amounts are integer cents.

One Payment row is one payment attempt with at most one Stripe PaymentIntent; a declined card
ends the attempt and the next try is a new row. lms.services.payments makes every change.
"""

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine
from lms.rules.money import dollars


class Payment(StateMachine, models.Model):
    class Status(models.TextChoices):
        STARTED = "started", "Started"
        REQUIRES_ACTION = "requires_action", "Waiting for card authentication"
        PROCESSING = "processing", "Processing"
        SUCCEEDED = "succeeded", "Paid"
        FAILED = "failed", "Failed"
        CANCELED = "canceled", "Abandoned"
        PARTIALLY_REFUNDED = "partially_refunded", "Paid, partly refunded"
        REFUNDED = "refunded", "Refunded"

    # Attempts still under way: at most one per registration.
    OPEN = (Status.STARTED, Status.REQUIRES_ACTION, Status.PROCESSING)
    # Money was taken (and possibly partly given back).
    PAID = (Status.SUCCEEDED, Status.PARTIALLY_REFUNDED, Status.REFUNDED)

    TRANSITIONS = {
        Status.STARTED: {
            Status.REQUIRES_ACTION,
            Status.PROCESSING,
            Status.SUCCEEDED,
            Status.FAILED,
            Status.CANCELED,
        },
        Status.REQUIRES_ACTION: {
            Status.PROCESSING,
            Status.SUCCEEDED,
            Status.FAILED,
            Status.CANCELED,
        },
        Status.PROCESSING: {Status.SUCCEEDED, Status.FAILED},
        Status.SUCCEEDED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED},
        Status.PARTIALLY_REFUNDED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED},
        # Stripe may still complete an attempt we gave up on (a second tab, a slow bank);
        # the money is recorded and the registration rules decide between seat and refund.
        Status.FAILED: {Status.SUCCEEDED},
        Status.CANCELED: {Status.SUCCEEDED},
        Status.REFUNDED: set(),
    }

    # A payment is for one registration, or for a card-paid group's seats all at once.
    registration = models.ForeignKey(
        "lms.Registration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    group = models.ForeignKey(
        "lms.GroupRegistration",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.STARTED, db_index=True
    )
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="usd")
    refunded_cents = models.PositiveIntegerField(default=0)
    stripe_payment_intent_id = models.CharField(
        "Stripe PaymentIntent", max_length=255, unique=True, null=True, blank=True
    )
    stripe_payment_method_id = models.CharField(max_length=255, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    needs_attention = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Staff should look at this payment (for example a late payment refunded).",
    )
    attention_note = models.CharField(max_length=500, blank=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(status__in=["started", "requires_action", "processing"]),
                name="one_open_payment_per_registration",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(status__in=["started", "requires_action", "processing"]),
                name="one_open_payment_per_group",
            ),
            models.CheckConstraint(
                condition=models.Q(registration__isnull=False, group__isnull=True)
                | models.Q(registration__isnull=True, group__isnull=False),
                name="payment_for_a_registration_or_a_group",
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_cents__lte=models.F("amount_cents")),
                name="payment_refunds_at_most_amount",
            ),
        ]

    def __str__(self):
        return f"Payment {self.pk}: {dollars(self.amount_cents)} ({self.get_status_display()})"

    @property
    def payer(self):
        """Who paid: the registrant, or the coordinator of a group."""
        return self.group.coordinator if self.group_id else self.registration.person

    @property
    def paid_for(self):
        """The registration, or the group, this payment is for."""
        return self.group if self.group_id else self.registration

    @property
    def refundable_cents(self) -> int:
        return self.amount_cents - self.refunded_cents if self.status in self.PAID else 0

    @property
    def idempotency_key(self) -> str:
        return f"coalition-payment-{self.pk}"


class Refund(StateMachine, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Being sent to Stripe"
        SUCCEEDED = "succeeded", "Refunded"
        FAILED = "failed", "Failed"

    class Reason(models.TextChoices):
        PARTICIPANT_CANCELLED = "participant_cancelled", "Participant cancelled"
        STAFF = "staff", "Refund by staff"
        SESSION_CANCELLED = "session_cancelled", "Session cancelled"
        SEAT_UNAVAILABLE = "seat_unavailable", "Paid after the hold expired; no seat left"
        DUPLICATE_PAYMENT = "duplicate_payment", "Paid twice"
        AMOUNT_CHANGED = "amount_changed", "Paid an amount no longer owed"

    TRANSITIONS = {
        Status.PENDING: {Status.SUCCEEDED, Status.FAILED},
        Status.SUCCEEDED: set(),
        Status.FAILED: set(),
    }

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_cents = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=30, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True, help_text="Why, in your own words.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system refunded automatically.",
    )
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    failure_message = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker claimed it to send to Stripe."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="refund_positive")
        ]

    def __str__(self):
        return f"Refund {self.pk}: {dollars(self.amount_cents)} ({self.get_status_display()})"

    @property
    def idempotency_key(self) -> str:
        return f"coalition-refund-{self.pk}"


class StripeEvent(models.Model):
    """Each Stripe webhook event, stored once by its id; a task processes it."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class StripeCustomer(models.Model):
    """The Stripe customer a person's cards are saved under, created on first payment."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stripe_customer"
    )
    customer_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.customer_id
