"""The pay statement PDF, rendered by the shared service and read back with a PDF parser."""

import datetime as dt
import io
import re
from decimal import Decimal

import pdfplumber
import pytest
from django.utils import timezone
from pypdf import PdfReader

from lms.documents import pdf_render, static_files_fetcher
from lms.models import ExpenseLine, PayStatement, PayStatementLine
from lms.services.compensation import (
    pay_statement_approve,
    pay_statement_pdf_render,
    pay_statement_record_payment,
)
from lms.tasks.compensation import pay_statement_pdf_store
from tests.factories import (
    FacilitatorPayProfileFactory,
    MeetingFactory,
    PayStatementFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)
from tests.factories.compensation import session_report_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    profile = FacilitatorPayProfileFactory(
        legal_name="Amara N. Okafor", address_line1="1400 S Michigan Ave", postal_code="60605"
    )
    session = SessionFactory(
        training=TrainingFactory(title="Advancing Racial Equity in Our Sector"), meeting=False
    )
    statement = PayStatementFactory(
        facilitator=profile.facilitator, pay_cents=49375, expenses_cents=4250
    )
    for order, (kind, text, hours, rate, amount) in enumerate(
        [
            ("cancelled", "Meeting cancelled – not delivered, not paid", "0", 0, 0),
            ("delivery", "Delivery as lead, 3.58 h", "3.5833", 7500, 26875),
            ("preparation", "Preparation, 3 h", "3", 7500, 22500),
        ]
    ):
        PayStatementLine.objects.create(
            statement=statement,
            session=session,
            kind=kind,
            description=text,
            day=dt.date(2026, 2, 3 + 7 * (order > 0)),
            role="lead",
            hours=Decimal(hours),
            rate_cents=rate,
            amount_cents=amount,
            sort_order=order,
        )
    ExpenseLine.objects.create(
        statement=statement, kind="travel", description="Parking, 200 W Adams", amount_cents=4250
    )
    return statement


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def approve(statement):
    # What pay_statement_approve does once the session reports check out (tested with
    # session reports in test_statements.py), then the PDF task it enqueues.
    statement.status, statement.number = PayStatement.Status.APPROVED, 1
    statement.approved_at = timezone.now()
    statement.save()
    pay_statement_pdf_store(statement.pk)
    statement.refresh_from_db()
    return statement


def test_approved_statement_pdf_has_number_lines_and_totals(statement):
    statement = approve(statement)
    # The task stored the PDF privately.
    assert re.search(r"pay-statements/\d{4}/PS-000001(_\w+)?\.pdf$", statement.pdf.name)
    stored = statement.pdf.read()
    text = text_of(stored)
    assert "Pay statement PS-000001" in text
    assert "Amara N. Okafor" in text
    assert "Advancing Racial Equity in Our Sector" in text
    assert "Delivery as lead, 3.58 h 3.58 $75.00/h $268.75" in text
    assert "Preparation, 3 h 3 $75.00/h $225.00" in text
    assert "Meeting cancelled – not delivered, not paid $0.00" in text
    assert "Parking, 200 W Adams $42.50" in text
    assert "Total payable $536.25" in text
    assert "Approved, awaiting payment" in text
    assert PdfReader(io.BytesIO(stored)).metadata.title == "Pay statement PS-000001"


def test_paid_statement_pdf_is_reissued_with_the_payment(
    statement, django_capture_on_commit_callbacks
):
    finance = UserFactory()
    approve(statement)
    with django_capture_on_commit_callbacks(execute=True):
        pay_statement_record_payment(
            statement=statement,
            method="check",
            reference="1042",
            paid_on=dt.date.today(),
            by=finance,
        )
    statement.refresh_from_db()
    text = text_of(statement.pdf.read())
    assert "Status\nPaid" in text
    assert "by check, reference 1042" in text


def test_draft_pdf_is_marked_draft(statement):
    pdf = pay_statement_pdf_render(statement=statement)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        characters = "".join(char["text"] for char in document.pages[0].chars)
    assert "DRAFT" in characters  # the rotated watermark
    assert "Pay statement Draft" in text_of(pdf)


def test_approval_issues_the_pdf(statement, django_capture_on_commit_callbacks):
    session = statement.lines.first().session
    MeetingFactory(session=session, starts_at=timezone.now() - dt.timedelta(days=3), minutes=60)
    session_report_file(session=session, delivered=[("09:30", 60, {})])
    statement.computed_at = timezone.now()
    statement.save()
    with django_capture_on_commit_callbacks(execute=True):
        statement = pay_statement_approve(statement=statement, by=UserFactory())
    statement.refresh_from_db()
    assert re.search(r"PS-000001(_\w+)?\.pdf$", statement.pdf.name)
    assert "Pay statement PS-000001" in text_of(statement.pdf.read())


def test_rendering_service_loads_static_css_and_refuses_the_network():
    fetcher = static_files_fetcher(base_url="http://127.0.0.1:8000/")
    css = fetcher.fetch("http://127.0.0.1:8000/static/css/pdf.css")
    assert css.read().startswith(b"/* Shared print styles")
    for url in (
        "http://example.com/evil.css",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/static/../config/settings/base.py",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_rendering_service_renders_a_template_to_pdf_bytes(statement):
    pdf = pdf_render(
        template_name="pdf/pay_statement.html",
        context={"statement": statement, "sessions": [], "pay_settings": None},
        base_url="https://ce.coalition.example/",
    )
    assert pdf.startswith(b"%PDF-")
    assert "Pay statement Draft" in text_of(pdf)
