"""Public verification pages per status, rate limiting, and the participant's transcript."""

import csv
import datetime as dt
import io

import pdfplumber
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    registration_certificates_issue,
)
from lms.rules.renewal_periods import renewal_period_containing

from .helpers import T0, certified_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def issued():
    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    return certificate


def test_valid_certificate_page_shows_the_facts_and_nothing_more(client, issued):
    response = client.get(reverse("certificates:verify", args=[issued.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is <strong>valid</strong>" in html
    for expected in [
        "Participant Number0",
        "Trauma-Informed Supervision",
        "March 12, 2026",
        "General: 2 CE hours<",
        "Ethics: 1 CE hour<",
        "IL-SOCIAL-WORK-APP-77",
        "159.001234",
    ]:
        assert expected in html
    person = issued.registration.person
    assert person.email not in html
    assert issued.license_number not in html


def test_revoked_and_superseded_pages(client, issued, admin_user):
    new = certificate_reissue(certificate=issued, by=admin_user)
    html = client.get(reverse("certificates:verify", args=[issued.code])).content.decode()
    assert "<strong>superseded</strong>" in html
    assert reverse("certificates:verify", args=[new.code]) in html
    certificate_revoke(certificate=new, reason="Issued for the wrong session", by=admin_user)
    html = client.get(reverse("certificates:verify", args=[new.code])).content.decode()
    assert "<strong>revoked</strong>" in html and "Issued for the wrong session" in html


def test_unknown_code_is_404_and_the_form_finds_codes(client, issued):
    assert client.get(reverse("certificates:verify", args=["NOTACODE4444"])).status_code == 404
    spaced = f" {issued.code[:4].lower()}-{issued.code[4:]} "
    response = client.get(reverse("certificates:verify_form"), {"code": spaced})
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[issued.code])
    response = client.get(reverse("certificates:verify_form"), {"code": "WRONG"})
    assert (
        response.status_code == 404 and "No certificate has this code" in response.content.decode()
    )


def test_verification_is_rate_limited(client, issued, settings):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 3
    url = reverse("certificates:verify", args=[issued.code])
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_social_work_renewal_period():
    period = renewal_period_containing(credential="LSW", day=dt.date(2026, 3, 12))
    assert (period.start, period.end) == (dt.date(2025, 12, 1), dt.date(2027, 11, 30))
    period = renewal_period_containing(credential="LCSW", day=dt.date(2025, 11, 30))
    assert (period.start, period.end) == (dt.date(2023, 12, 1), dt.date(2025, 11, 30))
    assert renewal_period_containing(credential="CADC", day=dt.date(2026, 5, 1)).end == dt.date(
        2026, 12, 31
    )


def _issue_for(person_profile, start):
    from certificates.models import Certificate as C

    _session, _a, [registration] = certified_session(participants=1, start=start)
    registration.person = person_profile.user
    registration.save()
    registration_certificates_issue(registration=registration)
    return C.objects.get(registration=registration)


@time_machine.travel(dt.datetime(2026, 6, 1, 12, 0), tick=False)
def test_transcript_totals_by_period_pdf_and_csv(client, admin_user):
    from tests.factories import ProfileFactory

    profile = ProfileFactory(license_type="LCSW", printed_name="Jordan Transcript")
    old = _issue_for(profile, T0.replace(year=2025, month=10, day=2))  # 2023-2025 cycle
    current = _issue_for(profile, T0)  # 2025-2027 cycle
    revoked = _issue_for(profile, T0.replace(month=4, day=9))
    certificate_revoke(certificate=revoked, reason="wrong person", by=admin_user)
    client.force_login(profile.user)

    page = client.get(reverse("certificates:transcript"))
    keys = [p.key for p in page.context["transcript"].periods]
    assert keys == ["2025-12-01_2027-11-30", "2023-12-01_2025-11-30"]
    assert page.context["transcript"].total == 6
    current_cycle = client.get(reverse("certificates:transcript"), {"period": keys[0]})
    assert [c.pk for c in current_cycle.context["transcript"].certificates] == [current.pk]
    assert current_cycle.context["transcript"].total == 3
    assert current_cycle.context["transcript"].totals[1][0] == "Ethics"
    html = page.content.decode()
    assert old.serial in html and revoked.serial in html and "Revoked" in html

    response = client.get(reverse("certificates:transcript_csv"), {"period": keys[1]})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-3:] == ["General", "Ethics", "total"]
    assert rows[1][0] == old.serial
    assert rows[-1][-3:] == ["2.00", "1.00", "3.00"]

    response = client.get(reverse("certificates:transcript_pdf"))
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Jordan Transcript" in text and "LCSW" in text
    assert old.serial in text and current.serial in text and revoked.serial not in text
    assert "Total: 6" in text and "Total: 6.00" not in text


def test_participants_download_only_their_own_certificates(client, issued):
    from tests.factories import UserFactory

    url = reverse("certificates:certificate_pdf", args=[issued.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(issued.registration.person)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Certificate.objects.count() == 1
