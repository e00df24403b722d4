"""{% load money %}: {{ amount_cents|dollars }} → "$45.00"."""

from django import template

from lms.rules.pricing import dollars as format_dollars

register = template.Library()


@register.filter
def dollars(cents) -> str:
    if cents in (None, ""):
        return ""
    return format_dollars(int(cents))
