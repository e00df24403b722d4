"""The pay statement PDF, through the shared PDF step (lms.documents)."""

from lms.documents import pdf_render, pdf_render_and_store
from lms.models import FacilitatorPayProfile, FacilitatorPaySettings, PayStatement

PAY_STATEMENT_TEMPLATE = "pdf/pay_statement.html"


def pay_statement_context(*, statement: PayStatement) -> dict:
    profile = FacilitatorPayProfile.objects.filter(facilitator=statement.facilitator).first()
    lines = list(statement.lines.select_related("session__training").order_by("sort_order"))
    sessions = []
    for line in lines:
        if not sessions or sessions[-1]["session"].pk != line.session_id:
            sessions.append({"session": line.session, "lines": [], "total_cents": 0})
        sessions[-1]["lines"].append(line)
        sessions[-1]["total_cents"] += line.amount_cents
    return {
        "statement": statement,
        "profile": profile,
        "sessions": sessions,
        "expenses": list(statement.expenses.all()),
        "payout": statement.succeeded_payout,
        "pay_settings": FacilitatorPaySettings.load(),
    }


def pay_statement_pdf_render(*, statement: PayStatement) -> bytes:
    return pdf_render(
        template_name=PAY_STATEMENT_TEMPLATE,
        context=pay_statement_context(statement=statement),
    )


def pay_statement_pdf_store(*, statement: PayStatement) -> str:
    """Store the statement's PDF privately, replacing the last one; returns its name."""
    return pdf_render_and_store(
        instance=statement,
        filename=f"{statement.display_number}.pdf",
        template_name=PAY_STATEMENT_TEMPLATE,
        context=pay_statement_context(statement=statement),
    )
