"""CE approvals and credit rules. The credit computation itself is lms.rules.credit
(pure); certificates.selectors feeds it from attendance records.

Certificate and transcript models arrive with the certificates issue.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

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


class CreditCategory(models.Model):
    """A kind of CE hour a board counts separately (general, ethics, sexual-harassment
    prevention, ...). Staff add categories in the admin; the code is what certificates store."""

    GENERAL = "general"

    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text="Short name kept on certificates, for example sexual_harassment_prevention. "
        "Do not change it once certificates use it.",
    )
    name = models.CharField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers print first; general is 0."
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "credit categories"

    def __str__(self):
        return self.name

    @classmethod
    def labels(cls) -> dict[str, str]:
        """{code: name} in print order."""
        return dict(cls.objects.order_by("sort_order", "name").values_list("code", "name"))


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
        blank=True,
        help_text="Printed on certificates. Placeholders: {provider_number}, {sponsor_number}, "
        "{approval_number}, {valid_from}, {valid_until}, {hours}, {categories}, {format}, "
        "{presenters}.",
    )
    provider_number = models.CharField(
        max_length=100,
        blank=True,
        help_text="The coalition's provider number with this body; an approval may give its own.",
    )
    wording_in_person = models.CharField(
        "in person, as the body words it", max_length=100, default="In person"
    )
    wording_virtual = models.CharField(
        "virtual, as the body words it", max_length=100, default="Live interactive webinar"
    )
    wording_hybrid = models.CharField(
        "hybrid, as the body words it",
        max_length=100,
        default="In person and live interactive webinar",
    )
    reporting_required = models.BooleanField(
        default=False,
        help_text="The coalition reports completions to this body itself (CE Broker states).",
    )
    reporting_deadline_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days after a session's last meeting to report its completions."
    )

    class RosterFormat(models.TextChoices):
        STANDARD = "standard", "Roster (CSV and XLSX)"
        CE_BROKER = "ce_broker", "CE Broker provider roster upload"

    roster_format = models.CharField(
        max_length=20, choices=RosterFormat.choices, default=RosterFormat.STANDARD
    )
    license_number_pattern = models.CharField(
        max_length=200,
        blank=True,
        help_text="A regular expression a license number must match to be reported, for example "
        r"^\d{3}\.\d{6}$ for Illinois (149.012345). Empty: any number with a digit.",
    )
    ce_broker_profession_codes = models.CharField(
        "CE Broker profession codes",
        max_length=300,
        blank=True,
        help_text="Credential=CE Broker profession code, separated by commas: LCSW=CSW, LSW=SW.",
    )
    ce_broker_subject_codes = models.CharField(
        "CE Broker subject area codes",
        max_length=300,
        blank=True,
        help_text="Credit category code=CE Broker subject area code, for partial credit: "
        "general=GEN, ethics=ETH.",
    )
    not_accepted_in_states = models.CharField(
        max_length=200,
        blank=True,
        help_text="Two-letter states whose boards do not accept this body's approvals, "
        "separated by commas (for example NY, NJ, WV). Participants licensed there are told "
        "before they register.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_certificate_of_attendance"),
        FieldPanel("provider_number"),
        FieldPanel("not_accepted_in_states"),
        MultiFieldPanel(
            [
                FieldPanel("wording_in_person"),
                FieldPanel("wording_virtual"),
                FieldPanel("wording_hybrid"),
            ],
            heading="Delivery format as the body words it",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("reporting_required"), FieldPanel("reporting_deadline_days")]
                ),
                FieldPanel("roster_format"),
                FieldPanel("license_number_pattern"),
                FieldPanel("ce_broker_profession_codes"),
                FieldPanel("ce_broker_subject_codes"),
            ],
            heading="Reporting completions",
        ),
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

    def save(self, *args, **kwargs):
        self.not_accepted_in_states = ", ".join(self.states_not_accepted())
        super().save(*args, **kwargs)

    def states_not_accepted(self) -> list[str]:
        """["NJ", "NY", "WV"]: the states, upper case, sorted, each once."""
        parts = self.not_accepted_in_states.replace(";", ",").replace(" ", ",").split(",")
        return sorted({p.strip().upper() for p in parts if p.strip()})

    def code_map(self, field_name: str) -> dict[str, str]:
        """ "LCSW=CSW, LSW=SW" as {"LCSW": "CSW", "LSW": "SW"}."""
        pairs = (part.split("=", 1) for part in getattr(self, field_name).split(",") if "=" in part)
        return {key.strip(): value.strip() for key, value in pairs if key.strip()}

    def format_wording(self, delivery_format: str) -> str:
        """The session's delivery format ("in_person", "virtual", "hybrid") in this body's words."""
        return {
            "in_person": self.wording_in_person,
            "virtual": self.wording_virtual,
            "hybrid": self.wording_hybrid,
        }.get(delivery_format, self.wording_in_person)


class TrainingApproval(ClusterableModel):
    """A training's CE approval by one body: numbers, period, hours by category, credentials."""

    training = models.ForeignKey("lms.Training", on_delete=models.PROTECT, related_name="approvals")
    body = models.ForeignKey(AccreditingBody, on_delete=models.PROTECT, related_name="approvals")
    approval_number = models.CharField(max_length=100, blank=True)
    sponsor_number = models.CharField("provider or sponsor number", max_length=100, blank=True)
    valid_from = models.DateField()
    valid_until = models.DateField()
    credentials = models.ManyToManyField(Credential, related_name="approvals", blank=True)
    approval_statement = models.TextField(
        blank=True,
        help_text="Leave empty to print the body's statement. Same placeholders as the body's.",
    )

    panels = [
        FieldPanel("training"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("approval_number"), FieldPanel("sponsor_number")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("credentials", widget=forms.CheckboxSelectMultiple),
        InlinePanel("category_hours", heading="Credit hours by category", label="Category"),
        FieldPanel("approval_statement"),
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
        """{category code: hours} in print order (general first); reads prefetched rows."""
        rows = sorted(
            self.category_hours.all(),
            key=lambda row: (row.category.sort_order, row.category.name),
        )
        return {row.category.code: row.hours for row in rows}

    def hours_set(self, hours: dict[str, Decimal]) -> None:
        """Set the hours of each category named by code ({"general": 2, "ethics": 1}); a zero
        removes the category's row."""
        categories = {c.code: c for c in CreditCategory.objects.filter(code__in=list(hours))}
        for code, amount in hours.items():
            if code not in categories:
                raise ValueError(f"no credit category {code!r}")
            if amount:
                ApprovalCategoryHours.objects.update_or_create(
                    approval=self, category=categories[code], defaults={"hours": amount}
                )
            else:
                ApprovalCategoryHours.objects.filter(
                    approval=self, category=categories[code]
                ).delete()

    @property
    def provider_number(self) -> str:
        """The approval's own provider or sponsor number, else the body's."""
        return self.sponsor_number or self.body.provider_number

    @property
    def statement_template(self) -> str:
        return self.approval_statement or self.body.approval_statement


class ApprovalCategoryHours(models.Model):
    """The hours one approval grants in one credit category."""

    approval = ParentalKey(
        TrainingApproval, on_delete=models.CASCADE, related_name="category_hours"
    )
    category = models.ForeignKey(CreditCategory, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("hours")])]

    class Meta:
        ordering = ["category__sort_order", "category__name"]
        verbose_name_plural = "approval hours by category"
        constraints = [
            models.UniqueConstraint(
                fields=["approval", "category"], name="one_hours_row_per_category"
            )
        ]

    def __str__(self):
        return f"{self.category}: {self.hours}"


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
    # The training's other approvals, printed below this one: certificates.approvals.
    other_approvals = models.JSONField(default=list, blank=True)
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
        """[(label, hours)] in the categories' print order. (The stored JSON's key order is
        the database's: PostgreSQL's jsonb sorts keys, SQLite keeps them as written.)"""
        labels = CreditCategory.labels()
        order = {code: position for position, code in enumerate(labels)}
        items = sorted(self.hours.items(), key=lambda item: order.get(item[0], len(order)))
        return [(labels.get(c, c), Decimal(h)) for c, h in items]

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


class RosterExport(models.Model):
    """One download of a body's roster of completions: who, when, which certificates, and
    the rows refused (license number missing or malformed). Never edited."""

    class Format(models.TextChoices):
        CSV = "csv", "Roster, CSV"
        XLSX = "xlsx", "Roster, XLSX"
        CE_BROKER = "ce_broker", "CE Broker upload (XLSX)"

    body = models.ForeignKey(AccreditingBody, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        "lms.Session", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    format = models.CharField(max_length=12, choices=Format.choices)
    certificates = models.ManyToManyField(Certificate, related_name="roster_exports", blank=True)
    refused = models.JSONField(default=list, blank=True)  # [{"serial", "name", "reason"}]
    file = models.FileField(upload_to="rosters/%Y/", storage=private_storage, blank=True)
    reported = models.BooleanField(
        default=False, help_text="Staff send this file to the body: the session counts as reported."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        what = self.session or f"{self.period_start} – {self.period_end}"
        return f"{self.body} roster: {what}"


# --- The renewal tracker ---------------------------------------------------------------------
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting  # noqa: E402


class RenewalRequirement(ClusterableModel):
    """What one renewal period of a license requires: total hours, and hours in particular
    categories (ethics, cultural competence, ...). Hours in a category count toward the total."""

    credential = models.OneToOneField(
        Credential, on_delete=models.PROTECT, related_name="renewal_requirement"
    )
    total_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="All CE hours one renewal period requires, including the categories below.",
    )
    notes = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown to participants, for example where the rule comes from.",
    )

    panels = [
        FieldPanel("credential"),
        FieldPanel("total_hours"),
        FieldPanel("notes"),
        InlinePanel("category_hours", label="Hours required in a category"),
    ]

    class Meta:
        ordering = ["credential__code"]

    def __str__(self):
        return f"{self.credential.code}: {self.total_hours} hours per renewal period"


class RenewalCategoryHours(models.Model):
    requirement = ParentalKey(
        RenewalRequirement, on_delete=models.CASCADE, related_name="category_hours"
    )
    category = models.ForeignKey(CreditCategory, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("hours")])]

    class Meta:
        ordering = ["category__sort_order", "category__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "category"], name="one_renewal_line_per_category"
            )
        ]

    def __str__(self):
        return f"{self.category}: {self.hours}"


@register_setting(icon="time")
class RenewalTrackerSettings(BaseGenericSetting):
    """How CE reported from elsewhere counts (Settings → Renewal tracker)."""

    outside_ce_counts_immediately = models.BooleanField(
        default=False,
        verbose_name="CE from elsewhere counts at once, marked self-reported",
        help_text="Off: it counts once staff accept it. On: it counts as soon as the "
        "participant adds it, marked self-reported, and staff can still accept or reject it.",
    )

    class Meta:
        verbose_name = "renewal tracker"


def _outside_credit_storage():
    return private_storage()


class OutsideCredit(StateMachine, models.Model):
    """CE a participant earned elsewhere and reports for their renewal tracker, with the PDF
    of that certificate. Pending until staff accept or reject it; self-reported (counting at
    once) when RenewalTrackerSettings says so."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for staff"
        SELF_REPORTED = "self_reported", "Self-reported"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    TRANSITIONS = {
        Status.PENDING: {Status.SELF_REPORTED, Status.ACCEPTED, Status.REJECTED},
        Status.SELF_REPORTED: {Status.ACCEPTED, Status.REJECTED},
        Status.ACCEPTED: set(),
        Status.REJECTED: set(),
    }
    COUNTING = (Status.SELF_REPORTED, Status.ACCEPTED)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outside_credits"
    )
    credential = models.CharField(
        max_length=10, blank=True, help_text="The license it was reported for."
    )
    provider = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    completed_on = models.DateField()
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    category = models.ForeignKey(CreditCategory, on_delete=models.PROTECT, related_name="+")
    certificate_file = models.FileField(
        upload_to="outside-ce/%Y/%m/", storage=_outside_credit_storage, max_length=200
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = "CE from elsewhere"
        verbose_name_plural = "CE from elsewhere"

    def __str__(self):
        return f"{self.title} ({self.provider}, {self.completed_on:%b %-d, %Y})"

    @property
    def counts(self) -> bool:
        return self.status in self.COUNTING
