"""API keys: scopes, one organization's people only, revocation, rate limits, the use log,
and registering a named staff member through the invoice service."""

import pytest
from django.urls import reverse

from lms.models import ApiKey, ApiKeyUse, ApiScope, Invoice, Registration
from lms.services.api_keys import api_key_revoke
from tests.api.conftest import bearer, confirmed_member
from tests.factories import ProfileFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_key_is_stored_only_as_a_digest(world, issue_key):
    secret = issue_key(world.a)
    key = ApiKey.objects.get()
    assert secret.startswith(f"cce_{key.prefix}_")
    assert secret not in key.key_digest and len(key.key_digest) == 64
    assert not ApiKey.objects.filter(key_digest__contains=secret[12:]).exists()


@pytest.mark.parametrize(
    ("scopes", "url_name", "expected"),
    [
        ([ApiScope.READ_REGISTRATIONS], "api:registrations", 200),
        ([ApiScope.READ_CERTIFICATES], "api:registrations", 403),
        ([ApiScope.READ_CERTIFICATES], "api:certificates", 200),
        ([ApiScope.READ_REGISTRATIONS], "api:certificates", 403),
        ([ApiScope.CREATE_REGISTRATIONS], "api:registrations", 403),
    ],
)
def test_each_scope_opens_only_its_endpoints(client, world, issue_key, scopes, url_name, expected):
    response = client.get(reverse(url_name), **bearer(issue_key(world.a, scopes)))
    assert response.status_code == expected
    if expected == 403:
        assert response["Content-Type"] == "application/problem+json"
        assert "scope" in response.json()["detail"]


def test_organization_endpoints_need_a_key(client, world):
    for name in ("api:registrations", "api:certificates"):
        response = client.get(reverse(name))
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["status"] == 401


def test_a_key_sees_only_its_organizations_people(client, world, issue_key):
    a, b = bearer(issue_key(world.a)), bearer(issue_key(world.b))
    # Someone who only claims to work at A (not confirmed) stays invisible to A.
    claimant = ProfileFactory(
        organization=world.a.organization, organization_confirmed_on=None
    ).user
    RegistrationFactory(session=world.session, person=claimant)

    assert ids(client.get(reverse("api:registrations"), **a)) == {world.a.member_registration.pk}
    assert ids(client.get(reverse("api:registrations"), **b)) == {world.b.member_registration.pk}
    assert ids(client.get(reverse("api:certificates"), **a)) == {world.a.certificate.pk}
    other = world.b.member_registration
    assert client.get(reverse("api:registration", args=[other.pk]), **a).status_code == 404
    assert (
        client.get(reverse("api:certificate", args=[world.b.certificate.pk]), **a).status_code
        == 404
    )
    mine = client.get(reverse("api:certificate", args=[world.a.certificate.pk]), **a).json()
    assert mine["person"]["email"] == world.a.member_registration.person.email
    assert mine["verification_url"].endswith(f"/verify/{world.a.certificate.code}/")
    # Filtering by another organization's person's email finds nothing.
    assert not ids(client.get(reverse("api:registrations"), {"email": other.person.email}, **a))


def test_registering_a_staff_member_goes_on_the_organizations_invoice(
    client, world, issue_key, django_capture_on_commit_callbacks
):
    key = bearer(issue_key(world.a))
    payload = {
        "session": world.session.pk,
        "fee_tier": world.tiers["organization"].pk,
        "name": "Rosa Delgado",
        "email": "rosa@northside.example",
        "attested": True,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("api:registrations"), payload, content_type="application/json", **key
        )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "confirmed"
    assert created["person"] == {"name": "Rosa Delgado", "email": "rosa@northside.example"}
    assert created["amount_cents"] == 4500
    invoice = Invoice.objects.get()
    assert created["invoice"] == invoice.display_number
    assert invoice.organization == world.a.organization
    assert invoice.coordinator == world.a.contact
    assert invoice.pdf  # rendered after commit by the invoice task
    # The new registration is the organization's to read; not the other's.
    assert created["id"] in ids(client.get(reverse("api:registrations"), **key))
    other = bearer(issue_key(world.b))
    assert created["id"] not in ids(client.get(reverse("api:registrations"), **other))

    again = client.post(
        reverse("api:registrations"), payload, content_type="application/json", **key
    )
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    assert "already registered" in again.json()["detail"]


def test_the_services_rules_answer_as_problems(client, world, issue_key):
    key = bearer(issue_key(world.a))
    base = {"session": world.session.pk, "name": "Sam Lee", "email": "sam@northside.example"}
    not_attested = client.post(
        reverse("api:registrations"),
        {**base, "fee_tier": world.tiers["standard"].pk, "attested": False},
        content_type="application/json",
        **key,
    )
    assert not_attested.status_code == 422
    assert not_attested.json()["type"] == "urn:coalition-ce:problem:refused"
    world.session.capacity = 2  # both agencies' members already hold the two seats
    world.session.save()
    full = client.post(
        reverse("api:registrations"),
        {**base, "fee_tier": world.tiers["standard"].pk, "attested": True},
        content_type="application/json",
        **key,
    )
    assert full.status_code == 422
    assert "Only 0 seats left" in full.json()["detail"]
    invalid = client.post(
        reverse("api:registrations"),
        {**base, "fee_tier": 999999, "attested": True, "email": "not-an-email"},
        content_type="application/json",
        **key,
    )
    assert invalid.status_code == 400
    assert set(invalid.json()["errors"]) == {"email"}
    assert Registration.objects.filter(person__email="sam@northside.example").count() == 0


def test_registering_needs_the_write_scope(client, world, issue_key):
    key = bearer(issue_key(world.a, [ApiScope.READ_REGISTRATIONS]))
    response = client.post(
        reverse("api:registrations"),
        {
            "session": world.session.pk,
            "fee_tier": world.tiers["standard"].pk,
            "name": "Sam Lee",
            "email": "sam@northside.example",
            "attested": True,
        },
        content_type="application/json",
        **key,
    )
    assert response.status_code == 403


def test_a_revoked_key_is_refused_and_every_use_is_logged(client, world, issue_key):
    secret = issue_key(world.a, [ApiScope.READ_REGISTRATIONS])
    key = ApiKey.objects.get()
    assert client.get(reverse("api:registrations"), **bearer(secret)).status_code == 200
    assert client.get(reverse("api:certificates"), **bearer(secret)).status_code == 403
    api_key_revoke(key=key, by=None)
    refused = client.get(reverse("api:registrations"), **bearer(secret))
    assert refused.status_code == 401
    assert refused.json()["detail"] == "This API key was revoked."
    assert client.get(reverse("api:registrations"), **bearer("cce_nope_nope")).status_code == 401
    uses = list(ApiKeyUse.objects.filter(key=key).order_by("pk"))
    assert [(u.path, u.status_code) for u in uses] == [
        ("/api/v1/registrations/", 200),
        ("/api/v1/certificates/", 403),
        ("/api/v1/registrations/", 401),
    ]
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_a_key_is_rate_limited(client, world, issue_key, settings):
    settings.API_KEY_REQUESTS_PER_MINUTE = 2
    key = bearer(issue_key(world.a))
    answers = [client.get(reverse("api:registrations"), **key) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2]["Retry-After"] == "60"
    assert answers[2].json()["type"] == "urn:coalition-ce:problem:rate-limited"
    # Another organization's key has its own allowance.
    assert client.get(reverse("api:registrations"), **bearer(issue_key(world.b))).status_code == 200


def test_a_person_registered_by_the_organization_is_its_own_even_unconfirmed(
    client, world, issue_key
):
    # A member confirmed at B, registered by A on A's invoice, is visible to A for that
    # registration only (A made it), and B still sees its member's other registration.
    person = confirmed_member(world.b.organization, printed_name="Dual Role")
    own = RegistrationFactory(session=world.session, person=person)
    assert own.pk in ids(client.get(reverse("api:registrations"), **bearer(issue_key(world.b))))
    assert own.pk not in ids(client.get(reverse("api:registrations"), **bearer(issue_key(world.a))))
