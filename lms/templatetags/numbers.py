"""{% load numbers %}: the two numbers people read, from lms.rules.money.

{{ amount_cents|dollars }} → "$45.00"; {{ hours|hours }} → "3", "2.5", "1.58".
"""

from django import template

from lms.rules import money

register = template.Library()


@register.filter
def dollars(cents) -> str:
    if cents in (None, ""):
        return ""
    return money.dollars(int(cents))


@register.filter
def hours(value) -> str:
    if value in (None, ""):
        return ""
    return money.hours_text(value)
