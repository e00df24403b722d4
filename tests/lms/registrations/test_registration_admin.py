"""Staff admin: rosters with filters and CSV export, history, cancelling and refunding."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Payment, Refund, Registration
from lms.services.registrations import registration_create
from tests.factories import PaymentFactory, ProfileFactory, StaffFactory, paid_session

pytestmark = pytest.mark.django_db


def confirmed_and_paid(session, tier, **profile):
    person = ProfileFactory(**profile).user
    registration = registration_create(session=session, person=person, tier=tier, attested=True)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CONFIRMED)
    return registration, PaymentFactory(registration=registration)


def test_roster_csv_export_for_one_session(client):
    session, tiers = paid_session()
    other, other_tiers = paid_session()
    confirmed_and_paid(
        session, tiers["standard"], printed_name="Ada Lovelace", license_number="150.111"
    )
    confirmed_and_paid(
        session, tiers["community"], printed_name="Grace Hopper", accessibility_needs="Captions"
    )
    confirmed_and_paid(other, other_tiers["standard"], printed_name="Not In This Session")
    client.force_login(StaffFactory(groups=["Program staff"]))
    listing = client.get(reverse("lms_registrations:index"), {"session": session.pk})
    assert listing.status_code == 200
    response = client.get(
        reverse("lms_registrations:index"), {"session": session.pk, "export": "csv"}
    )
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert sorted(row["Printed name"] for row in rows) == ["Ada Lovelace", "Grace Hopper"]
    ada = next(row for row in rows if row["Printed name"] == "Ada Lovelace")
    assert (ada["License number"], ada["Status"], ada["Fee tier"], ada["Amount (cents)"]) == (
        "150.111",
        "Confirmed",
        "Standard rate",
        "5000",
    )
    grace = next(row for row in rows if row["Printed name"] == "Grace Hopper")
    assert grace["Accessibility needs"] == "Captions"


def test_registration_filters_by_status(client):
    session, tiers = paid_session()
    confirmed_and_paid(session, tiers["standard"], printed_name="Paid Person")
    registration_create(
        session=session,
        person=ProfileFactory(printed_name="Held Person").user,
        tier=tiers["standard"],
        attested=True,
    )
    client.force_login(StaffFactory(groups=["Program staff"]))
    page = client.get(
        reverse("lms_registrations:index"), {"status": "pending_payment"}
    ).content.decode()
    assert "Held Person" not in page or "Paid Person" not in page
    response = client.get(
        reverse("lms_registrations:index"), {"status": "pending_payment", "export": "csv"}
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [row["Printed name"] for row in rows] == ["Held Person"]


def test_registration_history_shows_the_audit_trail(client):
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    client.force_login(StaffFactory(groups=["Program staff"]))
    page = client.get(reverse("lms_registrations:history", args=[registration.pk])).content.decode()
    assert "Seat held" in page
    inspect = client.get(reverse("lms_registrations:inspect", args=[registration.pk]))
    assert inspect.status_code == 200


def test_edit_form_cannot_change_status_or_money(client):
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    client.force_login(StaffFactory(groups=["Program staff"]))
    client.post(
        reverse("lms_registrations:edit", args=[registration.pk]),
        {"staff_notes": "Called about parking", "status": "confirmed", "amount_cents": "1"},
    )
    registration.refresh_from_db()
    assert registration.staff_notes == "Called about parking"
    assert (registration.status, registration.amount_cents) == ("pending_payment", 5000)


def test_staff_cancel_with_policy_refund(client, django_capture_on_commit_callbacks):
    session, tiers = paid_session(meeting__days_ahead=30)
    registration, payment = confirmed_and_paid(session, tiers["standard"])
    client.force_login(StaffFactory(groups=["Program staff"]))
    url = reverse("lms_registrations:cancel", args=[registration.pk])
    page = client.get(url).content.decode()
    assert "The policy gives $50.00" in page
    assert "Refund this amount" not in page  # only Finance may override the amount
    response = client.post(url, {"reason": "Moved to the spring cohort"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    refund = Refund.objects.get(payment=payment)
    assert (refund.amount_cents, refund.reason) == (5000, "staff")


def test_finance_cancel_with_an_override(client):
    session, tiers = paid_session(meeting__days_ahead=2)
    registration, payment = confirmed_and_paid(session, tiers["standard"])
    client.force_login(StaffFactory(groups=["Finance"]))
    url = reverse("lms_registrations:cancel", args=[registration.pk])
    response = client.post(url, {"reason": "Illness", "refund": "amount", "amount": "80"})
    assert "A refund is between $0.00 and $50.00" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    client.post(url, {"reason": "Illness", "refund": "amount", "amount": "20.00"})
    assert Refund.objects.get(payment=payment).amount_cents == 2000


def test_only_finance_refunds(client):
    session, tiers = paid_session()
    _, payment = confirmed_and_paid(session, tiers["standard"])
    url = reverse("lms_payments:refund", args=[payment.pk])
    client.force_login(StaffFactory(groups=["Program staff"]))
    # Wagtail answers a permission refusal with a redirect to the admin home and a message.
    assert client.get(url).url == "/admin/"
    assert client.post(url, {"amount": "10", "reason": "staff", "note": "x"}).url == "/admin/"
    assert not Refund.objects.exists()

    finance = StaffFactory(groups=["Finance"])
    client.force_login(finance)
    assert "at most $50.00 left" in client.get(url).content.decode()
    response = client.post(url, {"amount": "60", "reason": "staff", "note": "Too much"})
    assert "At most $50.00 is left to refund on this payment." in response.content.decode()
    response = client.post(
        url, {"amount": "15.50", "reason": "staff", "note": "Missed the first hour"}
    )
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert (refund.amount_cents, refund.requested_by, refund.note) == (
        1550,
        finance,
        "Missed the first hour",
    )
    assert "lms.payment.refund" in ModelLogEntry.objects.for_instance(payment).values_list(
        "action", flat=True
    )


def test_payments_needing_attention_are_listed_for_finance(client):
    session, tiers = paid_session()
    _, flagged = confirmed_and_paid(session, tiers["standard"])
    _, fine = confirmed_and_paid(session, tiers["community"])
    Payment.objects.filter(pk=flagged.pk).update(
        needs_attention=True, attention_note="Paid after the hold expired"
    )
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get(
        reverse("lms_payments:index"), {"needs_attention": "true", "export": "csv"}
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [int(row["Payment"]) for row in rows] == [flagged.pk]
    assert rows[0]["What happened"] == "Paid after the hold expired"
    assert fine.pk not in [int(row["Payment"]) for row in rows]
    inspect = client.get(reverse("lms_payments:inspect", args=[flagged.pk])).content.decode()
    assert "Paid after the hold expired" in inspect


def test_participants_have_no_admin_access(client):
    session, tiers = paid_session()
    registration, _ = confirmed_and_paid(session, tiers["standard"])
    client.force_login(registration.person)
    response = client.get(reverse("lms_registrations:index"))
    assert response.status_code in (302, 403)
