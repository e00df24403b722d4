from decimal import Decimal

from django import template

from lms.rules.credit import hours_text

register = template.Library()


@register.filter
def hours(value) -> str:
    """3.00 → "3", 2.50 → "2.5" (lms.rules.credit.hours_text)."""
    if value in (None, ""):
        return ""
    return hours_text(Decimal(value))
