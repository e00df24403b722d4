"""Staff screens: certificate templates, per-session eligibility, bulk issue progress,
revoke and reissue."""

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateTemplate
from certificates.services import (
    certificate_revoke,
    registration_certificates_issue,
    template_for_training,
)
from tests.factories import CertificateFactory

from .helpers import certified_session
from .test_issue import pdf_text

pytestmark = pytest.mark.django_db


def test_staff_edit_a_template_and_a_training_uses_it(staff_client):
    session, _approval, [registration] = certified_session(participants=1)
    assert staff_client.get("/admin/certificate-templates/").status_code == 200
    response = staff_client.post(
        "/admin/certificate-templates/new/",
        {
            "name": "Supervision series",
            "trainings": [session.training.pk],
            "signatory_name": "Morgan Ellis",
            "signatory_title": "Training Director",
            "accent_colour": "#7a1f5c",
            "statement": "{name} completed {training} ({hours} hours, {body}).",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = CertificateTemplate.objects.get(name="Supervision series")
    assert template_for_training(session.training) == template
    [certificate] = registration_certificates_issue(registration=registration)
    text = pdf_text(certificate.pdf.read())
    assert "Morgan Ellis" in text and "Training Director" in text
    assert "Participant Number0 completed Trauma-Informed Supervision (3 hours," in text

    bad = staff_client.post(
        "/admin/certificate-templates/new/",
        {"name": "Bad", "signatory_name": "X", "accent_colour": "red", "statement": "x"},
    )
    assert bad.status_code == 200 and "Use a colour like #1d4f91." in bad.content.decode()


def test_session_page_shows_why_not_and_bulk_issue_reports_progress(
    staff_client, django_capture_on_commit_callbacks
):
    session, _approval, [ready] = certified_session(participants=1)
    absent = certified_session(participants=1, attend=False)[2][0]
    absent.session = session
    absent.save()
    url = reverse("certificates_admin:session", args=[session.pk])
    html = staff_client.get(url).content.decode()
    assert "Ready to issue" in html
    assert "did not attend the meeting on Mar 12, 2026" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url)
    html = staff_client.get(response["Location"]).content.decode()
    assert "Done: 2 of 2 participants processed, 1 certificate issued" in html
    assert "did not attend the meeting" in html
    assert Certificate.objects.get().registration == ready


def test_staff_revoke_and_reissue_in_the_admin(staff_client):
    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    inspect = staff_client.get(reverse("certificates_admin:inspect", args=[certificate.pk]))
    reissue = reverse("certificates_admin:reissue", args=[certificate.pk])
    assert reissue in inspect.content.decode()  # a header button
    assert reissue in staff_client.get(reverse("certificates_admin:index")).content.decode()
    assert "Reissue from the current profile" in staff_client.get(reissue).content.decode()
    assert staff_client.get("/admin/certificates/new/").status_code in (302, 403)
    staff_client.post(reverse("certificates_admin:reissue", args=[certificate.pk]))
    certificate.refresh_from_db()
    new = certificate.superseded_by
    assert certificate.status == "superseded" and new.status == "valid"
    staff_client.post(reverse("certificates_admin:revoke", args=[new.pk]), {"reason": ""})
    new.refresh_from_db()
    assert new.status == "valid"  # a reason is required
    staff_client.post(reverse("certificates_admin:revoke", args=[new.pk]), {"reason": "Duplicate"})
    new.refresh_from_db()
    assert (new.status, new.revoked_reason) == ("revoked", "Duplicate")


def test_staff_send_a_certificate_email_again_once(
    staff_client, django_capture_on_commit_callbacks
):
    from django.core import mail

    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    resend = reverse("certificates_admin:resend", args=[certificate.pk])
    assert resend in staff_client.get(reverse("certificates_admin:index")).content.decode()
    assert (
        resend
        in staff_client.get(
            reverse("certificates_admin:inspect", args=[certificate.pk])
        ).content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(resend)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[registration.person.email]]
    for callback in callbacks:  # the task running twice sends nothing more
        callback()
    assert len(mail.outbox) == 1
    certificate.refresh_from_db()
    assert certificate.emailed_at is not None
    certificate_revoke(certificate=certificate, reason="Duplicate", by=None)
    page = staff_client.get(reverse("certificates_admin:inspect", args=[certificate.pk]))
    assert resend not in page.content.decode()


def test_participants_cannot_reach_the_certificate_admin(client):
    certificate = CertificateFactory()
    client.force_login(certificate.registration.person)
    response = client.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]), {"reason": "x"}
    )
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_staff_preview_a_template_with_sample_data_before_using_it(staff_client):
    template = CertificateTemplate.objects.create(
        name="Spring series", signatory_name="Morgan Ellis", signatory_title="Training Director"
    )
    edit = staff_client.get(reverse("certificate_templates:edit", args=[template.pk]))
    preview_url = reverse("certificate_templates:preview", args=[template.pk])
    assert preview_url in edit.content.decode()
    response = staff_client.get(preview_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    text = pdf_text(response.content)
    assert "María José Núñez-Okafor" in text
    assert "6 CE hours (General 4.5, Ethics 1.5)" in text
    assert "Morgan Ellis" in text and "Training Director" in text
    assert not Certificate.objects.exists()  # a preview issues nothing


def test_only_staff_who_may_edit_templates_preview_them(client):
    from tests.factories import StaffFactory

    template = CertificateTemplate.objects.create(name="T", signatory_name="M")
    client.force_login(StaffFactory(groups=["Facilitators"]))
    response = client.get(reverse("certificate_templates:preview", args=[template.pk]))
    assert response.status_code in (302, 403)


def test_the_session_page_shows_attendance_corrections_with_who_and_why(staff_client):
    from lms.services.attendance import attendance_correct
    from tests.factories import UserFactory

    session, _approval, [registration, _other] = certified_session(participants=2)
    meeting = session.meetings.get()
    trainer = UserFactory(first_name="Dana", last_name="Reyes")
    attendance_correct(
        registration=registration,
        meeting=meeting,
        arrived_at=meeting.starts_at,
        left_at=None,
        by=trainer,
        reason="Joined by phone; not in the Zoom report.",
    )
    page = staff_client.get(reverse("certificates_admin:session", args=[session.pk]))
    text = " ".join(page.content.decode().split())
    assert "Attendance corrected by hand" in text
    assert "9:00 AM–end, by Dana Reyes – “Joined by phone; not in the Zoom report.”" in text
