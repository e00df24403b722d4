from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """3.00 → "3", 2.50 → "2.5"."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value).normalize():f}"
