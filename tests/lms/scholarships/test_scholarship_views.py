"""Scholarships and waitlists through the pages and the Wagtail admin, with the test client."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Registration, ScholarshipApplication, WaitlistEntry
from lms.services.registrations import registration_create
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    ScholarshipFundFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


def held(session, tiers, **profile):
    person = ProfileFactory(**profile).user
    return registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )


def test_apply_review_in_the_admin_and_finish_without_a_card(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    session, tiers = paid_session()
    registration = held(session, tiers)
    fund = ScholarshipFundFactory(credit_cents=10000, name="Frontline Fund")
    client.force_login(registration.person)
    page = client.get(reverse("lms:registration_detail", args=[registration.pk]))
    assert b"Apply for a scholarship" in page.content
    response = client.post(
        reverse("lms:scholarship_apply", args=[registration.pk]),
        {"fund": fund.pk, "coverage": "full", "need_statement": "Our agency has no budget."},
    )
    assert response.status_code == 302
    detail = client.get(reverse("lms:registration_detail", args=[registration.pk]))
    assert b"waiting for a decision" in detail.content

    reviewer = StaffFactory(groups=["Program staff"])
    client.force_login(reviewer)
    queue = client.get(reverse("lms_scholarship_applications:index"), {"status": "pending"})
    assert b"Frontline Fund" in queue.content
    application = ScholarshipApplication.objects.get()
    review_url = reverse("lms_scholarship_applications:review", args=[application.pk])
    review = client.get(review_url)
    assert b"Our agency has no budget." in review.content
    assert b"available $100.00" in review.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"decision": "award", "message": "Welcome"})
    assert response.status_code == 302
    assert "awarded a scholarship of $50.00" in mailoutbox[-1].body

    client.force_login(registration.person)
    detail = client.get(reverse("lms:registration_detail", args=[registration.pk]))
    assert b"Complete my registration" in detail.content
    client.post(reverse("lms:registration_finish", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert not registration.payments.exists()


def test_an_ineligible_application_shows_the_reason(client):
    session, tiers = paid_session()
    registration = held(session, tiers, organization=OrganizationFactory(budget_band="over_5m"))
    fund = ScholarshipFundFactory(credit_cents=10000, budget_band_max="500k_5m")
    client.force_login(registration.person)
    response = client.post(
        reverse("lms:scholarship_apply", args=[registration.pk]),
        {"fund": fund.pk, "coverage": "full", "need_statement": "Please"},
    )
    assert response.status_code == 200
    assert (
        b"This fund is for organizations with a budget $500K to $5M or smaller." in response.content
    )
    assert not ScholarshipApplication.objects.exists()


def test_declining_in_the_admin_needs_a_message(client):
    session, tiers = paid_session()
    registration = held(session, tiers)
    fund = ScholarshipFundFactory(credit_cents=10000)
    from lms.services.scholarships import scholarship_apply

    application = scholarship_apply(
        session=session,
        person=registration.person,
        fund=fund,
        need_statement="x",
        coverage="full",
    )
    client.force_login(StaffFactory(groups=["Program staff"]))
    url = reverse("lms_scholarship_applications:review", args=[application.pk])
    response = client.post(url, {"decision": "decline", "message": ""})
    assert b"Please write a message for the applicant." in response.content
    client.post(url, {"decision": "decline", "message": "Fund spent"})
    application.refresh_from_db()
    assert application.status == ScholarshipApplication.Status.DECLINED
    assert ModelLogEntry.objects.filter(action="lms.scholarship.decline").exists()


def test_participants_cannot_review(client):
    client.force_login(StaffFactory(groups=["Facilitators"]))
    assert client.get(reverse("lms_scholarship_applications:index")).status_code in (302, 403)


def test_fund_report_csv(client):
    fund = ScholarshipFundFactory(credit_cents=10000, name="Report Fund", sponsor_name="Acme")
    session, tiers = paid_session()
    registration = held(session, tiers)
    from lms.services.scholarships import scholarship_apply, scholarship_award

    application = scholarship_apply(
        session=session,
        person=registration.person,
        fund=fund,
        need_statement="x",
        coverage="amount",
        amount_cents=3000,
    )
    scholarship_award(application=application, by=UserFactory())
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get(reverse("lms_scholarship_funds:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    row = next(r for r in rows if r["Name"] == "Report Fund")
    assert row["Sponsor name"] == "Acme"
    assert row["Funded (cents)"] == "10000"
    assert row["Offered/asked (cents)"] == "3000"
    assert row["Awarded (cents)"] == "3000"
    assert row["People awarded"] == "1"
    assert row["Available (cents)"] == "7000"


def test_full_session_offers_the_waitlist_and_my_page_shows_the_place(client):
    session = SessionFactory(capacity=1)
    registration_create(session=session, person=ProfileFactory().user)
    first, second = ProfileFactory().user, ProfileFactory().user
    for person in (first, second):
        client.force_login(person)
        page = client.get(reverse("lms:session_register", args=[session.pk]))
        assert b"Join the waitlist" in page.content
        client.post(reverse("lms:waitlist_join", args=[session.pk]))
    mine = client.get(reverse("lms:dashboard"))
    assert b"number 2 on the waitlist" in mine.content
    entry = WaitlistEntry.objects.get(person=second)
    client.post(reverse("lms:waitlist_leave", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.LEFT
    assert b"My waitlists" not in client.get(reverse("lms:dashboard")).content
