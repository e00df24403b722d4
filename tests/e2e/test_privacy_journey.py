"""In Chromium: a participant downloads their data from /my/, asks for the erasure of their
data, reads the emailed link, confirms, and can no longer sign in; their certificate is
still verifiable. The privacy pages pass axe."""

import io
import json
import re
import urllib.parse
import zipfile

import pytest
from django.core import mail

from lms.services.demographics import demographics_save
from tests.certificates.helpers import certified_session, restore_reference_rows
from tests.factories import CertificateFactory
from tests.factories.people import PASSWORD
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_downloads_their_data_then_erases_it(page):
    restore_reference_rows()
    _session, approval, (registration,) = certified_session(participants=1)
    certificate = CertificateFactory(registration=registration, approval=approval)
    person = registration.person
    demographics_save(person=person, race_ethnicity=["race_mena"], difficulties={})
    mail.outbox.clear()

    sign_in(page, person.email)
    page.get_by_role("link", name="My data and privacy").click()
    page.get_by_role("heading", name="My data and privacy").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
    (row,) = json.loads(archive.read("certificates.json"))
    assert row["verification_code"] == certificate.code
    (answers,) = json.loads(archive.read("demographic_answers.json"))
    assert answers["race_and_ethnicity"] == ["Middle Eastern or North African"]
    assert "Trauma-Informed Supervision" in archive.read("registrations.csv").decode()

    page.get_by_label("I want my personal data erased and my account closed").check()
    page.get_by_role("button", name="Email me a link to confirm the erasure").click()
    page.get_by_text(f"We sent a link to {person.email}.").wait_for()

    (email,) = mail.outbox
    assert email.to == [person.email]
    link = re.search(r"https?://\S+/my/privacy/erase/confirm/\S+/", email.body).group(0)
    page.goto(urllib.parse.urlsplit(link).path)
    page.get_by_role("heading", name="Erase my data").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_label("I understand that this cannot be undone").check()
    page.get_by_role("button", name="Erase my data now").click()
    page.get_by_role("heading", name="Your data is erased").wait_for()

    page.goto("/accounts/login/")
    page.get_by_label("Email", exact=True).fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("not correct").wait_for()
    assert page.url.endswith("/accounts/login/")

    page.goto(f"/verify/{certificate.code}/")
    assert "This certificate is valid" in page.get_by_role("status").inner_text()
    assert "P. N." in page.content()  # the initials of "Participant Number0"
