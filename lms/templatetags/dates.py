"""{% load dates %}: {{ meeting.starts_at|when:"long_datetime" }}, the styles of lms/dates.py."""

from django import template

from lms.dates import STYLES, when_text

register = template.Library()


@register.filter
def when(value, style: str = "datetime") -> str:
    # Checked before the value: a wrong style name is a template bug, never a blank date.
    if style not in STYLES:
        raise template.TemplateSyntaxError(f"when: unknown style {style!r}")
    return when_text(value, style)
