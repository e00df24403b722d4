"""Discount codes: a percentage or a fixed amount off, with a usage cap and validity dates."""

from django.core.exceptions import ValidationError
from django.db import models

from lms.money import CentsField


class DiscountCode(models.Model):
    code = models.CharField(
        max_length=40, unique=True, help_text="What people type; matched without regard to case."
    )
    description = models.CharField(max_length=200, blank=True)
    percent_off = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Percentage off (1–100). Leave empty for an amount off."
    )
    amount_off_cents = CentsField(
        "amount off",
        null=True,
        blank=True,
        help_text="In dollars, like 10.00. Leave empty for a percentage.",
    )
    fee_schedule = models.ForeignKey(
        "lms.FeeSchedule",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discount_codes",
        help_text="Limit the code to one fee schedule; empty means every paid training.",
    )
    max_uses = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many registrations may use it; empty for no cap."
    )
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(percent_off__isnull=False, amount_off_cents__isnull=True)
                    | models.Q(percent_off__isnull=True, amount_off_cents__isnull=False)
                ),
                name="discount_is_percent_or_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(percent_off__isnull=True) | models.Q(percent_off__lte=100),
                name="discount_percent_at_most_100",
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)

    def clean(self):
        if (self.percent_off is None) == (self.amount_off_cents is None):
            raise ValidationError("Give either a percentage off or an amount off, not both.")
        if self.percent_off is not None and not 1 <= self.percent_off <= 100:
            raise ValidationError({"percent_off": "A percentage off is between 1 and 100."})
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": "The end must come after the start."})
