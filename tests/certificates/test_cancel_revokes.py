"""A cancelled registration never keeps a valid certificate: staff may still cancel after the
session (a correction), and its certificates are revoked in the same transaction."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import registration_certificates_issue
from lms.models import Registration
from lms.services.registrations import RegistrationError, registration_cancel
from tests.factories import UserFactory

from .helpers import certified_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def issued():
    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    return certificate


def program_staff():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Program staff"))
    return user


def test_the_participant_cannot_cancel_a_finished_session(client, issued):
    registration = issued.registration
    with pytest.raises(RegistrationError):
        registration_cancel(registration=registration, by=registration.person)
    client.force_login(registration.person)
    client.post(reverse("lms:registration_cancel", args=[registration.pk]), {"confirm": "on"})
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.VALID


def test_staff_cancel_after_the_session_revokes_its_certificates(client, issued):
    registration = issued.registration
    client.force_login(program_staff())
    url = reverse("lms_registrations:cancel", args=[registration.pk])
    page = client.get(url).content.decode()
    assert "The session has started" in page
    assert "certificates issued for it are revoked" in page

    response = client.post(url, {"reason": "Did not attend: roster entered by mistake"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    issued.refresh_from_db()
    assert issued.status == Certificate.Status.REVOKED
    assert "roster entered by mistake" in issued.revoked_reason

    html = client.get(reverse("certificates:verify", args=[issued.code])).content.decode()
    assert "<strong>revoked</strong>" in html
    client.force_login(registration.person)
    transcript = client.get(reverse("certificates:transcript")).context["transcript"]
    assert transcript.total == 0


def test_no_certificate_is_issued_for_a_cancelled_registration():
    _session, _approval, [registration] = certified_session(participants=1)
    registration_cancel(registration=registration, by=None, reason="Duplicate", staff=True)
    with pytest.raises(Exception, match="cancelled"):
        registration_certificates_issue(registration=registration)
    assert not Certificate.objects.filter(status=Certificate.Status.VALID).exists()
