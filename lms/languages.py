"""Addresses in each language: English pages keep their addresses, Spanish ones are the same
addresses under /es/ (config/urls.py, i18n_patterns without a prefix for English)."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, ngettext

from lms.rules.languages import LANGUAGE_NAMES, language_code_of
from lms.rules.money import hours_text

# The names a training's "taught in" is written with, for the translators.
NAMES = {"en": gettext_noop("English"), "es": gettext_noop("Spanish")}


def active_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def url_in_language(url: str, language: str) -> str:
    """An address of this site (a path, with or without its query) in `language`:
    /trainings/ ↔ /es/trainings/. Unchanged when it is not one of ours (an outside link)."""
    # Django resolves the address in the active language, so read it in its own first.
    written_in = translation.get_language_from_path(url) or settings.LANGUAGE_CODE
    with translation.override(written_in):
        return translate_url(url, language)


def language_name(name: str) -> str:
    """A language as a training record names it ("Spanish"), in the page's language
    ("Español" reads "Español", in English "Spanish"); a name we do not know stays as written."""
    words = (name or "").strip()
    if not any(alias in words.lower() for aliases in LANGUAGE_NAMES.values() for alias in aliases):
        return words
    if " " in words:  # "English and Spanish": written by a person, keep their words
        return words
    return gettext(NAMES[language_code_of(words)])


def ce_hours_text(hours) -> str:
    """CE hours written one way everywhere, in the page's language: "3 CE hours", "1 CE hour",
    "2.5 CE hours", "3 horas de educación continua (CE)"."""
    text = hours_text(hours)
    return ngettext("%(hours)s CE hour", "%(hours)s CE hours", 1 if text == "1" else 2) % {
        "hours": text
    }
