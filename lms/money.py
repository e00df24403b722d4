"""Money as integer cents in a model field that staff edit in dollars.

`CentsField` stores whole cents (PositiveIntegerField) and gives forms a `DollarsField`, so
staff type "75.00" and the database keeps 7500. Every amount a person types, on the public
site or in the admin, goes through `DollarsField`, which reads it with the one parser,
`lms.rules.money.cents_from_dollars` (no rounding; "5,5" refused). Formatting for people is
`lms.rules.money.dollars`, and `{% load numbers %}` in templates. Models import this module,
never a service.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from lms.rules.money import AmountError, cents_from_dollars, dollars, dollars_plain


class DollarsField(forms.CharField):
    """A form field shown in dollars and cleaned to whole cents (an int), or None when empty.

    `min_value` and `max_value` are in cents, like the value it cleans to."""

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, int):
            return dollars_plain(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return cents_from_dollars(value)
        except AmountError as exc:
            raise ValidationError(exc.message, code="invalid") from exc

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(f"Enter at least {dollars(self.min_value)}.", code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(f"Enter at most {dollars(self.max_value)}.", code="max_value")


class CentsField(models.PositiveIntegerField):
    """Whole cents in the database, dollars in forms."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DollarsField, **kwargs})
