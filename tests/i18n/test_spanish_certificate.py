"""A participant may download their certificate in Spanish for their own reference; the
stored English certificate stays the record, whatever language the page asking for it is in."""

import pytest
from django.urls import reverse

from tests.certificates.test_issue import pdf_text
from tests.factories import RegistrationFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    registration = RegistrationFactory(person__first_name="Lucía")
    return CertificateFactory(registration=registration)


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_spanish_copy_reads_in_spanish_and_keeps_the_boards_words(client, certificate):
    client.force_login(certificate.registration.person)
    url = reverse("certificates:certificate_pdf", args=[certificate.pk])
    spanish = pdf_text(_download(client, f"{url}?language=es"))
    assert "Certificado de educación continua" in spanish
    assert f"Fecha de emisión · Número de serie {certificate.serial}" in spanish
    assert "la versión en inglés" in spanish or "certificado en inglés" in spanish
    # The approval statement is the board's own wording: never translated.
    if certificate.approval_statement:
        assert " ".join(certificate.approval_statement.split())[:40] in spanish

    english = pdf_text(_download(client, url))
    assert "Certificate of Continuing Education" in english and "Certificado" not in english


def test_the_stored_record_is_english_even_when_first_asked_for_under_es(client, certificate):
    client.force_login(certificate.registration.person)
    certificate.pdf.delete(save=True) if certificate.pdf else None
    path = reverse("certificates:certificate_pdf", args=[certificate.pk])
    text = pdf_text(_download(client, "/es" + path))
    assert "Certificate of Continuing Education" in text
    certificate.refresh_from_db()
    assert certificate.pdf


def test_an_unknown_language_gets_the_english_record(client, certificate):
    client.force_login(certificate.registration.person)
    url = reverse("certificates:certificate_pdf", args=[certificate.pk])
    assert "Certificate of" in pdf_text(_download(client, f"{url}?language=xx"))
