"""`make demo` shows the scholarship, waitlist and agency-invoice journeys."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from lms.models import Invoice, ScholarshipApplication, ScholarshipFund, WaitlistEntry
from lms.services.scholarship_ledger import fund_position_read

pytestmark = pytest.mark.django_db


def test_seed_demo_prepares_the_equity_journeys(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    settings.DEBUG = False

    fund = ScholarshipFund.objects.get(name="Frontline Worker Equity Fund")
    assert fund.sponsor_name == "Lakeside Community Foundation"
    assert fund_position_read(fund=fund).credited_cents == 225000
    application = ScholarshipApplication.objects.get(person__email="applicant@demo.test")
    assert application.status == ScholarshipApplication.Status.PENDING
    assert application.registration.holds_seat

    waiting = WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING)
    assert [e.person.email for e in waiting.order_by("position")] == [
        "newcomer@demo.test",  # first-time participant: priority
        "participant@demo.test",
    ]

    invoice = Invoice.objects.get(coordinator__email="coordinator@demo.test")
    assert invoice.lines.count() == 3
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(invoice.pdf.read())).pages)
    assert invoice.display_number in text and "Bea Thompson" in text

    assert client.login(email="participant@demo.test", password="coalition-demo")
    assert "number 2 on the waitlist" in client.get("/my/").text
    assert client.login(email="coordinator@demo.test", password="coalition-demo")
    group_page = client.get(f"/my/groups/{invoice.pk}/").text
    assert "Chris Nguyen" in group_page and "Swap" in group_page
    assert client.login(email="staff@demo.test", password="coalition-demo")
    queue = client.get("/admin/scholarship-applications/", {"status": "pending"}).text
    assert "Jordan Lee" in queue or "applicant@demo.test" in queue
    assert "Lakeside Community Foundation" in client.get("/admin/scholarship-sponsors/").text
