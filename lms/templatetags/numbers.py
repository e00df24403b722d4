"""{% load numbers %}: the two numbers people read, from lms.rules.money.

{{ amount_cents|dollars }} → "$45.00"; {{ hours|hours }} → "3", "2.5", "1.58";
{{ hours|ce_hours }} → "3 CE hours"; {{ session.time_zone|zone_label }} → "Central Time"
(inside {% timezone %}, `{% get_current_timezone as zone %}{{ zone|zone_label }}`).
"""

from django import template

from lms.rules import money, time_zones

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


@register.filter
def ce_hours(value) -> str:
    if value in (None, ""):
        return ""
    return money.ce_hours_text(value)


@register.filter
def zone_label(value) -> str:
    return time_zones.zone_label(str(value or ""))


@register.simple_tag
def current_zone_label() -> str:
    """The active time zone's label, for use inside {% timezone session.time_zone %}."""
    from django.utils import timezone

    return time_zones.zone_label(timezone.get_current_timezone_name())
