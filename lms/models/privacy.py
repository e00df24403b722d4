"""People's data: erasure requests, the retention schedule's runs, and the log of every read
of row-level demographic answers.

Writes go through lms.services.privacy; the rules (what blocks an erasure, how long records
stay linkable, each retention cutoff) are pure functions in lms.rules.privacy. The data
export is built on request and never stored (docs/decisions.md).
"""

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine


class ErasureRequest(StateMachine, models.Model):
    """A person's request to have their personal data erased.

    Asked for on /my/privacy/, it waits for the person to confirm through the emailed link;
    recorded by staff (a letter, a phone call), it is confirmed by the staff member's
    identity check. Carrying it out (lms.services.privacy.person_erase) deletes demographic
    answers, removes or pseudonymises everything else, and keeps CE, attendance and payment
    records under `pseudonym` until `retained_until`.
    """

    class Status(models.TextChoices):
        AWAITING_CONFIRMATION = "awaiting_confirmation", "Waiting for the emailed link"
        CONFIRMED = "confirmed", "Confirmed, to be carried out"
        COMPLETED = "completed", "Erased"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Link expired"

    # Requests still open: at most one per person.
    OPEN = (Status.AWAITING_CONFIRMATION, Status.CONFIRMED)

    TRANSITIONS = {
        Status.AWAITING_CONFIRMATION: {Status.CONFIRMED, Status.WITHDRAWN, Status.EXPIRED},
        Status.CONFIRMED: {Status.COMPLETED, Status.WITHDRAWN},
        Status.COMPLETED: set(),
        Status.WITHDRAWN: set(),
        Status.EXPIRED: set(),
    }

    class Channel(models.TextChoices):
        SELF_SERVICE = "self_service", "On the site (confirmed by an emailed link)"
        EMAIL = "email", "Email to staff"
        PHONE = "phone", "Phone call"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    status = models.CharField(
        max_length=30,
        choices=Status.choices,
        default=Status.AWAITING_CONFIRMATION,
        db_index=True,
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    identity_check = models.TextField(
        blank=True,
        help_text="For a request made by other means: how staff checked that the person asked.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was withdrawn or its link expired."
    )
    pseudonym = models.CharField(max_length=40, unique=True, null=True, blank=True)
    retained_until = models.DateField(
        null=True,
        blank=True,
        help_text="The kept records stay findable by email or license number until then.",
    )
    # Keyed hashes (SECRET_KEY) of the erased email and license number: staff answering a
    # licensing board find the pseudonym from them; neither can be read back. Emptied once
    # `retained_until` has passed (the retention schedule), which makes the records anonymous.
    email_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    license_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    summary = models.JSONField(
        default=dict, blank=True, help_text="What the erasure removed and what it kept, counted."
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["awaiting_confirmation", "confirmed"]),
                name="one_open_erasure_request_per_person",
            )
        ]

    def __str__(self):
        return f"Erasure request #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class RetentionRun(models.Model):
    """One run of the retention schedule (lms.tasks.privacy.retention_run): what it purged,
    counted by kind, under which periods."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    purged = models.JSONField(default=dict, help_text="Kind of data -> how many were purged.")
    periods = models.JSONField(default=dict, help_text="The retention periods applied.")

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"Retention run of {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.purged.values())


class DemographicAccess(models.Model):
    """One read of demographic answers person by person (the `view_demographic_rows`
    permission): who, when, what, and whose answers were on the screen or in the file."""

    accessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    what = models.CharField(max_length=200)
    path = models.CharField(max_length=500, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="demographic_reads"
    )

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = "read of demographic answers"
        verbose_name_plural = "reads of demographic answers"

    def __str__(self):
        return f"{self.what} ({self.row_count} people)"
