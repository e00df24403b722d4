"""The one PDF render-and-store step (lms.documents), shared by invoices, pay statements and
certificates: the PDF lands in the private storage, a new render replaces the last file, and
only the file column of the row is written."""

import io

import pytest
from pypdf import PdfReader

from lms.documents import pdf_render_and_store
from lms.models import Invoice
from lms.rules.money import dollars
from lms.services.groups import Attendee, group_registration_invoice
from lms.services.invoices import invoice_pdf_render
from lms.storage import private_storage
from tests.factories import OrganizationFactory, ProfileFactory, paid_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice():
    session, tiers = paid_session()
    return group_registration_invoice(
        session=session,
        coordinator=ProfileFactory().user,
        organization=OrganizationFactory(),
        tier=tiers["organization"],
        attendees=[Attendee("Ana Ruiz", "ana@agency.org")],
        attested=True,
    )


def test_a_new_render_replaces_the_stored_file(invoice):
    first = invoice_pdf_render(invoice_id=invoice.pk).pdf.name
    assert private_storage().exists(first)
    second = invoice_pdf_render(invoice_id=invoice.pk).pdf.name
    assert Invoice.objects.get(pk=invoice.pk).pdf.name == second
    assert private_storage().exists(second)
    if second != first:  # a storage that overwrites keeps the name; ours adds a suffix
        assert not private_storage().exists(first), "the replaced PDF was left behind"


def test_the_step_writes_only_the_file_column(invoice):
    stale = Invoice.objects.get(pk=invoice.pk)
    Invoice.objects.filter(pk=invoice.pk).update(status=Invoice.Status.VOID)
    name = pdf_render_and_store(
        instance=stale,
        filename=f"{stale.display_number}.pdf",
        template_name="pdf/invoice.html",
        context={
            "invoice": stale,
            "lines": [(line, dollars(line.amount_cents)) for line in stale.lines.all()],
            "total": dollars(stale.total_cents),
            "instructions": "",
        },
    )
    stored = Invoice.objects.get(pk=invoice.pk)
    assert stored.status == Invoice.Status.VOID  # not overwritten by the stale instance
    assert stored.pdf.name == name and name.startswith("invoices/")
    with private_storage().open(name) as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert f"Invoice {stale.display_number}" in text
