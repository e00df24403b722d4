"""Integrations: an API key for Prairie State Housing Collaborative's HR system, issued by
Program staff, addressed to its coordinator (Morgan Ellis) for invoices.

A key is shown once; so that the demo can print one to try, each run revokes the previous
demo key and issues a new one (the admin lists both, one revoked)."""

from lms.demo.people import coalition_staff
from lms.models import ApiKey, ApiScope, Organization, User
from lms.services.api_keys import api_key_issue, api_key_revoke

DEMO_KEY_NAME = "Prairie State HR system (demo)"


def seed_api_demo() -> str | None:
    """Issue the demo key; returns its secret to print (None without the coordinator)."""
    organization = Organization.objects.filter(name="Prairie State Housing Collaborative").first()
    coordinator = User.objects.filter(email="coordinator@demo.test").first()
    if organization is None or coordinator is None:
        return None
    staff = coalition_staff()
    for old in ApiKey.objects.filter(name=DEMO_KEY_NAME, revoked_at__isnull=True):
        api_key_revoke(key=old, by=staff)
    return api_key_issue(
        organization=organization,
        name=DEMO_KEY_NAME,
        scopes=list(ApiScope.values),
        coordinator=coordinator,
        by=staff,
    ).secret
