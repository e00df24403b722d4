"""CE approvals and credit rules. The credit computation itself is lms.rules.credit
(pure); certificates.selectors feeds it from attendance records.

Certificate and transcript models arrive with the certificates issue.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms.models.state import StateMachine
from lms.storage import private_storage


class Credential(models.Model):
    """A license or certificate a professional renews with CE (codes match Profile.LicenseType)."""

    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class CreditCategory(models.TextChoices):
    GENERAL = "general", "General"
    ETHICS = "ethics", "Ethics"
    CULTURAL_COMPETENCE = "cultural_competence", "Cultural competence"
    IMPLICIT_BIAS = "implicit_bias", "Implicit bias"
    CLINICAL_SUPERVISION = "clinical_supervision", "Clinical supervision"


class AccreditingBody(models.Model):
    """A licensing board or CE approver and the rule it applies to turn minutes into credit."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    credentials = models.ManyToManyField(
        Credential,
        blank=True,
        related_name="accrediting_bodies",
        help_text="Credentials this body's approvals usually cover.",
    )
    is_certificate_of_attendance = models.BooleanField(
        default=False, help_text="A plain certificate of attendance, not a CE approval."
    )
    minutes_per_credit_hour = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1)]
    )
    rounding_increment = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Credit is rounded down to a multiple of this many hours (0.25, 0.5, 1).",
    )
    first_hour_rule = models.BooleanField(
        default=False,
        help_text="No credit until a full first credit hour is attended; then credit grows in "
        "steps of the rounding increment.",
    )
    breaks_excluded = models.BooleanField(
        default=False, help_text="Scheduled breaks do not count (clock hours)."
    )
    late_grace_minutes = models.PositiveSmallIntegerField(
        default=10, help_text="Arriving this late still counts as attending in full."
    )
    leave_early_grace_minutes = models.PositiveSmallIntegerField(
        default=10, help_text="Leaving this early still counts as attending in full."
    )
    partial_credit_allowed = models.BooleanField(
        default=False, help_text="Partial attendance earns credit for the time attended."
    )
    approval_statement = models.TextField(
        blank=True, help_text="Printed on certificates, for example the provider statement."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_certificate_of_attendance"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("minutes_per_credit_hour"), FieldPanel("rounding_increment")]
                ),
                FieldPanel("first_hour_rule"),
                FieldPanel("breaks_excluded"),
                FieldRowPanel(
                    [FieldPanel("late_grace_minutes"), FieldPanel("leave_early_grace_minutes")]
                ),
                FieldPanel("partial_credit_allowed"),
            ],
            heading="Credit rule",
        ),
        FieldPanel("approval_statement"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "accrediting bodies"

    def __str__(self):
        return self.name


class TrainingApproval(models.Model):
    """A training's CE approval by one body: numbers, period, hours by category, credentials."""

    training = models.ForeignKey("lms.Training", on_delete=models.PROTECT, related_name="approvals")
    body = models.ForeignKey(AccreditingBody, on_delete=models.PROTECT, related_name="approvals")
    approval_number = models.CharField(max_length=100, blank=True)
    sponsor_number = models.CharField("provider or sponsor number", max_length=100, blank=True)
    valid_from = models.DateField()
    valid_until = models.DateField()
    credentials = models.ManyToManyField(Credential, related_name="approvals", blank=True)
    hours_general = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    hours_ethics = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    hours_cultural_competence = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0")
    )
    hours_implicit_bias = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    hours_clinical_supervision = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0")
    )

    panels = [
        FieldPanel("training"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("approval_number"), FieldPanel("sponsor_number")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("credentials", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("hours_general"),
                FieldPanel("hours_ethics"),
                FieldPanel("hours_cultural_competence"),
                FieldPanel("hours_implicit_bias"),
                FieldPanel("hours_clinical_supervision"),
            ],
            heading="Credit hours by category",
        ),
    ]

    class Meta:
        ordering = ["training", "body"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="approval_period_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.training} – {self.body}"

    def hours_by_category(self) -> dict[str, Decimal]:
        return {category: getattr(self, f"hours_{category}") for category in CreditCategory.values}


# --- Certificates ---------------------------------------------------------------
from django.conf import settings  # noqa: E402
from django.core.validators import RegexValidator  # noqa: E402


class CertificateTemplate(models.Model):
    """How a certificate looks; staff edit it in the admin. Statement placeholders:
    {name}, {training}, {dates}, {hours}, {body}."""

    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(
        default=False, help_text="Used for trainings that no template lists."
    )
    trainings = models.ManyToManyField(
        "lms.Training",
        blank=True,
        related_name="certificate_templates",
        help_text="Trainings whose certificates use this template.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signatory_name = models.CharField(max_length=200)
    signatory_title = models.CharField(max_length=200, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#1d4f91",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #1d4f91.")],
    )
    statement = models.TextField(
        default="This certifies that {name} attended {training} on {dates} "
        "and earned {hours} continuing education hours.",
        help_text="Placeholders: {name}, {training}, {dates}, {hours}, {body}.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        FieldPanel("trainings"),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
        FieldPanel("signature_image"),
        FieldPanel("accent_colour"),
        FieldPanel("statement"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SerialCounter(models.Model):
    """The last serial number used in a year; locked while a certificate row is created."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Certificate(StateMachine, models.Model):
    class Kind(models.TextChoices):
        CE = "ce", "CE certificate"
        ATTENDANCE = "attendance", "Certificate of attendance"

    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        REVOKED = "revoked", "Revoked"
        SUPERSEDED = "superseded", "Superseded"

    TRANSITIONS = {
        Status.VALID: {Status.REVOKED, Status.SUPERSEDED},
        Status.REVOKED: set(),
        Status.SUPERSEDED: set(),
    }

    registration = models.ForeignKey(
        "lms.Registration", on_delete=models.PROTECT, related_name="certificates"
    )
    approval = models.ForeignKey(
        TrainingApproval, on_delete=models.PROTECT, related_name="certificates"
    )
    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CE)
    serial = models.CharField(max_length=20, unique=True)
    code = models.CharField(max_length=16, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.VALID)
    revoked_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(upload_to="certificates/%Y/", storage=private_storage, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Snapshot at issue time: later edits to profiles, trainings or approvals change nothing.
    printed_name = models.CharField(max_length=200)
    license_type = models.CharField(max_length=10, blank=True)
    license_number = models.CharField(max_length=50, blank=True)
    training_title = models.CharField(max_length=200)
    meeting_dates = models.JSONField(default=list)  # ISO dates
    format_label = models.CharField(max_length=60)
    location = models.CharField(max_length=300, blank=True)
    hours = models.JSONField(default=dict)  # category -> "1.50", only non-zero
    body_name = models.CharField(max_length=200)
    sponsor_number = models.CharField(max_length=100, blank=True)
    approval_number = models.CharField(max_length=100, blank=True)
    approval_valid_from = models.DateField()
    approval_valid_until = models.DateField()
    approval_statement = models.TextField(blank=True)
    presenters = models.JSONField(default=list)  # "Name, credentials"
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # At most one valid certificate per registration and approval: bulk issue can run
            # twice, or resume after a crash, without ever issuing the same thing twice.
            models.UniqueConstraint(
                fields=["registration", "approval"],
                condition=models.Q(status="valid"),
                name="one_valid_certificate_per_approval",
            )
        ]

    def __str__(self):
        return f"{self.serial} {self.printed_name}"

    @property
    def is_valid(self) -> bool:
        """Valid now: what the verification page confirms, and what may be emailed again."""
        return self.status == self.Status.VALID

    @property
    def total_hours(self) -> Decimal:
        return sum((Decimal(h) for h in self.hours.values()), Decimal("0"))

    def hours_lines(self) -> list[tuple[str, Decimal]]:
        labels = dict(CreditCategory.choices)
        return [(labels.get(c, c), Decimal(h)) for c, h in self.hours.items()]

    def dates(self) -> list:
        import datetime as dt

        return [dt.date.fromisoformat(d) for d in self.meeting_dates]

    def get_verify_url(self) -> str:
        from django.urls import reverse

        return settings.SITE_URL + reverse("certificates:verify", args=[self.code])


class BulkIssueRun(StateMachine, models.Model):
    """One staff request to issue a session's certificates; the task reports progress here."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"

    # A run stopped partway stays running until a resumed task finishes it.
    TRANSITIONS = {
        Status.QUEUED: {Status.RUNNING},
        Status.RUNNING: {Status.DONE},
        Status.DONE: set(),
    }

    session = models.ForeignKey("lms.Session", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list)  # [{"registration": id, "name": ..., "error": ...}]
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the task working on it."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Issue run {self.pk} for {self.session}"

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 100
