"""The agency invoice PDF, for its coordinator and for staff."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from lms.models import (
    Invoice,
)
from lms.services.invoices import invoice_pdf_render


@login_required
def invoice_pdf(request, pk: int):
    """The invoice PDF, for the coordinator who registered the group and for staff who see
    invoices; anyone else gets a 404. Rendered now if the background task has not yet."""
    invoice = get_object_or_404(Invoice, pk=pk)
    if invoice.coordinator_id != request.user.pk and not request.user.has_perm("lms.view_invoice"):
        raise Http404("No invoice here.")
    if not invoice.pdf:
        invoice = invoice_pdf_render(invoice_id=invoice.pk)
    return FileResponse(
        invoice.pdf.open("rb"),
        as_attachment=True,
        filename=f"{invoice.display_number}.pdf",
        content_type="application/pdf",
    )
