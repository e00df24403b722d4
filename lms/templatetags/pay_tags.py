"""{% load pay_tags %}: money in cents shown as dollars ({{ line.amount_cents|dollars }})."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

from lms.money import dollars as format_dollars

register = template.Library()


@register.filter
def dollars(cents):
    if cents in (None, ""):
        return ""
    return format_dollars(int(cents))


@register.filter
def hours(value):
    """Decimal hours for display: 3.0000 → "3", 1.5833 → "1.58"."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
