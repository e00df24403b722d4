"""CE approvals and credit rules. The credit computation itself is certificates.credit
(pure); certificates.selectors feeds it from attendance records.

Certificate and transcript models arrive with the certificates issue.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


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
