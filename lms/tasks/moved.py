"""Where each task lived before lms.tasks became one module per domain.

django-q2 stores a task's dotted name in queued rows (the ORM broker or Redis) and in its
schedules; a worker imports that name when it runs the task. Schedules and the task outbox are
renamed by migration lms 0021; tasks already queued at deploy still carry the old names, so
`lms.tasks` (this package) and the two old modules `lms.tasks_followup` and
`lms.tasks_compensation` answer them lazily from this table. Remove all three once no worker
can hold a task queued before the move.
"""

import importlib

MOVED_TASKS = {
    "lms.tasks.stripe_event_process": "lms.tasks.payments.stripe_event_process",
    "lms.tasks.refund_send": "lms.tasks.refunds.refund_send",
    "lms.tasks.payments_reconcile": "lms.tasks.payments.payments_reconcile",
    "lms.tasks.holds_expire": "lms.tasks.registrations.holds_expire",
    "lms.tasks.email_registration_confirmed": "lms.tasks.registrations.email_registration_confirmed",
    "lms.tasks.email_payment_receipt": "lms.tasks.payments.email_payment_receipt",
    "lms.tasks.email_registration_cancelled": "lms.tasks.registrations.email_registration_cancelled",
    "lms.tasks.email_refund_sent": "lms.tasks.refunds.email_refund_sent",
    "lms.tasks.email_staff_payment_attention": "lms.tasks.payments.email_staff_payment_attention",
    "lms.tasks.reminders_send": "lms.tasks.registrations.reminders_send",
    "lms.tasks.email_scholarship_decided": "lms.tasks.scholarships.email_scholarship_decided",
    "lms.tasks.email_waitlist_offer": "lms.tasks.waitlists.email_waitlist_offer",
    "lms.tasks.waitlist_offers_make": "lms.tasks.waitlists.waitlist_offers_make",
    "lms.tasks.waitlist_sessions_refresh": "lms.tasks.waitlists.waitlist_sessions_refresh",
    "lms.tasks.scholarship_awards_release_unused": "lms.tasks.scholarships.scholarship_awards_release_unused",
    "lms.tasks.scholarship_no_shows_apply": "lms.tasks.scholarships.scholarship_no_shows_apply",
    "lms.tasks.invoice_pdf_render": "lms.tasks.invoices.invoice_pdf_render",
    "lms.tasks.task_outbox_drain": "lms.tasks.task_outbox.task_outbox_drain",
    "lms.tasks_followup.evaluation_invitations_send_due": "lms.tasks.evaluations.evaluation_invitations_send_due",
    "lms.tasks_followup.evaluation_invitation_email": "lms.tasks.evaluations.evaluation_invitation_email",
    "lms.tasks_followup.ta_request_email": "lms.tasks.technical_assistance.ta_request_email",
    "lms.tasks_compensation.pay_statement_pdf_store": "lms.tasks.compensation.pay_statement_pdf_store",
}


def moved_task(old_module: str, name: str):
    """The task now living at the new name of `old_module.name`; AttributeError otherwise."""
    new = MOVED_TASKS.get(f"{old_module}.{name}")
    if new is None:
        raise AttributeError(f"module {old_module!r} has no attribute {name!r}")
    module, _, attribute = new.rpartition(".")
    return getattr(importlib.import_module(module), attribute)
