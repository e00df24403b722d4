"""Trainings, their scheduled sessions and meetings, and the facilitators who lead them.

These are the structured records; the Wagtail pages in `cms` describe them and read them
through selectors, so publishing a page never changes a session or a registration.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from lms.models.people import BudgetBand
from lms.models.state import StateMachine
from lms.rules.gatherings import CE_TRAINING, kind_offers_ce


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeliveryFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual (live interactive webinar)")
    HYBRID = "hybrid", _("Hybrid")


class EventKind(models.TextChoices):
    """What an event is. Only a CE training gives CE credit; the others are the coalition's
    own gatherings, listed at /events/ and never in the CE catalogue (docs/gatherings.md)."""

    CE_TRAINING = CE_TRAINING, _("CE training")
    LAC_MEETING = "lac_meeting", _("LAC meeting")
    ADVOCACY_DAY = "advocacy_day", _("Advocacy day")
    HHS_COALITION = "hhs_coalition", _("HHS Coalition meeting")
    COMMUNITY_OF_PRACTICE = "community_of_practice", _("Community-of-practice session")
    WEBINAR = "webinar", _("Webinar (no CE)")


GATHERING_KINDS = [kind for kind in EventKind.values if not kind_offers_ce(kind)]


class TrainingQuerySet(models.QuerySet):
    def ce_trainings(self):
        """What the CE catalogue, its API, embed and calendar list."""
        return self.filter(kind=EventKind.CE_TRAINING)

    def gatherings(self):
        return self.filter(kind__in=GATHERING_KINDS)


class Facilitator(models.Model):
    """A guest trainer or staff member who leads sessions."""

    name = models.CharField(max_length=200)
    credentials = models.CharField(max_length=100, blank=True, help_text="For example LCSW, MSW")
    pronouns = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitator",
        help_text="The login this facilitator uses for the facilitator portal.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True)
    lived_experience = models.TextField(
        "lived-experience statement",
        blank=True,
        help_text="In the facilitator's own words, shown on training pages if given.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class Training(models.Model):
    """A CE training, or (by its `kind`) one of the coalition's gatherings: both are
    scheduled, registered for and attended the same way."""

    kind = models.CharField(
        max_length=30,
        choices=EventKind.choices,
        default=EventKind.CE_TRAINING,
        db_index=True,
        help_text="A gathering (anything but a CE training) is listed under Events, never in "
        "the CE catalogue, and gives no CE credit or certificate.",
    )
    region = models.CharField(
        max_length=100, blank=True, help_text="For an LAC meeting: the region whose council meets."
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField()
    duration_minutes = models.PositiveIntegerField(help_text="Scheduled instruction time.")
    audience = models.CharField(max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="trainings")
    format = models.CharField(
        max_length=20, choices=DeliveryFormat.choices, default=DeliveryFormat.VIRTUAL
    )
    language = models.CharField(max_length=40, default="English")
    fee_schedule = models.ForeignKey(
        "lms.FeeSchedule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings",
        help_text="Leave empty for a free training.",
    )
    facilitators = models.ManyToManyField(Facilitator, blank=True, related_name="trainings")
    audiences = models.ManyToManyField(
        "lms.Audience", blank=True, related_name="trainings", help_text="Who this is for."
    )

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == EventKind.LAC_MEETING and not self.region.strip():
            raise ValidationError({"region": "An LAC meeting names its region."})

    @property
    def offers_ce(self) -> bool:
        return kind_offers_ce(self.kind)

    @property
    def is_gathering(self) -> bool:
        return not self.offers_ce


class Conference(models.Model):
    """Several sessions offered together (a conference day or week): a participant's
    certificates from its sessions add up to one combined certificate."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    location = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="conference_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class Session(StateMachine, ClusterableModel):
    """One scheduled offering of a training: one or more meetings, a capacity, a venue."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"

    # Cancelling is final and goes through lms.services.session_operations (registrants are
    # refunded and told); the session form may mark a session completed or correct that.
    TRANSITIONS = {
        Status.SCHEDULED: {Status.CANCELLED, Status.COMPLETED},
        Status.COMPLETED: {Status.SCHEDULED},
        Status.CANCELLED: set(),
    }

    class WaitlistPriority(models.TextChoices):
        NONE = "", "None: first come, first served"
        FIRST_TIME = "first_time", "First-time participants first"
        BUDGET_BAND = "budget_band", "Organizations in a budget band or smaller first"

    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="sessions")
    conference = models.ForeignKey(
        Conference,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="Part of a conference: its certificates also add up to a combined certificate.",
    )
    format = models.CharField(max_length=20, choices=DeliveryFormat.choices)
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    online_link = models.URLField(blank=True, help_text="Shown only to confirmed registrants.")
    time_zone = models.CharField(max_length=50, default="America/Chicago")
    capacity = models.PositiveIntegerField()
    registration_opens_at = models.DateTimeField(null=True, blank=True)
    registration_closes_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    fee_schedule = models.ForeignKey(
        "lms.FeeSchedule",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text="Overrides the training's fee schedule for this session.",
    )
    facilitators = models.ManyToManyField(
        Facilitator, through="SessionFacilitator", related_name="sessions"
    )
    waitlist_priority = models.CharField(
        max_length=20,
        choices=WaitlistPriority.choices,
        blank=True,
        default=WaitlistPriority.NONE,
        help_text="Who joins the waitlist ahead of others. Staff can still move people.",
    )
    waitlist_priority_budget_band = models.CharField(
        "priority budget band (at most)",
        max_length=20,
        choices=BudgetBand.choices,
        blank=True,
        help_text="For budget-band priority: this band or a smaller one goes first.",
    )
    starts_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Start of the first meeting, kept in step by Meeting.save().",
    )
    schedule_sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised at each reschedule: the calendar SEQUENCE of its meetings' events.",
    )

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self):
        when = self.starts_at.date().isoformat() if self.starts_at else "unscheduled"
        return f"{self.training.title} ({when})"

    def get_absolute_url(self):
        return reverse("lms:session_register", args=[self.pk])

    @property
    def effective_fee_schedule(self):
        return self.fee_schedule or self.training.fee_schedule

    def refresh_starts_at(self):
        first = self.meetings.order_by("starts_at").values_list("starts_at", flat=True).first()
        Session.objects.filter(pk=self.pk).update(starts_at=first)
        self.starts_at = first


class SessionFacilitator(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead facilitator"
        CO = "co", "Co-facilitator"

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="assignments")
    facilitator = models.ForeignKey(
        Facilitator, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LEAD)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "facilitator"], name="one_role_per_facilitator"
            )
        ]

    def __str__(self):
        return f"{self.facilitator} – {self.get_role_display()}"


class Meeting(models.Model):
    """One sitting of a session; a series has several."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    break_minutes = models.PositiveIntegerField(
        default=0, help_text="Scheduled breaks, excluded from clock-hour credit."
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.session.training.title}: {self.starts_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.session.refresh_starts_at()

    @property
    def scheduled_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)
