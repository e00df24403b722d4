"""Sliding-scale fee schedules. Prices are whole cents; lms.rules.pricing does the sums."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from lms.models.people import BudgetBand


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
    price_cents = models.PositiveIntegerField(
        default=0, help_text="Price in cents; for pay-what-you-can, the suggested amount."
    )
    minimum_cents = models.PositiveIntegerField(null=True, blank=True)
    maximum_cents = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["schedule", "sort_order", "price_cents"]

    def __str__(self):
        return f"{self.label} (${self.price_cents / 100:,.2f})"
