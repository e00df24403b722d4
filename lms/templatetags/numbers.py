"""{% load numbers %}: the two numbers people read, from lms.rules.money, in the page's
language (lms.languages).

{{ amount_cents|dollars }} → "$45.00"; {{ hours|hours }} → "3", "2.5", "1.58";
{{ hours|ce_hours }} → "3 CE hours" / "3 horas de educación continua (CE)";
{{ session.time_zone|zone_label }} → "Central Time" / "hora del Centro"
(inside {% timezone %}, `{% get_current_timezone as zone %}{{ zone|zone_label }}`).
"""

from django import template
from django.utils.translation import gettext, gettext_noop

from lms.languages import ce_hours_text
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
    return ce_hours_text(value)


# The zone names of lms.rules.time_zones, for the translators.
ZONE_NAMES = [
    gettext_noop("Eastern Time"),
    gettext_noop("Central Time"),
    gettext_noop("Mountain Time"),
    gettext_noop("Arizona Time"),
    gettext_noop("Pacific Time"),
    gettext_noop("Alaska Time"),
    gettext_noop("Hawaii Time"),
    gettext_noop("Atlantic Time"),
    gettext_noop("Coordinated Universal Time (UTC)"),
]


def _zone_text(name: str) -> str:
    label = time_zones.zone_label(name)
    return gettext(label) if label in ZONE_NAMES else label


@register.filter
def zone_label(value) -> str:
    return _zone_text(str(value or ""))


@register.simple_tag
def current_zone_label() -> str:
    """The active time zone's label, for use inside {% timezone session.time_zone %}."""
    from django.utils import timezone

    return _zone_text(timezone.get_current_timezone_name())
