"""Staff issue a key in the Wagtail admin: the key shows once, only its digest is kept, and
staff revoke it there; the requests made with it are listed."""

import re

import pytest
from django.urls import reverse

from lms.models import ApiKey, ApiScope
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_staff_issue_a_key_that_shows_once_and_revoke_it(staff_client, client, world):
    response = staff_client.post(
        reverse("lms_api_keys:add"),
        {
            "organization": world.a.organization.pk,
            "name": "Northside HR",
            "coordinator": world.a.contact.pk,
            "scopes": [ApiScope.READ_REGISTRATIONS, ApiScope.CREATE_REGISTRATIONS],
        },
    )
    assert response.status_code == 200
    secret = re.search(rb'value="(cce_[^"]+)"', response.content).group(1).decode()
    key = ApiKey.objects.get()
    assert key.scopes == sorted([ApiScope.READ_REGISTRATIONS, ApiScope.CREATE_REGISTRATIONS])
    assert key.created_by is not None
    # Shown once: neither the listing nor the key's page has it again.
    for url in (reverse("lms_api_keys:index"), reverse("lms_api_keys:inspect", args=[key.pk])):
        page = staff_client.get(url)
        assert page.status_code == 200
        assert secret.encode() not in page.content and key.prefix.encode() in page.content

    assert client.get(reverse("api:registrations"), **bearer(secret)).status_code == 200
    uses = staff_client.get(reverse("lms_api_key_uses:for_key", args=[key.pk]), follow=True)
    assert b"/api/v1/registrations/" in uses.content

    revoke = staff_client.post(reverse("lms_api_keys:revoke", args=[key.pk]), {})
    assert revoke.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert client.get(reverse("api:registrations"), **bearer(secret)).status_code == 401


def test_a_key_that_registers_needs_a_contact_of_the_organization(staff_client, world):
    response = staff_client.post(
        reverse("lms_api_keys:add"),
        {
            "organization": world.a.organization.pk,
            "name": "Northside HR",
            "coordinator": world.b.contact.pk,  # the other organization's contact
            "scopes": [ApiScope.CREATE_REGISTRATIONS],
        },
    )
    assert response.status_code == 200
    assert b"is not a contact of Northside Family Services" in response.content
    assert not ApiKey.objects.exists()
