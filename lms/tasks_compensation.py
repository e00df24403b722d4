"""django-q2 tasks for facilitator pay. They take ids, reload rows, and are safe to run twice."""

from lms.models import PayStatement
from lms.services import pay_statement_pdf
from lms.services.queue import enqueue_on_commit


def pay_statement_pdf_enqueue(*, statement_id: int) -> None:
    """(Re)issue the statement PDF once the current transaction commits."""
    enqueue_on_commit(
        "lms.tasks_compensation.pay_statement_pdf_store", statement_id, group="pay-statements"
    )


def pay_statement_pdf_store(statement_id: int) -> str:
    """Render the approved (or paid) statement and store it privately, replacing the last one."""
    statement = PayStatement.objects.select_related("facilitator").get(pk=statement_id)
    if statement.status == PayStatement.Status.DRAFT:
        return "draft: no PDF is issued"
    return pay_statement_pdf.pay_statement_pdf_store(statement=statement)
