"""In Chromium: staff bulk-issue a session's certificates; a participant downloads theirs and
opens its verification page."""

import io

import pdfplumber
import pytest

from tests.certificates.helpers import certified_session, restore_reference_rows
from tests.factories import StaffFactory
from tests.fixtures.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_bulk_issue_and_participant_downloads_and_verifies(page):
    restore_reference_rows()
    _session, _approval, registrations = certified_session(participants=2)
    staff = StaffFactory(groups=["Program staff"])

    sign_in(page, staff.email)
    page.goto("/admin/certificates/sessions/")
    page.get_by_role("link", name="Trauma-Informed Supervision").click()
    page.get_by_role("button", name="Issue certificates for this session").click()
    status = page.locator("#run-status")
    status.filter(has_text="Done: 2 of 2 participants processed").wait_for()
    assert "2 certificates issued" in status.inner_text()

    participant = registrations[0].person
    sign_in(page, participant.email)
    page.goto("/my/")
    page.get_by_role("link", name="My certificates and CE hours").click()
    assert page.locator("#transcript-total").inner_text() == "3 CE hours"
    certificate = participant.registrations.get().certificates.get()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download {certificate.serial} (PDF)").click()
    data = download_info.value.path().read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Participant Number0" in text and certificate.code in text

    page.get_by_role("link", name=f"Verification page for {certificate.serial}").click()
    page.get_by_role("heading", name=f"Certificate {certificate.serial}").wait_for()
    assert "This certificate is valid" in page.get_by_role("status").inner_text()
