"""Tasks for facilitator compensation. They take ids, reload rows, and are safe to run twice."""

from lms.models import PayStatement
from lms.services import compensation


def pay_statement_pdf_store(statement_id: int) -> str:
    """Render the approved (or paid) statement and store it privately, replacing the last one."""
    statement = PayStatement.objects.select_related("facilitator").get(pk=statement_id)
    if statement.status == PayStatement.Status.DRAFT:
        return "draft: no PDF is issued"
    return compensation.pay_statement_pdf_store(statement=statement)
