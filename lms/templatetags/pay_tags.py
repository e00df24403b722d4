"""{% load pay_tags %}: hours for pay statements ({{ line.hours|hours }}). Money is
{% load money %} ({{ line.amount_cents|dollars }})."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def hours(value):
    """Decimal hours for display: 3.0000 → "3", 1.5833 → "1.58"."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
