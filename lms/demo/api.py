"""Integrations: an API key for Prairie State Housing Collaborative's HR system, issued by
Program staff, addressed to its coordinator (Morgan Ellis) for invoices; and the coalition's
webhook endpoint, pointing at the demo's own receiver (/dev/webhooks/), for every event.

A key is shown once; so that the demo can print one to try, each run revokes the previous
demo key and issues a new one (the admin lists both, one revoked)."""

from django.conf import settings
from django.urls import reverse

from lms.demo.people import coalition_staff
from lms.models import ApiKey, ApiScope, Organization, User, WebhookEndpoint, WebhookEventType
from lms.services.api_keys import api_key_issue, api_key_revoke
from lms.services.webhooks import webhook_endpoint_save

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


def seed_webhooks_demo() -> WebhookEndpoint:
    url = settings.SITE_URL + reverse("lms:dev_webhooks")
    existing = WebhookEndpoint.objects.filter(url=url, organization=None).first()
    if existing:
        return existing
    return webhook_endpoint_save(
        endpoint=WebhookEndpoint(
            url=url,
            description="The demo's receiver: watch deliveries arrive at /dev/webhooks/",
            events=list(WebhookEventType.values),
        ),
        by=coalition_staff(),
    )
