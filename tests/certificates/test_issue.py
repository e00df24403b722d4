"""Issuing: eligibility, snapshot, serials and codes, the PDF read back, revoke and reissue."""

import io
import re

import pdfplumber
import pytest
from django.db import transaction
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from certificates.codes import CODE_ALPHABET
from certificates.models import Certificate, SerialCounter
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_pdf_bytes,
    certificate_reissue,
    certificate_revoke,
    registration_certificates_issue,
    registration_eligibility,
)
from tests.factories import EvaluationFactory

from .helpers import certified_session

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        # In the order the document wrote its text (WeasyPrint: document order), so two columns
        # side by side read one after the other, not line by line across both.
        text = "\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)
    return " ".join(text.split())  # lines wrap where the layout wants


def pdf_links(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    links = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                links.append(action["/URI"])
    return links


def test_issue_snapshots_and_renders_a_readable_pdf(mailoutbox, settings):
    settings.SITE_URL = "https://ce.coalition.test"
    _session, approval, [registration, *_] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)

    assert re.fullmatch(r"CE-\d{4}-\d{6}", certificate.serial)
    assert len(certificate.code) >= 10 and set(certificate.code) <= set(CODE_ALPHABET)
    assert certificate.kind == "ce"
    assert certificate.printed_name == "Participant Number0"
    assert certificate.license_type == "LSW"
    assert certificate.hours == {"general": "2.00", "ethics": "1.00"}
    assert certificate.meeting_dates == ["2026-03-12"]
    assert certificate.presenters == ["Dana Reyes, LCSW"]
    assert certificate.format_label == "In person"

    data = certificate.pdf.read()
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)  # Letter landscape
    assert len(reader.pages) == 1
    fonts = {f.get_object()["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert fonts and all("+" in str(name) for name in fonts)  # embedded subsets
    text = pdf_text(data)
    for expected in [
        "Participant Number0",
        "LSW license " + certificate.license_number,
        "Trauma-Informed Supervision",
        "March 12, 2026",
        "In person, Coalition Hall, Springfield",
        "Dana Reyes, LCSW",
        "3 CE hours (General 2, Ethics 1)",
        approval.body.name,
        "159.001234",
        "IL-SOCIAL-WORK-APP-77",
        "January 1, 2026 to December 31, 2027",
        certificate.serial,
        certificate.code,
        "Director of Training",
        # The body's statement, placeholders filled (it wraps in its column, and text
        # extraction reads across both columns line by line).
        "by the Illinois Department of Financial and Professional Regulation (sponsor",
        "159.001234).",
        "earned 3 continuing education hours",
    ]:
        assert expected in text, f"{expected!r} not in {text!r}"
    verify_url = f"https://ce.coalition.test/verify/{certificate.code}/"
    assert verify_url in pdf_links(data)

    [email] = mailoutbox
    assert email.to == [registration.person.email]
    assert verify_url in email.body
    certificate.refresh_from_db()
    assert certificate.emailed_at is not None
    assert ModelLogEntry.objects.filter(action="certificates.certificate.issue").count() == 1


def test_running_twice_issues_nothing_twice(mailoutbox):
    _session, _approval, [registration] = certified_session(participants=1)
    first = registration_certificates_issue(registration=registration)
    second = registration_certificates_issue(registration=registration)
    assert [c.pk for c in first] == [c.pk for c in second]
    assert Certificate.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_failed_issue_leaves_no_gap_in_serials():
    _session, approval, [a, b] = certified_session(participants=2)
    first, _ = certificate_issue(registration=a, approval=approval, hours={"general": 3})
    with pytest.raises(RuntimeError), transaction.atomic():
        certificate_issue(registration=b, approval=approval, hours={"general": 3})
        raise RuntimeError("the worker died before the commit")
    second, _ = certificate_issue(registration=b, approval=approval, hours={"general": 3})
    n1 = int(first.serial.rsplit("-", 1)[1])
    assert second.serial.endswith(f"-{n1 + 1:06d}")
    assert SerialCounter.objects.get().last == n1 + 1


def test_unlicensed_participant_gets_a_certificate_of_attendance():
    _session, _approval, [registration] = certified_session(participants=1, license_type="")
    [certificate] = registration_certificates_issue(registration=registration)
    assert certificate.kind == "attendance"
    assert certificate.hours == {"general": "3.00"}
    text = pdf_text(certificate_pdf_bytes(certificate=certificate))
    assert "Certificate of Attendance" in text
    assert "Continuing Education" not in text


def test_eligibility_reasons():
    _session, approval, [absent] = certified_session(participants=1, attend=False)
    result = registration_eligibility(registration=absent)
    assert not result.eligible
    assert any("did not attend the meeting on Mar 12, 2026" in r for r in result.reasons)

    approval.valid_until = approval.valid_from = approval.valid_from.replace(month=4)
    approval.save()
    _s, _a, [late] = certified_session(participants=1)
    late_approval = late.session.training.approvals.get(body__slug="il-social-work")
    late_approval.valid_from = late_approval.valid_from.replace(month=4)
    late_approval.save()
    reasons = registration_eligibility(registration=late).reasons
    assert any("the approval starts on Apr 1, 2026" in r for r in reasons), reasons
    with pytest.raises(CertificateError):
        registration_certificates_issue(registration=late)


def test_evaluation_required_blocks_issue():

    session, _approval, [registration] = certified_session(participants=1)
    EvaluationFactory(training=session.training, required_for_certificate=True)
    assert registration_eligibility(registration=registration).reasons == [
        "the evaluation is not done yet"
    ]


def test_revoke_needs_a_reason_and_is_logged(admin_user):
    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, reason="  ", by=admin_user)
    certificate_revoke(certificate=certificate, reason="Attendance entered in error", by=admin_user)
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    entry = ModelLogEntry.objects.get(action="certificates.certificate.revoke")
    assert entry.data["reason"] == "Attendance entered in error"
    assert entry.user == admin_user


def test_reissue_after_a_name_correction_supersedes(admin_user):
    _session, _approval, [registration] = certified_session(participants=1)
    [old] = registration_certificates_issue(registration=registration)
    profile = registration.person.profile
    profile.printed_name = "Participant Corrected-Name"
    profile.save()
    new = certificate_reissue(certificate=old, by=admin_user)
    old.refresh_from_db()
    assert old.status == "superseded" and old.superseded_by == new
    assert new.status == "valid" and new.serial != old.serial and new.code != old.code
    assert old.printed_name == "Participant Number0"  # the snapshot is kept
    assert "Participant Corrected-Name" in pdf_text(new.pdf.read())
    with pytest.raises(CertificateError):
        certificate_reissue(certificate=old, by=admin_user)
