"""Tasks for agency invoices."""


def invoice_pdf_render(invoice_id: int) -> None:
    from lms.services import invoices

    invoices.invoice_pdf_render(invoice_id=invoice_id)
