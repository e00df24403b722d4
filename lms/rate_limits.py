"""Rate limits: fixed-window counters in the cache, shared by every process when the cache is
Redis (REDIS_URL). Used by certificate verification, registration and the TA request form;
logins are throttled separately by django-axes (see docs/security.md)."""

import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from lms.client_address import client_address

logger = logging.getLogger(__name__)


def rate_limit_hit(*, scope: str, key: str, limit: int, window_seconds: int = 60) -> bool:
    """Count one request for (scope, key) in the current window; True once over `limit`."""
    window = int(timezone.now().timestamp()) // window_seconds
    cache_key = f"rate:{scope}:{key}:{window}"
    try:
        cache.add(cache_key, 0, timeout=window_seconds * 2)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # evicted between add and incr
            cache.set(cache_key, 1, timeout=window_seconds * 2)
            count = 1
    except Exception:
        logger.warning("Rate limit %s not counted: the cache is unavailable", scope)
        return False
    return count > limit


def client_key(request) -> str:
    """The signed-in person, or else the client address (lms/client_address.py)."""
    if request.user.is_authenticated:
        return f"user-{request.user.pk}"
    return f"ip-{client_address(request) or ''}"


def too_many_response(request, *, what: str, retry_after_seconds: int):
    minutes = max(1, round(retry_after_seconds / 60))
    response = render(
        request,
        "rate_limited.html",
        {"what": what, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(retry_after_seconds)
    return response


def rate_limited(*, scope: str, limit_setting: str, what: str, window_seconds: int = 3600):
    """Refuse POSTs beyond settings.<limit_setting> per window and client with a 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and rate_limit_hit(
                scope=scope,
                key=client_key(request),
                limit=getattr(settings, limit_setting),
                window_seconds=window_seconds,
            ):
                return too_many_response(request, what=what, retry_after_seconds=window_seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
