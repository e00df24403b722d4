"""Dates and times written as people write them in the active language (es-US or en-US).

`when_text(value, "long_datetime")` → "Monday, December 7, 2026, 9:30 AM" in English,
"lunes, 7 de diciembre de 2026, 9:30 a. m." in Spanish. Pages use the `when` filter
({% load dates %}); emails and messages built in Python call this. Callers name a style, never
a format string, so a third language is one more column here. Datetimes are shown in the
current time zone, as Django's `date` filter does.
"""

import datetime as dt

from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format

# style -> format per language, in Django's date-format syntax; "{ampm}" stands for the
# language's way of writing a.m./p.m. (Django's own Spanish "AM" is not what es-US writes),
# and Spanish abbreviates months in lower case ("b": "dic", where "M" gives "Dic").
STYLES = {
    "date": {"en": "F j, Y", "es": r"j \d\e F \d\e Y"},
    "short_date": {"en": "M j, Y", "es": "j b Y"},
    "long_date": {"en": "l, F j, Y", "es": r"l, j \d\e F \d\e Y"},
    "day_date": {"en": "D, M j, Y", "es": "D j b Y"},
    "day_short": {"en": "D, M j", "es": "D j b"},
    "weekday_day": {"en": "l, F j", "es": r"l, j \d\e F"},
    "month_day": {"en": "M j", "es": "j b"},
    "time": {"en": "g:i {ampm}", "es": "g:i {ampm}"},
    "time_seconds": {"en": "g:i:s {ampm}", "es": "g:i:s {ampm}"},
    "short_datetime": {"en": "M j, Y g:i {ampm}", "es": "j b Y, g:i {ampm}"},
    "datetime": {"en": "F j, Y, g:i {ampm}", "es": r"j \d\e F \d\e Y, g:i {ampm}"},
    "long_datetime": {"en": "l, F j, Y, g:i {ampm}", "es": r"l, j \d\e F \d\e Y, g:i {ampm}"},
    "day_datetime": {"en": "D, M j, Y g:i {ampm}", "es": "D j b Y, g:i {ampm}"},
    "day_time": {"en": "M j, g:i {ampm}", "es": "j b, g:i {ampm}"},
    "month_day_time": {"en": "F j, g:i {ampm}", "es": r"j \d\e F, g:i {ampm}"},
}
AM_PM = {"en": ("A", "A"), "es": (r"\a. \m.", r"\p. \m.")}


def _language() -> str:
    language = (translation.get_language() or "en").split("-")[0]
    return language if language in AM_PM else "en"


def when_text(value, style: str = "datetime") -> str:
    if value in (None, ""):
        return ""
    language = _language()
    pattern = STYLES[style][language]
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # before a.m./p.m. is chosen from the hour
    if "{ampm}" in pattern:
        am, pm = AM_PM[language]
        pattern = pattern.replace("{ampm}", pm if value.hour >= 12 else am)
    if isinstance(value, dt.datetime):
        return date_format(value, pattern)
    if isinstance(value, dt.time):
        return time_format(value, pattern)
    return date_format(value, pattern)
