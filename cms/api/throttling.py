"""Rate limits: per key, or per client address without one; the same fixed-window counters as
the rest of the site (lms.rate_limits), shared by every process when the cache is Redis."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from lms.client_address import client_address
from lms.models import ApiKey
from lms.rate_limits import rate_limit_hit

WINDOW_SECONDS = 60


class ApiRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        key = request.auth
        if isinstance(key, ApiKey):
            over = rate_limit_hit(
                scope="api-key",
                key=str(key.pk),
                limit=settings.API_KEY_REQUESTS_PER_MINUTE,
                window_seconds=WINDOW_SECONDS,
            )
        else:
            over = rate_limit_hit(
                scope="api",
                key=client_address(request) or "",
                limit=settings.API_PUBLIC_REQUESTS_PER_MINUTE,
                window_seconds=WINDOW_SECONDS,
            )
        return not over

    def wait(self):
        return WINDOW_SECONDS


class VerifyRateThrottle(BaseThrottle):
    """Verification by code also counts against the verification page's own limit per address
    (CERTIFICATE_VERIFY_PER_MINUTE), so the API is no way around it."""

    def allow_request(self, request, view):
        return not rate_limit_hit(
            scope="verify",
            key=client_address(request) or "",
            limit=settings.CERTIFICATE_VERIFY_PER_MINUTE,
            window_seconds=WINDOW_SECONDS,
        )

    def wait(self):
        return WINDOW_SECONDS
