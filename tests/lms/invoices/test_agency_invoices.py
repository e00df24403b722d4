"""Agency group registration with an invoice: all or nothing, a PDF read back, Finance records
the payment."""

import datetime as dt
import io

import pytest
from django.core import mail
from pypdf import PdfReader

from lms.errors import TransitionRefused
from lms.models import Invoice, InvoiceLine, Registration, User
from lms.services.groups import Attendee, attendees_parse, group_registration_invoice
from lms.services.invoices import (
    AgencyError,
    invoice_payment_record,
    invoice_pdf_render,
    invoice_void,
)
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    StaffFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db

TEAM = [
    Attendee("Ana Ruiz", "ana@agency.org"),
    Attendee("Ben Okafor", "ben@agency.org"),
    Attendee("Chen Li", "chen@agency.org"),
]


@pytest.fixture
def coordinator():
    return ProfileFactory().user


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Name at least one attendee."),
        ("Ana Ruiz ana@agency.org", 'Line 1: write "Full name, email"'),
        (", ana@agency.org", "Line 1: the attendee's name is missing."),
        ("Ana, a@x.org\nAna Two, A@x.org", "Each attendee needs their own email address."),
    ],
)
def test_attendee_list_errors(text, error):
    with pytest.raises(AgencyError) as refused:
        attendees_parse(text)
    assert refused.value.message.startswith(error)


def test_attendee_list_parses():
    assert attendees_parse("Ana Ruiz, ANA@agency.org\n\n Ben O , ben@agency.org ") == [
        Attendee("Ana Ruiz", "ana@agency.org"),
        Attendee("Ben O", "ben@agency.org"),
    ]


def test_invoice_confirms_everyone_and_its_pdf_has_number_lines_and_total(
    coordinator, django_capture_on_commit_callbacks
):
    session, tiers = paid_session(capacity=5)
    organization = OrganizationFactory(name="Riverside Family Services")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=organization,
            tier=tiers["organization"],
            attendees=TEAM[:1],
            attested=True,
        )
        invoice = group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=organization,
            tier=tiers["organization"],
            attendees=TEAM[1:],
            attested=True,
        )
    assert invoice.number == first.number + 1
    assert invoice.total_cents == 9000
    assert (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED).count()
        == 3
    )
    # Each attendee gets their own confirmation.
    assert sorted(m.to[0] for m in mail.outbox) == [a.email for a in TEAM]

    invoice.refresh_from_db()
    text = PdfReader(io.BytesIO(invoice.pdf.read())).pages[0].extract_text()
    assert f"Invoice INV-{invoice.number:05d}" in text
    assert "Riverside Family Services" in text
    assert "Ben Okafor (ben@agency.org)" in text
    assert "Chen Li (chen@agency.org)" in text
    assert "Ana Ruiz" not in text
    assert text.count("$45.00") == 2
    assert "Total due $90.00" in text
    assert "Due " in text


def test_a_group_larger_than_the_seats_left_creates_nothing(coordinator):
    session, tiers = paid_session(capacity=2)
    with pytest.raises(AgencyError) as refused:
        group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=OrganizationFactory(),
            tier=tiers["organization"],
            attendees=TEAM,
            attested=True,
        )
    assert refused.value.message == (
        "Only 2 seats left: you named 3 attendees. Nothing was registered."
    )
    assert not Registration.objects.exists()
    assert not Invoice.objects.exists()
    assert not User.objects.filter(email__in=[a.email for a in TEAM]).exists()


def invoiced(coordinator, attendees):
    """An agency's group registration for a new paid session, billed by invoice."""
    session, tiers = paid_session()
    return group_registration_invoice(
        session=session,
        coordinator=coordinator,
        organization=OrganizationFactory(),
        tier=tiers["organization"],
        attendees=attendees,
        attested=True,
    )


def test_finance_records_a_payment_once_and_cannot_void_a_paid_invoice(coordinator):
    invoice = invoiced(coordinator, TEAM[:2])
    invoice_pdf_render(invoice_id=invoice.pk)
    finance = UserFactory(is_staff=True)
    with pytest.raises(AgencyError, match="check number"):
        invoice_payment_record(
            invoice=invoice, method="check", reference=" ", paid_on=dt.date.today(), by=finance
        )
    paid = invoice_payment_record(
        invoice=invoice, method="check", reference="1042", paid_on=dt.date.today(), by=finance
    )
    assert paid.status == Invoice.Status.PAID
    with pytest.raises(TransitionRefused, match="from “Paid” to “Void”"):
        invoice_void(invoice=invoice, reason="mistake", by=finance)
    assert InvoiceLine.objects.filter(invoice=invoice).count() == 2


def test_overdue_is_open_and_past_due(coordinator):
    invoice = invoiced(coordinator, TEAM[:1])
    assert not invoice.is_overdue
    invoice.due_on = dt.date.today() - dt.timedelta(days=1)
    assert invoice.is_overdue


def test_coordinator_page_and_finance_admin(client, coordinator):
    from django.urls import reverse

    session, tiers = paid_session(capacity=2)
    organization = OrganizationFactory()
    coordinator.profile.organization = organization
    coordinator.profile.save()
    client.force_login(coordinator)
    url = reverse("lms:group_register", args=[session.pk])
    too_many = "\n".join(f"{a.name}, {a.email}" for a in TEAM)
    response = client.post(
        url,
        {
            "tier": tiers["organization"].pk,
            "attendees": too_many,
            "attest": "on",
            "payment": "invoice",
        },
    )
    assert b"Only 2 seats left: you named 3 attendees." in response.content
    response = client.post(
        url,
        {
            "tier": tiers["organization"].pk,
            "attendees": "Ana Ruiz, ana@agency.org",
            "attest": "on",
            "payment": "invoice",
        },
    )
    assert response.status_code == 302
    invoice = Invoice.objects.get()

    finance = StaffFactory(groups=["Finance"])
    client.force_login(finance)
    listing = client.get(reverse("lms_invoices:index"), {"status": "open"})
    assert invoice.display_number.encode() in listing.content
    client.post(
        reverse("lms_invoices:pay", args=[invoice.pk]),
        {"method": "ach", "reference": "ACH-77", "paid_on": "2026-11-20"},
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.payment_reference) == (Invoice.Status.PAID, "ACH-77")
    # A refused transition shows on the form like any other refusal.
    response = client.post(reverse("lms_invoices:void", args=[invoice.pk]), {"reason": "typo"})
    assert response.status_code == 200
    assert "An invoice cannot go from “Paid” to “Void”." in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


def test_the_invoice_pdf_is_private_and_served_to_its_coordinator_and_staff(
    client, coordinator, settings, django_capture_on_commit_callbacks
):
    from django.core.files.storage import storages
    from django.urls import reverse

    from lms.storage import PrivateStorage

    session, tiers = paid_session(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=OrganizationFactory(),
            tier=tiers["organization"],
            attendees=TEAM[:1],
            attested=True,
        )
    invoice.refresh_from_db()
    # Kept in the private storage, outside MEDIA_ROOT: nothing under /media/ can serve it.
    assert isinstance(invoice.pdf.storage, PrivateStorage)
    assert not storages["private"].path(invoice.pdf.name).startswith(str(settings.MEDIA_ROOT))
    url = reverse("lms:invoice_pdf", args=[invoice.pk])

    client.force_login(coordinator)
    page = client.get(reverse("lms:group_detail", args=[invoice.pk])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert f"Invoice INV-{invoice.number:05d}" in text

    client.force_login(UserFactory())  # another participant
    assert client.get(url).status_code == 404
    finance = StaffFactory(groups=["Finance"])
    client.force_login(finance)
    assert client.get(url).status_code == 200
