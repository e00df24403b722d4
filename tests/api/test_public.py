"""The public API: trainings, sessions and verification, read through the site's selectors."""

import re

import pytest
from django.urls import reverse

from certificates.services import certificate_revoke
from tests.factories import RegistrationFactory, SessionFactory, StaffFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def test_trainings_list_published_trainings_with_price_range_ce_hours_and_language(client, world):
    TrainingFactory(title="Unpublished draft")  # no page: not in the catalogue
    response = client.get(reverse("api:trainings"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 1
    [training] = body["results"]
    assert training["id"] == world.session.training_id
    assert training["language"] == "English"
    assert training["price"] == {
        "label": "From $5, sliding scale",
        "low_cents": 500,
        "high_cents": 8500,
    }
    [ce] = training["ce_hours"]
    assert ce["hours_by_category"] == {"general": "2.5", "ethics": "0.5"}
    assert ce["total_hours"] == "3"
    assert training["topics"] == [{"slug": "supervision", "name": "Supervision"}]
    assert training["next_session_id"] == world.session.pk
    assert training["url"].endswith(f"/trainings/{world.session.training.slug}/")


def test_filters_as_on_the_site_and_bad_values_are_problems(client, world):
    assert client.get(reverse("api:trainings"), {"topic": "supervision"}).json()["count"] == 1
    assert client.get(reverse("api:trainings"), {"topic": "billing"}).json()["count"] == 0
    assert client.get(reverse("api:trainings"), {"price": "free"}).json()["count"] == 0
    response = client.get(reverse("api:sessions"), {"format": "underwater"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert problem["type"] == "urn:coalition-ce:problem:invalid-request"
    assert "format" in problem["errors"]
    assert problem["instance"] == "/api/v1/sessions/?format=underwater"


def test_a_session_says_seats_left_and_its_fee_tiers(client, world):
    url = reverse("api:session", args=[world.session.pk])
    session = client.get(url).json()
    assert session["capacity"] == 10
    assert session["seats_left"] == 8  # the two agencies' members
    assert session["booking_state"] == "open"
    assert [tier["label"] for tier in session["fee_tiers"]][:2] == [
        "Organization – budget under $500K",
        "Community rate",
    ]
    assert session["ce_hours"][0]["body"]
    assert session["register_url"].endswith(f"/sessions/{world.session.pk}/register/")
    RegistrationFactory(session=world.session)
    assert client.get(url).json()["seats_left"] == 7


def test_a_session_of_an_unpublished_training_is_not_found(client, world):
    hidden = SessionFactory()
    response = client.get(reverse("api:session", args=[hidden.pk]))
    assert response.status_code == 404
    assert response.json()["title"] == "Not Found"


def test_sessions_list_is_paginated(client, world):
    SessionFactory(training=world.session.training, meeting__days_ahead=30)
    first = client.get(reverse("api:sessions"), {"page_size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    assert first["next"] and "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["results"][0]["id"] != first["results"][0]["id"]
    assert client.get(reverse("api:sessions"), {"page": 9}).status_code == 404


def test_verification_by_code_as_json_follows_revocation(client, world):
    certificate = world.a.certificate
    url = reverse("api:certificate_verify", args=[certificate.code.lower()])
    body = client.get(url).json()
    assert body["valid"] is True and body["status"] == "valid"
    assert body["printed_name"] == certificate.printed_name
    assert body["verification_url"].endswith(f"/verify/{certificate.code}/")
    assert "person" not in body and "license_number" not in body
    certificate_revoke(certificate=certificate, reason="Left early", by=StaffFactory())
    body = client.get(url).json()
    assert body["valid"] is False and body["status"] == "revoked"
    assert body["revoked_reason"] == "Left early"
    missing = client.get(reverse("api:certificate_verify", args=["NOPE-NOPE"]))
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_the_schema_and_its_documentation_page(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/registrations/" in paths and "/api/v1/trainings/" in paths
    assert not any(path.startswith("/admin") for path in paths)
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    # Everything the page loads is ours (no CDN, so the content security policy holds).
    scripts = re.findall(r'src="([^"]+)"', docs.content.decode())
    assert len(scripts) == 3
    for src in scripts:
        assert src.startswith("/"), src
        assert client.get(src.replace("&amp;", "&")).status_code == 200
