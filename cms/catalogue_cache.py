"""The catalogue's filters and results, cached as one HTML fragment per query string.

Building /trainings/ costs ~50 ms of Python (the annotated catalogue query compiled twice,
twelve cards rendered); the fragment from the cache costs a fraction of that. A version
number in the cache key is bumped on any change that shows in the catalogue (trainings,
sessions, meetings, registrations, fees, terms, pages), so a change shows at once in the
process that made it, and in every process when the cache is shared (Redis at scale).
CATALOGUE_CACHE_SECONDS bounds what a process with its own local cache may show stale, for
example seats left after a registration confirmed by the worker. The seat itself is always
checked under lock when someone registers. 0 turns the cache off (the test settings do).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from cms.catalogue import catalogue_context

VERSION_KEY = "cms:catalogue:version"


def catalogue_version() -> int:
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def catalogue_version_bump(**_signal_kwargs) -> None:
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def catalogue_fragment(*, page, request) -> dict:
    """{"catalogue_html", "search_words", "page_number"} for the catalogue page template."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    key = None
    if seconds:
        query = hashlib.sha256(request.META.get("QUERY_STRING", "").encode()).hexdigest()
        # The same filters read differently in each language: one fragment per language.
        language = translation.get_language()
        key = f"cms:catalogue:{page.pk}:{language}:{catalogue_version()}:{query}"
        cached = cache.get(key)
        if cached is not None:
            return cached
    context = catalogue_context(page=page, request=request)
    fragment = {
        "catalogue_html": render_to_string(
            "cms/includes/catalogue_results.html", {**context, "page": page}, request=request
        ),
        "search_words": context["search_words"],
        "page_number": context["page_obj"].number,
        "calendar_url": context["calendar_url"],
    }
    if key:
        cache.set(key, fragment, seconds)
    return fragment
