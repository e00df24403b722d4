"""The per-sponsor scholarship report in the Wagtail admin, and its CSV export."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from lms.services.registrations import registration_cancel, registration_create
from lms.services.scholarships import (
    registration_finish_without_payment,
    scholarship_apply,
    scholarship_award,
)
from tests.factories import (
    ProfileFactory,
    ScholarshipFundFactory,
    StaffFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


def _apply(fund, person=None, amount_cents=None):
    session, tiers = paid_session()
    person = person or ProfileFactory().user
    registration_create(session=session, person=person, tier=tiers["standard"], attested=True)
    return scholarship_apply(
        session=session,
        person=person,
        fund=fund,
        need_statement="The fee is a barrier.",
        coverage="amount" if amount_cents else "full",
        amount_cents=amount_cents,
    )


def _report(client, **params):
    user = StaffFactory(groups=["Finance"])
    client.force_login(user)
    response = client.get(reverse("lms_scholarship_sponsors:index"), {"export": "csv", **params})
    body = b"".join(response.streaming_content).decode()
    return {row["Sponsor"]: row for row in csv.DictReader(io.StringIO(body))}


def test_sponsor_report_sums_funds_and_counts_people_once(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    spring = ScholarshipFundFactory(credit_cents=10000, sponsor_name="Lakeside Foundation")
    fall = ScholarshipFundFactory(credit_cents=5000, sponsor_name="Lakeside Foundation")
    donor = ScholarshipFundFactory(credit_cents=2000, sponsor_name="A. Donor", sponsor_kind="donor")
    person = ProfileFactory().user
    # The same person is awarded from both Lakeside funds and uses the full award.
    used = scholarship_award(application=_apply(spring, person), by=staff)
    registration_finish_without_payment(registration=used.registration, person=person)
    partial = scholarship_award(application=_apply(fall, person, amount_cents=2000), by=staff)
    # Someone else's award is released when they cancel.
    released = scholarship_award(application=_apply(spring, amount_cents=1000), by=staff)
    registration_cancel(registration=released.registration, by=released.person)
    _apply(donor, amount_cents=1500)  # asked, not decided

    rows = _report(client)
    lakeside = rows["Lakeside Foundation"]
    assert lakeside["Sponsor kind"] == "Foundation"
    assert lakeside["Funds"] == "2"
    assert lakeside["Funded (cents)"] == "15000"
    assert lakeside["Offered/asked (cents)"] == "8000"
    assert lakeside["Applicants"] == "2"
    assert lakeside["Awarded (cents)"] == "8000"
    assert lakeside["People awarded"] == "2"
    assert lakeside["Used (cents)"] == "5000"
    assert lakeside["People who used an award"] == "1"
    assert lakeside["Released (cents)"] == "1000"
    assert lakeside["People whose award was released"] == "1"
    assert lakeside["Available (cents)"] == str(15000 - 8000 + 1000)
    assert partial.amount_cents == 2000
    donor_row = rows["A. Donor"]
    assert (donor_row["Funded (cents)"], donor_row["Offered/asked (cents)"]) == ("2000", "1500")
    assert (donor_row["Awarded (cents)"], donor_row["Applicants"]) == ("0", "1")

    assert set(_report(client, sponsor_kind="donor")) == {"A. Donor"}


def test_sponsor_report_page_is_for_staff_who_may_view_funds(client):
    ScholarshipFundFactory(credit_cents=10000, sponsor_name="Lakeside Foundation")
    user = StaffFactory(groups=["Program staff"])
    client.force_login(user)
    page = client.get(reverse("lms_scholarship_sponsors:index"))
    assert page.status_code == 200
    assert "Lakeside Foundation" in page.text and "$100.00" in page.text
    assert "Scholarship sponsors report" in client.get(reverse("wagtailadmin_home")).text
    outsider = UserFactory(is_staff=True)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert "Scholarship sponsors report" not in client.get(reverse("wagtailadmin_home")).text
    refused = client.get(reverse("lms_scholarship_sponsors:index"))
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
