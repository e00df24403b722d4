"""Finance's admin screens and the facilitator's /facilitate/pay/ page, through the client."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import ConnectStatus, PayStatement
from tests.factories import (
    FacilitatorFactory,
    FacilitatorPayProfileFactory,
    PayStatementFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.compensation import paid_statement

pytestmark = pytest.mark.django_db


def member(group_name, email):
    return StaffFactory(email=email, groups=[group_name])


@pytest.fixture
def finance_client(client):
    client.force_login(member("Finance", "finance@example.org"))
    return client


@pytest.fixture
def profile():
    return FacilitatorPayProfileFactory(legal_name="Amara N. Okafor")


def approved_statement(profile, **kwargs):
    return PayStatementFactory(
        facilitator=profile.facilitator,
        status=PayStatement.Status.APPROVED,
        number=kwargs.pop("number", 1),
        **kwargs,
    )


def messages_of(response):
    return [str(m).strip() for m in response.context["messages"]]


# --- Finance in the admin ----------------------------------------------------------------


def test_finance_sees_the_pay_menu_and_queue(finance_client, profile):
    PayStatementFactory(facilitator=profile.facilitator)
    response = finance_client.get("/admin/")
    assert b"Facilitator pay" in response.content
    response = finance_client.get(reverse("pay_statements:index"))
    assert response.status_code == 200
    assert profile.facilitator.name in response.content.decode()
    assert finance_client.get(reverse("rate_cards:index")).status_code == 200
    assert finance_client.get(reverse("pay_profiles:index")).status_code == 200
    assert finance_client.get(reverse("form_1099_thresholds:index")).status_code == 200


def test_program_staff_cannot_reach_pay(client, profile):
    client.force_login(member("Program staff", "staff@example.org"))
    statement = PayStatementFactory(facilitator=profile.facilitator)
    assert b"Facilitator pay" not in client.get("/admin/").content
    for url in (
        reverse("pay_statements:index"),
        reverse("pay_statements:detail", args=[statement.pk]),
        reverse("form_1099:index"),
        reverse("pay_profiles:w9", args=[profile.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert client.get(reverse("rate_cards:index")).status_code in (302, 403)


def test_approve_then_record_a_check_payment(finance_client, profile):
    statement = PayStatementFactory(facilitator=profile.facilitator, pay_cents=45000)
    response = finance_client.post(
        reverse("pay_statements:approve", args=[statement.pk]), follow=True
    )
    assert "Approved as PS-000001" in " ".join(messages_of(response))
    response = finance_client.post(
        reverse("pay_statements:record_payment", args=[statement.pk]),
        {"method": "check", "reference": "1042", "paid_on": dt.date.today().isoformat()},
        follow=True,
    )
    assert "Recorded as paid: $450.00 by check, reference 1042." in messages_of(response)
    statement.refresh_from_db()
    assert statement.status == PayStatement.Status.PAID


def test_record_payment_without_w9_shows_the_reason(finance_client, profile):
    profile.w9_received_on = None
    profile.save()
    statement = approved_statement(profile)
    response = finance_client.post(
        reverse("pay_statements:record_payment", args=[statement.pk]),
        {"method": "ach", "reference": "T1", "paid_on": dt.date.today().isoformat()},
        follow=True,
    )
    assert any("No W-9 is on file" in m for m in messages_of(response))
    assert b"Missing \xe2\x80\x93 no payment until a W-9 is on file" in response.content


def test_failed_transfer_is_shown_on_the_statement(finance_client, profile, stripe_connect):
    profile.connect_account_id = "acct_1QxRkP2eZvKYlo2C"
    profile.connect_status = ConnectStatus.ENABLED
    profile.save()
    statement = approved_statement(profile)
    stripe_connect.transfer_outcome = "transfer_failed"
    response = finance_client.post(
        reverse("pay_statements:pay_connect", args=[statement.pk]), follow=True
    )
    page = response.content.decode()
    assert "The last payment attempt failed; the statement is still unpaid." in page
    assert "You have insufficient available funds" in page
    assert "Approved, awaiting payment" in page


def test_expense_form_takes_dollars(finance_client, profile):
    statement = PayStatementFactory(facilitator=profile.facilitator, pay_cents=45000)
    finance_client.post(
        reverse("pay_statements:expense_add", args=[statement.pk]),
        {"kind": "travel", "description": "Train to Springfield", "amount_cents": "42.50"},
    )
    statement.refresh_from_db()
    assert statement.expenses_cents == 4250
    response = finance_client.post(
        reverse("pay_statements:expense_add", args=[statement.pk]),
        {"kind": "travel", "description": "Taxi", "amount_cents": "12.345"},
        follow=True,
    )
    assert any("two decimals" in m for m in messages_of(response))


def test_prepare_for_a_session_without_a_report_is_refused_with_the_reason(finance_client):
    from tests.factories import SessionFacilitatorFactory

    assignment = SessionFacilitatorFactory()
    response = finance_client.post(
        reverse("pay_statements:prepare"),
        {
            "action": "session",
            "session-session": assignment.session.pk,
            "session-facilitator": assignment.facilitator.pk,
        },
        follow=True,
    )
    assert any("cannot be paid" in m or "No session report" in m for m in messages_of(response))
    assert not PayStatement.objects.exists()


def test_statement_pdf_for_finance(finance_client, profile):
    statement = PayStatementFactory(facilitator=profile.facilitator)
    response = finance_client.get(reverse("pay_statements:pdf", args=[statement.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_w9_only_for_finance_and_the_opening_is_logged(finance_client, client, profile):
    profile.w9_file.save("w9.pdf", ContentFile(b"%PDF-1.4 W-9 of Amara"), save=True)
    response = finance_client.get(reverse("pay_profiles:w9", args=[profile.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 W-9 of Amara"
    assert response["Content-Disposition"].startswith("attachment")
    assert ModelLogEntry.objects.filter(action="lms.pay_profile.w9_open").count() == 1
    # The edit form links the file through that view, never a media URL.
    page = finance_client.get(reverse("pay_profiles:edit", args=[profile.pk])).content.decode()
    assert reverse("pay_profiles:w9", args=[profile.pk]) in page
    assert "/media/w9/" not in page


def test_overlapping_rate_card_is_refused_in_the_admin(finance_client):
    from tests.factories import RateCardFactory

    RateCardFactory(name="Standard 2026")
    response = finance_client.post(
        reverse("rate_cards:add"),
        {
            "name": "Summer",
            "facilitator": "",
            "effective_from": "2026-06-01",
            "effective_until": "",
            "lead_hourly_cents": "80.00",
            "co_hourly_cents": "55.00",
            "lived_experience_hourly_cents": "",
            "prep_hours_per_delivered_hour": "1.00",
            "prep_hours_cap_per_meeting": "",
            "minimum_per_session_cents": "250.00",
        },
    )
    assert response.status_code == 200
    assert "overlap the rate card “Standard 2026”" in response.content.decode()


def test_rate_card_amounts_are_entered_in_dollars(finance_client):
    from lms.models import RateCard

    response = finance_client.post(
        reverse("rate_cards:add"),
        {
            "name": "Standard 2026",
            "facilitator": "",
            "effective_from": "2026-01-01",
            "effective_until": "",
            "lead_hourly_cents": "75.00",
            "co_hourly_cents": "50",
            "lived_experience_hourly_cents": "90.00",
            "prep_hours_per_delivered_hour": "1.00",
            "prep_hours_cap_per_meeting": "3",
            "minimum_per_session_cents": "250.00",
        },
    )
    assert response.status_code == 302
    card = RateCard.objects.get()
    assert (card.lead_hourly_cents, card.co_hourly_cents, card.minimum_per_session_cents) == (
        7500,
        5000,
        25000,
    )


def test_1099_list_and_csv(finance_client, profile):
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2025, 12, 1), pay_cents=70000)
    page = finance_client.get(reverse("form_1099:index") + "?year=2025").content.decode()
    assert "Amara N. Okafor" in page and "Yes – file a 1099-NEC" in page and "$600.00" in page
    response = finance_client.get(reverse("form_1099:index") + "?year=2025&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["Paid (USD, 1099-NEC box 1)"] == "700.00"
    assert response["Content-Disposition"] == 'attachment; filename="1099-nec-list-2025.csv"'


@pytest.mark.parametrize("year", ["0", "-1", "99999999", "9" * 40, "abc", "２０２５", "1999"])
@pytest.mark.parametrize("csv_format", [False, True], ids=["page", "csv"])
def test_1099_list_for_a_year_that_is_not_one_says_so(finance_client, profile, year, csv_format):
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2025, 12, 1), pay_cents=70000)
    query = {"year": year, **({"format": "csv"} if csv_format else {})}
    response = finance_client.get(reverse("form_1099:index"), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no 1099-NEC list for year" in page
    assert "choose a calendar year from 2000 to 2100" in page
    assert "Amara N. Okafor" in page  # the latest year with payments, shown instead


# --- The facilitator at /facilitate/pay/ -------------------------------------------------


@pytest.fixture
def facilitator_client(client, profile):
    user = UserFactory(email="amara@example.org")
    profile.facilitator.user = user
    profile.facilitator.save()
    client.force_login(user)
    return client


def test_facilitator_sees_own_statements_not_drafts_nor_others(facilitator_client, profile):
    mine = approved_statement(profile, number=7, pay_cents=45000)
    PayStatementFactory(  # a draft
        facilitator=profile.facilitator, pay_cents=11100, period_start=dt.date(2026, 3, 1)
    )
    theirs = approved_statement(FacilitatorPayProfileFactory(), number=8, pay_cents=22200)

    page = facilitator_client.get(reverse("lms:facilitate_pay")).content.decode()
    assert "PS-000007" in page and "$450.00" in page
    assert "Approved – payment on its way" in page
    assert "$111.00" not in page and "PS-000008" not in page

    pdf = facilitator_client.get(reverse("lms:facilitate_pay_pdf", args=[mine.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert (
        facilitator_client.get(reverse("lms:facilitate_pay_pdf", args=[theirs.pk])).status_code
        == 404
    )


def test_paid_status_is_shown(facilitator_client, profile):
    paid_statement(
        facilitator=profile.facilitator, paid_on=dt.date(2026, 3, 2), pay_cents=45000, number=3
    )
    page = facilitator_client.get(reverse("lms:facilitate_pay")).content.decode()
    assert "Paid Mar 2, 2026 by check" in page


def test_not_a_facilitator_is_refused(client):
    client.force_login(UserFactory())
    response = client.get(reverse("lms:facilitate_pay"))
    assert response.status_code == 403
    assert "Facilitators only" in response.content.decode()


def test_the_portal_links_to_my_pay(facilitator_client):
    page = facilitator_client.get(reverse("lms:facilitate")).content.decode()
    assert reverse("lms:facilitate_pay") in page


def test_signed_out_goes_to_sign_in(client):
    response = client.get(reverse("lms:facilitate_pay"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_direct_deposit_set_up_goes_to_stripe(facilitator_client, profile, stripe_connect):
    page = facilitator_client.get(reverse("lms:facilitate_pay")).content.decode()
    assert "Set up direct deposit" in page
    response = facilitator_client.post(reverse("lms:facilitate_pay_direct_deposit"))
    assert response.status_code == 302
    assert response["Location"].startswith("https://connect.stripe.com/setup/e/acct_")
    (link,) = stripe_connect.received("POST", "/v1/account_links")
    assert link.params["return_url"] == "http://testserver/facilitate/pay/?direct-deposit=returned"

    # Back from Stripe: the status is read from Stripe straight away.
    page = facilitator_client.get(link.params["return_url"]).content.decode()
    profile.refresh_from_db()
    assert profile.connect_status == ConnectStatus.ENABLED
    assert "Payouts enabled" in page
    assert "Set up direct deposit" not in page


def test_direct_deposit_hidden_when_connect_is_off(facilitator_client, settings):
    settings.STRIPE_CONNECT_ENABLED = False
    page = facilitator_client.get(reverse("lms:facilitate_pay")).content.decode()
    assert "direct deposit" not in page.lower()


def test_facilitator_without_pay_profile(client):
    user = UserFactory()
    FacilitatorFactory(user=user)
    client.force_login(user)
    page = client.get(reverse("lms:facilitate_pay")).content.decode()
    assert "Finance has not set up your pay profile yet" in page


def test_finance_uploads_a_w9_in_the_pay_profile(finance_client, profile):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "facilitator": profile.facilitator.pk,
        "legal_name": profile.legal_name,
        "email": profile.email,
        "phone": "",
        "address_line1": profile.address_line1,
        "address_line2": "",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60606",
        "payout_method": "check",
        "w9_received_on": "2026-02-02",
        "notes": "",
    }
    url = reverse("pay_profiles:edit", args=[profile.pk])
    refused = finance_client.post(url, {**data, "w9_file": SimpleUploadedFile("w9.exe", b"MZ")})
    assert refused.status_code == 200
    assert "File extension “exe” is not allowed" in refused.content.decode()

    response = finance_client.post(
        url, {**data, "w9_file": SimpleUploadedFile("w9.pdf", b"%PDF-1.4 signed W-9")}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.w9_received_on == dt.date(2026, 2, 2)
    assert profile.w9_file.read() == b"%PDF-1.4 signed W-9"
