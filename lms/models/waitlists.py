"""The waitlist of a full session and the offers made from it.

Writes go through lms.services.waitlists, which keeps "never more open offers than free
seats" under the session's row lock.
"""

import secrets

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine


def new_offer_token() -> str:
    return secrets.token_urlsafe(16)


class WaitlistEntry(StateMachine, models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered a seat"
        ACCEPTED = "accepted", "Took the seat"
        DECLINED = "declined", "Declined the offer"
        EXPIRED = "expired", "Offer expired"
        LEFT = "left", "Left the waitlist"

    TRANSITIONS = {
        Status.WAITING: {Status.OFFERED, Status.LEFT},
        Status.OFFERED: {Status.ACCEPTED, Status.DECLINED, Status.EXPIRED, Status.LEFT},
        Status.ACCEPTED: set(),
        Status.DECLINED: set(),
        Status.EXPIRED: set(),
        Status.LEFT: set(),
    }

    session = models.ForeignKey("lms.Session", on_delete=models.PROTECT, related_name="waitlist")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    position = models.PositiveIntegerField(help_text="Lower goes first.")
    priority = models.BooleanField(
        default=False,
        help_text="Placed ahead of others on joining, by the session's waitlist priority.",
    )
    offer_token = models.CharField(max_length=32, unique=True, default=new_offer_token)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "position", "created_at"]
        verbose_name_plural = "waitlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="one_open_waitlist_entry_per_person",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.session} ({self.get_status_display()})"
