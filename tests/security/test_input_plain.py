"""Input that cannot mislead: text is NFKC-normalised before it is validated, license and
address states are real US codes, and free text has a cap with a clear message
(lms/forms/text.py; money fields are out of scope here, lms.money parses them)."""

import pytest
from django.urls import reverse

from lms.models import OrganizationSelfReport, Profile, TechnicalAssistanceRequest
from lms.services.organizations import contact_add
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    StaffFactory,
)
from tests.factories.compensation import FacilitatorPayProfileFactory
from tests.security.test_throttling import TA_REQUEST

pytestmark = pytest.mark.django_db

TWO_MB = "a" * (2 * 1024 * 1024)


def profile_post(client, **overrides):
    data = {
        "printed_name": "Dana Smith",
        "license_type": "LCSW",
        "license_number": "149.000123",
        "license_state": "IL",
        "accessibility_needs": "",
        **overrides,
    }
    return client.post(reverse("lms:profile_edit"), data)


@pytest.fixture
def participant(client):
    profile = ProfileFactory(license_state="IL", accessibility_needs="")
    client.force_login(profile.user)
    return profile


def test_full_width_text_is_stored_as_plain_letters_and_digits(client, participant):
    response = profile_post(
        client,
        printed_name="Ｄａｎａ Ｓｍｉｔｈ",
        license_number="１４９．０００１２３",
        license_state="ＩＬ",
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.printed_name == "Dana Smith"
    assert participant.license_number == "149.000123"
    assert participant.license_state == "IL"


@pytest.mark.parametrize(
    "typed, stored", [("il", "IL"), (" wi ", "WI"), ("ｃａ", "CA"), ("DC", "DC")]
)
def test_license_state_is_a_us_code_in_capitals(client, participant, typed, stored):
    assert profile_post(client, license_state=typed).status_code == 302
    participant.refresh_from_db()
    assert participant.license_state == stored


@pytest.mark.parametrize("typed", ["ZZ", "XX", "I1", "ＺＺ", "--"])
def test_a_license_state_that_is_not_one_is_refused_clearly(client, participant, typed):
    response = profile_post(client, license_state=typed)
    assert response.status_code == 200
    assert "Enter the two-letter code of a US state or territory, for example IL." in (
        response.content.decode()
    )
    assert Profile.objects.get(pk=participant.pk).license_state == "IL"


def test_accessibility_needs_have_a_cap_with_a_clear_message(client, participant):
    response = profile_post(client, accessibility_needs=TWO_MB)
    assert response.status_code == 200
    assert "Please keep this to 2,000 characters or fewer (this has 2,097,152)." in (
        response.content.decode()
    )
    assert Profile.objects.get(pk=participant.pk).accessibility_needs == ""
    assert profile_post(client, accessibility_needs="Captions, please. " * 100).status_code == 302
    page = client.get(reverse("lms:profile_edit")).content.decode()
    assert 'maxlength="2000"' in page


def test_ta_request_details_have_a_cap(client):
    response = client.post(reverse("lms:technical_assistance"), {**TA_REQUEST, "details": TWO_MB})
    assert response.status_code == 200
    assert "Please keep this to 5,000 characters or fewer" in response.content.decode()
    assert not TechnicalAssistanceRequest.objects.exists()


def test_populations_served_have_a_cap(client):
    organization = OrganizationFactory()
    contact = ProfileFactory(organization=organization).user
    contact_add(organization=organization, person=contact, by=None)
    client.force_login(contact)
    response = client.post(reverse("lms:organization_report"), {"populations_served": TWO_MB})
    assert response.status_code == 200
    assert "Please keep this to 2,000 characters or fewer" in response.content.decode()
    assert not OrganizationSelfReport.objects.filter(populations_served=TWO_MB).exists()


def test_staff_notes_in_the_admin_have_a_cap(client):
    registration = RegistrationFactory(staff_notes="")
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("lms_registrations:edit", args=[registration.pk])
    response = client.post(url, {"staff_notes": TWO_MB})
    assert response.status_code == 200
    assert "Please keep this to 5,000 characters or fewer" in response.content.decode()
    registration.refresh_from_db()
    assert registration.staff_notes == ""


def test_pay_profile_state_is_a_us_code(client):
    profile = FacilitatorPayProfileFactory(state="IL")
    client.force_login(StaffFactory(is_superuser=True))
    data = {
        "facilitator": profile.facilitator.pk,
        "legal_name": "Ｌｕｉｓ Hernández",
        "email": profile.email,
        "phone": "",
        "address_line1": profile.address_line1,
        "address_line2": "",
        "city": "Chicago",
        "state": "ＺＺ",
        "postal_code": "60606",
        "payout_method": "check",
        "w9_received_on": "2026-02-02",
        "notes": "",
    }
    url = reverse("pay_profiles:edit", args=[profile.pk])
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Enter the two-letter code of a US state or territory" in refused.content.decode()
    assert client.post(url, {**data, "state": "ｗｉ"}).status_code == 302
    profile.refresh_from_db()
    assert (profile.state, profile.legal_name) == ("WI", "Luis Hernández")
