"""django-q2 tasks. Each takes ids, loads fresh rows and calls a service; each is safe to run twice.

Scheduled (rows created by migration lms 0007_registration_schedules_and_permissions):
- holds_expire every minute, reminders_send every 15 minutes, payments_reconcile every
  5 minutes; task_outbox_drain every minute (lms 0019_task_outbox).
"""

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from lms.models import Payment, Refund, Registration, Session
from lms.payments import webhooks
from lms.services import emails, payments, refunds, registrations

logger = logging.getLogger(__name__)


# --- Payments --------------------------------------------------------------------------------


def stripe_event_process(event_pk: int) -> str:
    return webhooks.stripe_event_process(event_pk=event_pk)


def refund_send(refund_id: int) -> str:
    return refunds.refund_send(refund_id=refund_id).status


def payments_reconcile() -> int:
    """Events a failed task left unprocessed first, then open payments re-read from Stripe."""
    webhooks.stripe_events_unprocessed_retry()
    return payments.payments_reconcile()


# --- Seat holds ------------------------------------------------------------------------------


def holds_expire(now: dt.datetime | None = None) -> int:
    """Expire holds past their time. A hold whose card payment is under way is first checked
    with Stripe: if the money arrived, the registration is confirmed instead."""
    now = now or timezone.now()
    stale = Registration.objects.filter(
        status=Registration.Status.PENDING_PAYMENT, hold_expires_at__lte=now
    )
    in_flight = (
        Payment.objects.filter(Q(registration__in=stale) | Q(group__registrations__in=stale))
        .filter(status__in=Payment.OPEN, stripe_payment_intent_id__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    for payment_id in list(in_flight):
        try:
            payments.payment_sync(payment_id=payment_id, source="hold expiry")
        except Exception:  # Stripe unreachable: the hold expires; a late payment is still safe
            logger.exception("could not check payment %s before expiring its hold", payment_id)
    expired = 0
    for registration_id in list(stale.values_list("pk", flat=True)):
        expired += registrations.registration_hold_expire(registration_id=registration_id, now=now)
    return expired


# --- Emails ----------------------------------------------------------------------------------


def email_registration_confirmed(registration_id: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    if registration.status == Registration.Status.CONFIRMED:
        emails.email_registration_confirmed(registration=registration)


def email_payment_receipt(payment_id: int) -> None:
    payment = Payment.objects.select_related(
        "registration__session__training", "registration__person", "group__coordinator"
    ).get(pk=payment_id)
    emails.email_payment_receipt(payment=payment)


def email_registration_cancelled(registration_id: int, refund_cents: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    emails.email_registration_cancelled(registration=registration, refund_cents=refund_cents)


def email_refund_sent(refund_id: int) -> None:
    refund = Refund.objects.select_related(
        "payment__registration__session__training", "payment__registration__person"
    ).get(pk=refund_id)
    emails.email_refund_sent(refund=refund)


def email_staff_payment_attention(payment_id: int) -> None:
    payment = Payment.objects.select_related(
        "registration__session__training", "registration__person"
    ).get(pk=payment_id)
    emails.email_staff_payment_attention(payment=payment)


def reminders_send(now: dt.datetime | None = None) -> int:
    """Reminders 7 days and 1 day before the first meeting, each sent once per registration.

    The 7-day reminder goes to people who registered at least a day before it is due, so a
    late registrant does not get a reminder on top of the confirmation.
    """
    now = now or timezone.now()
    sent = 0
    confirmed = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, session__status=Session.Status.SCHEDULED
    ).select_related("session__training", "person")
    week = confirmed.filter(
        reminder_week_sent_at__isnull=True,
        reminder_day_sent_at__isnull=True,
        session__starts_at__gt=now + dt.timedelta(days=1),
        session__starts_at__lte=now + dt.timedelta(days=7),
        confirmed_at__lte=now - dt.timedelta(days=1),
    )
    for registration in week:
        # Claim with a conditional update so two workers never both send it.
        if Registration.objects.filter(
            pk=registration.pk, reminder_week_sent_at__isnull=True
        ).update(reminder_week_sent_at=now):
            emails.email_reminder(registration=registration, days=7)
            sent += 1
    day = confirmed.filter(
        reminder_day_sent_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + dt.timedelta(days=1),
    )
    for registration in day:
        if Registration.objects.filter(
            pk=registration.pk, reminder_day_sent_at__isnull=True
        ).update(reminder_day_sent_at=now):
            emails.email_reminder(registration=registration, days=1)
            sent += 1
    return sent


# --- Scholarships and waitlists (issue 5) ----------------------------------------------------


def email_scholarship_decided(application_id: int) -> None:
    from lms.models import ScholarshipApplication
    from lms.services import emails_equity

    application = ScholarshipApplication.objects.select_related(
        "person", "session__training", "registration"
    ).get(pk=application_id)
    emails_equity.email_scholarship_decided(application=application)


def email_waitlist_offer(entry_id: int) -> None:
    from lms.models import WaitlistEntry
    from lms.services import emails_equity

    entry = WaitlistEntry.objects.select_related("person", "session__training").get(pk=entry_id)
    if entry.status == WaitlistEntry.Status.OFFERED:
        emails_equity.email_waitlist_offer(entry=entry)


def waitlist_offers_make(session_id: int) -> int:
    from lms.services import waitlists

    return waitlists.waitlist_offers_make(session_id=session_id)


def waitlist_sessions_refresh() -> int:
    from lms.services import waitlists

    return waitlists.waitlist_sessions_refresh()


def scholarship_awards_release_unused() -> int:
    from lms.services import scholarship_ledger

    return scholarship_ledger.awards_release_unused()


def scholarship_no_shows_apply() -> int:
    from lms.services import scholarship_ledger

    return scholarship_ledger.awards_no_show_apply()


def invoice_pdf_render(invoice_id: int) -> None:
    from lms.services import agency

    agency.invoice_pdf_render(invoice_id=invoice_id)


# --- Task outbox (issue 10) ------------------------------------------------------------------


def task_outbox_drain() -> int:
    """Queue the tasks kept while the broker was down (scheduled every minute)."""
    from lms.services.queue import task_outbox_drain as drain

    return drain()
