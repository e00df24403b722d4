"""Sliding-scale fee schedules. Prices are whole cents; lms.rules.pricing does the sums."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from lms.models.people import BudgetBand
from lms.money import CentsField
from lms.rules.money import dollars


class FeeSchedule(ClusterableModel):
    name = models.CharField(max_length=200)
    partner_discount_percent = models.PositiveSmallIntegerField(
        default=0, help_text="Discount for coalition partners with current partner support."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class FeeTier(models.Model):
    class Kind(models.TextChoices):
        ORGANIZATION = "organization", "Organization-paid (by budget)"
        COMMUNITY = "community", "Individual – community"
        STANDARD = "standard", "Individual – standard"
        SUPPORTER = "supporter", "Individual – supporter (pay it forward)"
        PAY_WHAT_YOU_CAN = "pwyc", "Pay what you can"

    schedule = ParentalKey(FeeSchedule, on_delete=models.CASCADE, related_name="tiers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    budget_band = models.CharField(
        max_length=20,
        choices=BudgetBand.choices,
        blank=True,
        help_text="For organization tiers: the budget band this price is for.",
    )
    price_cents = CentsField(
        "price", default=0, help_text="In dollars; for pay what you can, the suggested amount."
    )
    minimum_cents = CentsField(
        "minimum", null=True, blank=True, help_text="Pay what you can: the least, in dollars."
    )
    maximum_cents = CentsField(
        "maximum", null=True, blank=True, help_text="Pay what you can: the most, in dollars."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["schedule", "sort_order", "price_cents"]

    def __str__(self):
        return f"{self.label} ({dollars(self.price_cents)})"
