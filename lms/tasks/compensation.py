"""django-q2 tasks for facilitator pay. They take ids, reload rows, and are safe to run twice."""

from django.core.files.base import ContentFile

from lms.models import PayStatement
from lms.services.queue import enqueue_on_commit


def pay_statement_pdf_enqueue(*, statement_id: int) -> None:
    """(Re)issue the statement PDF once the current transaction commits."""
    enqueue_on_commit(
        "lms.tasks.compensation.pay_statement_pdf_store", statement_id, group="pay-statements"
    )


def pay_statement_pdf_store(statement_id: int) -> str:
    """Render the approved (or paid) statement and store it privately, replacing the last one."""
    from lms.services.compensation import pay_statement_pdf_render

    statement = PayStatement.objects.select_related("facilitator").get(pk=statement_id)
    if statement.status == PayStatement.Status.DRAFT:
        return "draft: no PDF is issued"
    content = pay_statement_pdf_render(statement=statement)
    old_name = statement.pdf.name
    statement.pdf.save(f"{statement.display_number}.pdf", ContentFile(content), save=False)
    PayStatement.objects.filter(pk=statement.pk).update(pdf=statement.pdf.name)
    if old_name and old_name != statement.pdf.name:
        statement.pdf.storage.delete(old_name)
    return statement.pdf.name
