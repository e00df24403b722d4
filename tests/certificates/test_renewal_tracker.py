"""The renewal tracker: staff record what a license's renewal period requires; a participant
sees earned here / from elsewhere / still needed, adds CE earned elsewhere with its PDF;
staff accept or reject it; the transcript PDF lists both, labelled."""

import datetime as dt
from decimal import Decimal as D

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import (
    Credential,
    CreditCategory,
    OutsideCredit,
    RenewalCategoryHours,
    RenewalRequirement,
    RenewalTrackerSettings,
)
from certificates.renewals import (
    outside_credit_accept,
    outside_credit_reject,
    outside_credit_submit,
    renewal_tracker_for,
)
from certificates.services import registration_certificates_issue
from lms.errors import DomainError
from lms.models import CoalitionBrand
from tests.factories import ProfileFactory, StaffFactory

from .helpers import T0, certified_session
from .test_issue import pdf_text

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% a certificate from elsewhere\n"
TODAY = dt.date(2026, 6, 1)


def pdf(name="certificate.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def category(code):
    return CreditCategory.objects.get(code=code)


@pytest.fixture
def lcsw():
    """An LCSW with a certificate from us (2 general + 1 ethics, Mar 12, 2026) and the LCSW
    requirement: 30 hours, 3 of them ethics, 1 cultural competence."""
    profile = ProfileFactory(license_type="LCSW", printed_name="Jordan Renewal")
    _session, _approval, [registration] = certified_session(participants=1, start=T0)
    registration.person = profile.user
    registration.save()
    registration_certificates_issue(registration=registration)
    credential, _ = Credential.objects.get_or_create(code="LCSW", defaults={"name": "LCSW"})
    requirement = RenewalRequirement.objects.create(credential=credential, total_hours=D("30"))
    RenewalCategoryHours.objects.create(
        requirement=requirement, category=category("ethics"), hours=D("3")
    )
    RenewalCategoryHours.objects.create(
        requirement=requirement, category=category("cultural_competence"), hours=D("1")
    )
    return profile.user


def submit(person, *, hours="2", code="ethics", completed_on=dt.date(2026, 2, 2), **kwargs):
    values = {
        "person": person,
        "credential": "LCSW",
        "provider": "NASW Illinois",
        "title": "Ethics in Supervision",
        "completed_on": completed_on,
        "hours": D(hours),
        "category": category(code),
        "certificate_file": pdf(),
        "today": TODAY,
    }
    return outside_credit_submit(**{**values, **kwargs})


def still_needed(person):
    tracker = renewal_tracker_for(person=person, credential="LCSW", today=TODAY)
    lines = {line.category: line for line in tracker.progress.categories}
    return tracker, lines


def test_pending_ce_does_not_count_until_staff_accept_it(lcsw):
    tracker, lines = still_needed(lcsw)
    assert tracker.period.label == "Dec 1, 2025 – Nov 30, 2027"
    assert (lines["ethics"].earned_here, lines["ethics"].still_needed) == (D("1"), D("2"))
    assert tracker.progress.total.still_needed == D("27")
    credit = submit(lcsw)
    assert credit.status == OutsideCredit.Status.PENDING
    _, lines = still_needed(lcsw)
    assert lines["ethics"].from_elsewhere == 0
    outside_credit_accept(credit=credit, by=StaffFactory())
    tracker, lines = still_needed(lcsw)
    assert (lines["ethics"].from_elsewhere, lines["ethics"].still_needed) == (D("2"), D("0"))
    assert lines["cultural_competence"].still_needed == D("1")
    assert tracker.progress.total.still_needed == D("25")
    actions = ModelLogEntry.objects.for_instance(credit).values_list("action", flat=True)
    assert set(actions) == {
        "certificates.outside_credit.submit",
        "certificates.outside_credit.accept",
    }


def test_self_reported_counts_at_once_when_the_setting_says_so(lcsw):
    settings = RenewalTrackerSettings.load()
    settings.outside_ce_counts_immediately = True
    settings.save()
    credit = submit(lcsw, hours="1", code="cultural_competence")
    assert credit.status == OutsideCredit.Status.SELF_REPORTED and credit.counts
    _, lines = still_needed(lcsw)
    assert lines["cultural_competence"].still_needed == 0
    outside_credit_reject(credit=credit, by=StaffFactory(), reason="Not an approved provider")
    _, lines = still_needed(lcsw)
    assert lines["cultural_competence"].still_needed == D("1")


def test_ce_outside_this_period_is_not_counted(lcsw):
    credit = submit(lcsw, completed_on=dt.date(2025, 11, 30))  # the day the last period ended
    outside_credit_accept(credit=credit, by=StaffFactory())
    tracker, lines = still_needed(lcsw)
    assert lines["ethics"].from_elsewhere == 0 and tracker.outside == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"certificate_file": pdf("certificate.docx")}, "as a PDF file"),
        ({"certificate_file": pdf(content=b"PK\x03\x04 not a pdf")}, "not a PDF"),
        ({"certificate_file": pdf(content=PDF + b"x" * 6 * 1024 * 1024)}, "larger than 5"),
        ({"completed_on": dt.date(2026, 6, 2)}, "in the future"),
        ({"hours": D("0")}, "more than 0"),
        ({"hours": D("100.25")}, "at most 100"),
        ({"provider": "  "}, "who provided"),
    ],
)
def test_refusals(lcsw, change, message):
    with pytest.raises(DomainError, match=message):
        submit(lcsw, **change)
    assert not OutsideCredit.objects.exists()


def test_reviews_follow_the_state_machine(lcsw):
    staff = StaffFactory()
    credit = submit(lcsw)
    with pytest.raises(DomainError, match="Give the reason"):
        outside_credit_reject(credit=credit, by=staff, reason=" ")
    credit = outside_credit_reject(credit=credit, by=staff, reason="The certificate is unreadable")
    assert (credit.status, credit.reviewed_by) == (OutsideCredit.Status.REJECTED, staff)
    with pytest.raises(DomainError, match="cannot go from"):
        outside_credit_accept(credit=credit, by=staff)


@time_machine.travel(dt.datetime(2026, 6, 1, 12, 0), tick=False)
def test_the_page_adds_ce_and_shows_what_is_still_needed(client, lcsw):
    client.force_login(lcsw)
    page = client.get(reverse("certificates:renewal"))
    html = page.content.decode()
    assert "Still needed: 27 CE hours" in html and "Trauma-Informed Supervision" in html
    response = client.post(
        reverse("certificates:renewal"),
        {
            "provider": "NASW Illinois",
            "title": "Ethics in Supervision",
            "completed_on": "2026-02-02",
            "hours": "2",
            "category": category("ethics").pk,
            "certificate_file": pdf(),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "counts once staff have checked it" in html
    assert "Ethics in Supervision" in html and "Waiting for staff" in html
    credit = OutsideCredit.objects.get()
    download = client.get(reverse("certificates:outside_credit_file", args=[credit.pk]))
    assert b"".join(download.streaming_content) == PDF
    # A refusal comes back on the form, with nothing stored.
    response = client.post(
        reverse("certificates:renewal"),
        {
            "provider": "X",
            "title": "Y",
            "completed_on": "2026-02-02",
            "hours": "1",
            "category": category("ethics").pk,
            "certificate_file": pdf("photo.jpg", b"\xff\xd8\xff"),
        },
    )
    assert response.status_code == 400 and "Attach the certificate as a PDF" in (
        response.content.decode()
    )
    assert OutsideCredit.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 6, 1, 12, 0), tick=False)
def test_the_transcript_pdf_labels_both_sources(client, lcsw):
    brand = CoalitionBrand.load()
    brand.name = "Prairie Human Services Coalition"
    brand.save()
    accepted = submit(lcsw, title="Ethics in Supervision")
    outside_credit_accept(credit=accepted, by=StaffFactory())
    settings = RenewalTrackerSettings.load()
    settings.outside_ce_counts_immediately = True
    settings.save()
    submit(lcsw, title="Cultural Humility Basics", code="cultural_competence", hours="1")
    settings.outside_ce_counts_immediately = False
    settings.save()
    submit(lcsw, title="Still Waiting For Staff")
    client.force_login(lcsw)
    text = pdf_text(client.get(reverse("certificates:transcript_pdf")).content)
    assert "Earned through Prairie Human Services Coalition" in text
    assert "Trauma-Informed Supervision" in text
    assert "Reported from elsewhere" in text
    assert "Ethics in Supervision" in text
    assert "Reported from elsewhere — accepted" in text
    assert "Cultural Humility Basics" in text
    assert "Reported from elsewhere — self-reported" in text, text
    assert "Still Waiting For Staff" not in text


def test_staff_accept_and_reject_from_the_admin(staff_client, lcsw):
    credit = submit(lcsw)
    inspect = staff_client.get(reverse("outside_credits:inspect", args=[credit.pk]))
    assert b"Download the certificate (PDF)" in inspect.content
    file = staff_client.get(reverse("outside_credits:file", args=[credit.pk]))
    assert b"".join(file.streaming_content) == PDF
    response = staff_client.post(
        reverse("outside_credits:reject", args=[credit.pk]), {"reason": ""}
    )
    assert b"Give the reason" in response.content
    staff_client.post(reverse("outside_credits:accept", args=[credit.pk]), {"reason": "Checked"})
    credit.refresh_from_db()
    assert credit.status == OutsideCredit.Status.ACCEPTED and credit.review_reason == "Checked"
    listing = staff_client.get(reverse("renewal_requirements:index"))
    assert b"LCSW" in listing.content


def test_outside_ce_is_in_the_data_export_and_erased_with_its_pdf(
    lcsw, django_capture_on_commit_callbacks
):
    from certificates.privacy import certificates_export, certificates_pseudonymise

    credit = submit(lcsw)
    storage = credit.certificate_file.storage
    name = credit.certificate_file.name
    sections = {section.name: section for section in certificates_export(person=lcsw)}
    (row,) = sections["ce_from_elsewhere"].rows
    assert (row["title"], row["status"]) == ("Ethics in Supervision", "Waiting for staff")
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        summary = certificates_pseudonymise(person=lcsw, pseudonym="Erased 1", initials="J. R.")
    assert summary["ce_from_elsewhere_deleted"] == 1
    assert not OutsideCredit.objects.exists() and not storage.exists(name)
