"""Agency invoices: the PDF, recording a payment that arrived by check or ACH, voiding."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from lms.documents import pdf_render_and_store
from lms.models import (
    Invoice,
)
from lms.rules.money import dollars
from lms.services.audit import audit_log
from lms.services.groups import AgencyError


def invoice_pdf_render(*, invoice_id: int) -> Invoice:
    invoice = Invoice.objects.select_related("organization", "session__training").get(pk=invoice_id)
    pdf_render_and_store(
        instance=invoice,
        filename=f"{invoice.display_number}.pdf",
        template_name="pdf/invoice.html",
        context={
            "invoice": invoice,
            "lines": [(line, dollars(line.amount_cents)) for line in invoice.lines.all()],
            "total": dollars(invoice.total_cents),
            "instructions": settings.INVOICE_PAYMENT_INSTRUCTIONS,
        },
    )
    return invoice


def invoice_payment_record(
    *, invoice: Invoice, method: str, reference: str, paid_on: dt.date, by
) -> Invoice:
    if not reference.strip():
        raise AgencyError("Enter the check number or ACH reference.")
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status == Invoice.Status.PAID:
            return invoice
        invoice.transition_to(Invoice.Status.PAID)
        invoice.payment_method = method
        invoice.payment_reference = reference.strip()
        invoice.paid_on = paid_on
        invoice.save()
        audit_log(
            instance=invoice,
            action="lms.invoice.pay",
            user=by,
            data={"method": method, "reference": reference, "paid_on": paid_on.isoformat()},
        )
    return invoice


def invoice_void(*, invoice: Invoice, reason: str, by) -> Invoice:
    if not reason.strip():
        raise AgencyError("Give a reason for voiding the invoice.")
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status == Invoice.Status.VOID:
            return invoice
        invoice.transition_to(Invoice.Status.VOID)
        invoice.save(update_fields=["status"])
        audit_log(instance=invoice, action="lms.invoice.void", user=by, data={"reason": reason})
    return invoice
