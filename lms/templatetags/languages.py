"""{% load languages %}: the same page in the other language.

English pages keep their addresses; Spanish ones are the same addresses under /es/
(config/urls.py). `{% language_links %}` gives, for the page being shown, each language with
its address, for the switcher in the header and the hreflang alternates in the <head>;
`{% localized_url page_or_path %}` turns an English address into the current language's.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def in_language(url: str, language: str) -> str:
    """`url` (a path, with or without its query) in `language`; unchanged when it is not one
    of ours (an outside link, a file)."""
    # Django resolves the address in the active language, so read it in its own first.
    written_in = translation.get_language_from_path(url) or settings.LANGUAGE_CODE
    with translation.override(written_in):
        return translate_url(url, language)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": in_language(here, code),
            "absolute_url": request.build_absolute_uri(in_language(here, code)),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag
def localized_url(target) -> str:
    """A Wagtail page's address (or a path) in the language being shown."""
    url = target if isinstance(target, str) else (target.url or "")
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return url
    return in_language(url, language)
