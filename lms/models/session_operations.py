"""What staff do to a whole session: cancel it, reschedule it, message its registrants, add
someone at the door. Writes go through lms.services.session_operations; the rows here are the
session's operations history, shown on its admin page."""

from django.conf import settings
from django.db import models


class SessionCancellation(models.Model):
    """A session cancelled by staff. The background run cancels `registration_ids` one by one
    (each under its own lock), so an interrupted run picks up where it stopped."""

    session = models.OneToOneField(
        "lms.Session", on_delete=models.PROTECT, related_name="cancellation"
    )
    reason = models.CharField(max_length=300, help_text="Told to every registrant.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    registration_ids = models.JSONField(
        default=list, help_text="The registrations that held a seat when it was cancelled."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    finance_notes = models.JSONField(
        default=list, blank=True, help_text="What Finance must settle by hand (paid invoices)."
    )

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"Cancellation of {self.session}"


class SessionMessage(models.Model):
    """An email staff wrote to a session's registrants; one delivery row per recipient."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed registrants"
        WAITLIST = "waitlist", "People on the waitlist"
        PENDING = "pending", "Seats held, awaiting payment"
        ALL = "all", "Everyone above"

    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="messages")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class SessionMessageDelivery(models.Model):
    """One person's copy of a message. The unique constraint makes "once per person" a fact of
    the table; `sent_at` is claimed before the email goes, so a second run sends nothing."""

    message = models.ForeignKey(SessionMessage, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "person"], name="one_delivery_per_person_per_message"
            )
        ]

    def __str__(self):
        return f"{self.message} → {self.email}"


class SessionReschedule(models.Model):
    """A change of meeting times, venue or online link, with what changed in words."""

    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="reschedules")
    changes = models.JSONField(default=list, help_text="One line per change, for people.")
    sequence = models.PositiveIntegerField(help_text="The calendar SEQUENCE after the change.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"Reschedule of {self.session}"


class StaffAddition(models.Model):
    """A registration staff added (a walk-in or a staff-added seat) and how it is settled."""

    class Settlement(models.TextChoices):
        COMPLIMENTARY = "complimentary", "Complimentary"
        CASH = "cash", "Paid at the door: cash"
        CHECK = "check", "Paid at the door: check"
        INVOICE = "invoice", "Invoiced to the organization"
        CARD_LINK = "card_link", "Card payment link emailed"

    registration = models.OneToOneField(
        "lms.Registration", on_delete=models.PROTECT, related_name="staff_addition"
    )
    settlement = models.CharField(max_length=20, choices=Settlement.choices)
    amount_cents = models.PositiveIntegerField(default=0, help_text="What was owed.")
    reference = models.CharField(
        max_length=100, blank=True, help_text="Check number or receipt number."
    )
    reason = models.CharField(max_length=300, blank=True, help_text="Why complimentary.")
    capacity_override_reason = models.CharField(max_length=300, blank=True)
    invoice = models.ForeignKey(
        "lms.Invoice", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-added_at"]

    def __str__(self):
        return f"{self.registration} ({self.get_settlement_display()})"
