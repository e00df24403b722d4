"""django-q2 tasks. Each takes ids, loads fresh rows and calls a service; each is safe to run twice.

Scheduled (rows created by migration lms 0007_registration_schedules_and_permissions):
- holds_expire every minute, reminders_send every 15 minutes, payments_reconcile every
  5 minutes; task_outbox_drain every minute (lms 0019_task_outbox)."""

import datetime as dt
import logging

from django.db.models import Q
from django.utils import timezone

from lms.models import Payment, Registration, Session
from lms.services import emails, payments, registrations

logger = logging.getLogger(__name__)


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


def email_registration_confirmed(registration_id: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    if registration.status == Registration.Status.CONFIRMED:
        emails.email_registration_confirmed(registration=registration)


def email_registration_cancelled(registration_id: int, refund_cents: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    emails.email_registration_cancelled(registration=registration, refund_cents=refund_cents)


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
