"""Schedules and deferred tasks name the tasks where they now live (one module per domain)."""

from django.db import migrations

# A copy of lms/tasks/moved.py's table as it was at the move: migrations keep their own data.
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
    "lms.tasks_compensation.pay_statement_pdf_enqueue": "lms.tasks.compensation.pay_statement_pdf_enqueue",
    "lms.tasks_compensation.pay_statement_pdf_store": "lms.tasks.compensation.pay_statement_pdf_store",
}


def rename(apps, mapping):
    Schedule = apps.get_model("django_q", "Schedule")
    DeferredTask = apps.get_model("lms", "DeferredTask")
    for old, new in mapping.items():
        Schedule.objects.filter(func=old).update(func=new)
        DeferredTask.objects.filter(task=old).update(task=new)


def forwards(apps, schema_editor):
    rename(apps, MOVED_TASKS)


def backwards(apps, schema_editor):
    rename(apps, {new: old for old, new in MOVED_TASKS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0020_private_pdfs"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
