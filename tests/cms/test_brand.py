"""The coalition's brand (Settings → Coalition brand): staff rename, recolour and set the
contact link without code; every page and email follows, and an unreadable colour is refused."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.models import CoalitionBrand
from lms.services.emails import email_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand():
    brand = CoalitionBrand.load()
    brand.name = "Prairie Human Services Coalition"
    brand.colour = "#6a1b9a"
    brand.contact_email = "hello@prairie.example"
    brand.save()
    return brand


def test_brand_stylesheet_carries_the_colour_and_a_darker_shade(client, brand):
    response = client.get("/brand.css?v=6a1b9a")
    css = response.content.decode()
    assert response["Content-Type"].startswith("text/css")
    assert "--accent: #6a1b9a;" in css
    assert "--accent-dark: #501474;" in css
    assert "immutable" in response["Cache-Control"]
    # An old colour's address is not kept: the page links the new one.
    assert client.get("/brand.css?v=0b5cad")["Cache-Control"] == "no-cache"


def test_pages_show_the_name_the_colour_link_and_contact(client, brand):
    html = client.get(reverse("account_login")).content.decode()
    assert "Prairie Human Services Coalition" in html
    assert 'href="/brand.css?v=6a1b9a"' in html
    assert '<a href="mailto:hello@prairie.example">Contact us</a>' in html
    assert "<style" not in html


def test_emails_carry_the_name_and_colour(brand, settings):
    email_send(
        template="erasure_link",
        to=["ana@example.org"],
        context={
            "person": UserFactory(email="ana@example.org"),
            "confirm_url": "https://x.test/c",
            "privacy_url": "/p",
            "hours": 24,
            "years": 7,
        },
    )
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "Prairie Human Services Coalition" in message.body
    assert "border-bottom:4px solid #6a1b9a" in html
    assert "Coalition CE" not in html


def test_staff_cannot_save_a_colour_too_light_to_read(admin_client):
    CoalitionBrand.load()
    url = reverse("wagtailsettings:edit", args=["lms", "coalitionbrand", CoalitionBrand.load().pk])
    response = admin_client.post(
        url,
        {"name": "Coalition CE", "tagline": "", "colour": "#f2b400", "contact_email": ""},
    )
    assert response.status_code == 200
    assert "too light to read on white" in response.content.decode()
    assert CoalitionBrand.load().colour == "#0b5cad"
    response = admin_client.post(
        url,
        {"name": "Coalition CE", "tagline": "", "colour": "#1D4F91", "contact_email": ""},
    )
    assert response.status_code == 302
    assert CoalitionBrand.load().colour == "#1d4f91"
