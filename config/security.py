"""Security plumbing that is configuration rather than business rules: the content security
policy middleware. (Sign-in throttling is in lms/accounts.py and lms/client_address.py.)
See docs/security.md."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two additions made per request, from current settings:

    - the origins of STRIPE_JS_URL and STRIPE_API_BASE (localstripe in dev and test, which
      listens on a port chosen at start-up) may serve scripts, frames and API calls;
    - the Wagtail admin (staff only) may run inline scripts, which Wagtail 7.4's own chooser
      widgets, inline panels and date pickers still write (Wagtail's CSP work is open,
      wagtail/roadmap#92). Styles stay 'self' there too: our admin CSS comes as a static
      file through Wagtail's insert_global_admin_css hook (docs/decisions.md).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        stripe = sorted(
            {o for o in (_origin(settings.STRIPE_JS_URL), _origin(settings.STRIPE_API_BASE)) if o}
        )
        update = {
            "script-src": stripe,
            "frame-src": stripe,
            "connect-src": stripe,
        }
        if request.path_info.startswith(ADMIN_PREFIX):
            update["script-src"] = [*stripe, "'unsafe-inline'"]
        for directive, values in (parts.update or {}).items():
            update[directive] = [*update.get(directive, []), *values]
        parts.update = update
        return parts
