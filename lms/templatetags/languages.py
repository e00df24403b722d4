"""{% load languages %}: the same page in the other language.

English pages keep their addresses; Spanish ones are the same addresses under /es/
(config/urls.py). `{% language_links %}` gives, for the page being shown, each language with
its address, for the switcher in the header and the hreflang alternates in the <head>;
`{% localized_url page_or_path %}` turns an English address into the current language's.
"""

from django import template
from django.conf import settings
from django.utils import translation

from lms.languages import language_name as _language_name
from lms.languages import url_in_language as in_language

register = template.Library()


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


@register.filter
def language_name(name) -> str:
    """{{ training.language|language_name }}: "Spanish" → "Español" on a Spanish page."""
    return _language_name(str(name or ""))
