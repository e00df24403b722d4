"""Whole responses for anonymous visitors to the public pages: home, catalogue, training pages.

A registration opening brings hundreds of people to the same few pages at once, nearly all of
them signed out. For them the answer is the same bytes, so the middleware keeps the finished
response (headers included) and answers the next anonymous GET before sessions, CSRF,
authentication and Wagtail's routing run.

- **Which pages**: only responses a page marks with `public_page_cacheable` (the serve() of
  `PublicPageCacheMixin`), status 200 and with no cookie set. Everything else passes through.
- **Who**: a request with no session or messages cookie. Signed-in people (and anyone with a
  session, such as a visitor part-way through a password-protected page) always get a fresh
  page; the catalogue fragment cache still serves them.
- **Staleness**: the key carries the catalogue's version, which model signals bump on any
  change a public page shows (cms.signals: pages published or unpublished, trainings,
  sessions, meetings, fee schedules, approvals, registrations and waitlist offers, so seats
  left too). Where the cache is shared (Redis) a change shows at once everywhere;
  PUBLIC_PAGE_CACHE_SECONDS bounds what a per-process cache, or a hold that runs out by
  time, may show stale. 0 turns it off (the test settings do).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from cms.catalogue_cache import catalogue_version

# Headers that belong to one visitor's response and are never replayed.
_PERSONAL_HEADERS = {"set-cookie"}


class PublicPageCacheMixin:
    """For Wagtail pages whose public view is the same for every signed-out visitor."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.public_page_cacheable = True
        return response


def _key(request) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"cms:page:{catalogue_version()}:{digest}"


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or not _anonymous(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            return _replay(stored)
        response = self.get_response(request)
        if _storable(response):
            cache.set(key, _stored(response), seconds)
        return response


def _storable(response) -> bool:
    return (
        getattr(response, "public_page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


def _stored(response) -> dict:
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in _PERSONAL_HEADERS
    ]
    return {"content": response.content, "headers": headers}


def _replay(stored: dict) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"]:
        response[name] = value
    return response
