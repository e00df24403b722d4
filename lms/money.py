"""Money as integer cents in a model field that staff edit in dollars.

`CentsField` stores whole cents (PositiveIntegerField) and gives forms a `DollarsField`, so
staff type "75.00" and the database keeps 7500. Nothing here rounds: an amount with more than
two decimals is refused, not rounded. `dollars` formats cents for people ("$1,234.50"); the
`{% load money %}` filter is the same in templates. Models import this module, never a service.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator
from django.db import models


def dollars(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents) / 100:,.2f}"


class DollarsField(forms.DecimalField):
    """A form field shown in dollars and cleaned to whole cents (an int)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 12)
        super().__init__(**kwargs)
        # The value after cleaning is cents (an int); DecimalValidator only reads Decimals.
        self.validators = [v for v in self.validators if not isinstance(v, DecimalValidator)]
        self.widget.attrs.setdefault("step", "0.01")

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{Decimal(value) / 100:.2f}"
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            amount = Decimal(str(value).strip().replace("$", "").replace(",", ""))
        except InvalidOperation:
            raise ValidationError(
                "Enter an amount in dollars, for example 75.00.", code="invalid"
            ) from None
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            raise ValidationError("Enter dollars and at most two decimals (cents).", code="invalid")
        return int(amount * 100)

    def validate(self, value):
        forms.Field.validate(self, value)


class CentsField(models.PositiveIntegerField):
    """Whole cents in the database, dollars in forms."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DollarsField, **kwargs})
