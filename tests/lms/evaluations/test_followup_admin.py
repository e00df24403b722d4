"""Staff admin screens: credit rules and approvals, evaluations, session reports."""

import datetime as dt

import pytest
from django.urls import reverse

from certificates.models import AccreditingBody
from lms.models import SessionReport
from lms.services.attendance import DeliveryInput, session_report_save
from lms.services.evaluations import evaluation_standard_create
from tests.factories import FacilitatorFactory, SessionFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_credit_rule_is_editable_in_the_admin(staff_client):
    body = AccreditingBody.objects.get(slug="il-social-work")
    assert staff_client.get(reverse("wagtailadmin_home")).status_code == 200
    url = f"/admin/accrediting-bodies/edit/{body.pk}/"
    page = staff_client.get(url)
    assert page.status_code == 200 and "Minutes per credit hour" in page.content.decode()
    assert staff_client.get("/admin/ce-approvals/").status_code == 200
    assert staff_client.get("/admin/ce-approvals/new/").status_code == 200


def test_evaluation_admin_lists_and_edits(staff_client):
    evaluation = evaluation_standard_create(training=SessionFactory().training, objectives=["One"])
    assert staff_client.get(reverse("evaluations:index")).status_code == 200
    page = staff_client.get(reverse("evaluations:edit", args=[evaluation.pk]))
    assert "How valuable was this training to your organization?" in page.content.decode()


def test_staff_reopen_a_filed_session_report(staff_client):
    session = SessionFactory()
    meeting = session.meetings.get()
    lead = FacilitatorFactory()
    session_report_save(
        session=session,
        notes="",
        deliveries=[
            DeliveryInput(
                meeting,
                True,
                meeting.starts_at,
                meeting.ends_at + dt.timedelta(minutes=10),
                {lead: "lead"},
            )
        ],
        by=None,
        file=True,
    )
    report = SessionReport.objects.get()
    page = staff_client.get(reverse("session_reports:inspect", args=[report.pk])).content.decode()
    assert "190" in page and "Reopen for the facilitator" in page
    staff_client.post(
        reverse("session_reports:reopen", args=[report.pk]), {"reason": "end time wrong"}
    )
    report.refresh_from_db()
    assert report.status == SessionReport.Status.DRAFT


def test_finance_cannot_reopen(client):
    session = SessionFactory()
    meeting = session.meetings.get()
    session_report_save(
        session=session,
        notes="",
        deliveries=[
            DeliveryInput(
                meeting, True, meeting.starts_at, meeting.ends_at, {FacilitatorFactory(): "lead"}
            )
        ],
        by=None,
        file=True,
    )
    report = SessionReport.objects.get()
    finance = StaffFactory(groups=["Finance"])
    client.force_login(finance)
    assert client.get(reverse("session_reports:index")).status_code == 200
    response = client.post(reverse("session_reports:reopen", args=[report.pk]))
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal
    report.refresh_from_db()
    assert report.status == SessionReport.Status.FILED
