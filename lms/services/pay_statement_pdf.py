"""The pay statement PDF, through the shared rendering service (certificates.rendering)."""

from certificates.rendering import pdf_render
from lms.models import FacilitatorPayProfile, FacilitatorPaySettings, PayStatement


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
        template_name="pdf/pay_statement.html",
        context=pay_statement_context(statement=statement),
    )
