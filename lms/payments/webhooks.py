"""POST /payments/stripe/webhook/: Stripe's events are triggers, never the data we trust.

1. Verify the Stripe-Signature header (400 and nothing stored otherwise), then check the
   event's id, type and object id are text that fits their columns (400 saying why
   otherwise: no Stripe event has a 300-character id, and PostgreSQL would refuse it).
2. Store the event id once (a unique column); a repeated delivery is acknowledged and dropped
   (or, if the first one's processing failed, processed again).
3. After commit, a django-q2 task processes the event: it re-reads the PaymentIntent from
   Stripe and applies that through lms.services.payments, which is idempotent.
4. An event stored but left unprocessed (the worker lost its database connection, or died)
   is processed again by the scheduled reconciliation (`stripe_events_unprocessed_retry`).
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lms.models import Payment, StripeEvent
from lms.payments import stripe_gateway
from lms.services.queue import enqueue_on_commit

logger = logging.getLogger(__name__)

# Events that make us re-read a PaymentIntent. Others are stored and marked ignored.
PAYMENT_INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.processing",
    "payment_intent.requires_action",
    "payment_intent.canceled",
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_gateway.event_verify(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
    except stripe_gateway.SignatureInvalid as exc:
        logger.warning("Stripe webhook refused: %s", exc)
        return HttpResponseBadRequest("invalid signature")
    problem = stripe_event_unstorable(event=event)
    if problem:
        logger.warning("Stripe webhook refused: %s", problem)
        return HttpResponseBadRequest(f"not a Stripe event we can store: {problem}")
    return HttpResponse(stripe_event_record(event=event))


def stripe_event_unstorable(*, event: stripe_gateway.VerifiedEvent) -> str:
    """Why a verified event cannot be stored as it is (its ids do not fit), or ""."""
    checks = [
        ("event id", "event_id", event.id, True),
        ("event type", "type", event.type, True),
        ("object id", "object_id", event.object_id, False),
    ]
    for label, column, value, required in checks:
        limit = StripeEvent._meta.get_field(column).max_length
        if not isinstance(value, str):
            return f"the {label} is not text"
        if required and not value:
            return f"the {label} is missing"
        if len(value) > limit:
            return f"the {label} is longer than {limit} characters"
    return ""


def stripe_event_record(*, event: stripe_gateway.VerifiedEvent) -> str:
    """Store a verified event once and queue its processing; the answer for Stripe.

    A repeated delivery of an event we stored but have not processed yet (its processing
    failed, for example on a dropped database connection, and we answered 5xx) is queued
    again: processing is idempotent, so at worst it runs twice and confirms once.
    """
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                event_id=event.id,
                type=event.type,
                object_id=event.object_id,
                payload=event.payload,
            )
            enqueue_on_commit("lms.tasks.payments.stripe_event_process", stored.pk)
    except IntegrityError:
        pending = StripeEvent.objects.filter(event_id=event.id, processed_at__isnull=True)
        pending_pk = pending.values_list("pk", flat=True).first()
        if pending_pk is None:
            return "already received"
        with transaction.atomic():
            enqueue_on_commit("lms.tasks.payments.stripe_event_process", pending_pk)
        return "already received; processing again"
    return "ok"


def stripe_events_unprocessed_retry(
    *, older_than_minutes: int = 2, now: dt.datetime | None = None
) -> int:
    """Process events received more than `older_than_minutes` ago and never processed.

    Stripe does not retry an event we acknowledged, so a processing task that failed after
    the event was stored would otherwise be lost. Processing is idempotent.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=older_than_minutes)
    pending = list(
        StripeEvent.objects.filter(processed_at__isnull=True, received_at__lte=cutoff)
        .order_by("received_at")
        .values_list("pk", flat=True)[:500]
    )
    for event_pk in pending:
        try:
            stripe_event_process(event_pk=event_pk)
        except Exception:  # one bad event must not block the rest; it stays for the next run
            logger.exception("Stripe event %s could not be processed", event_pk)
    return len(pending)


def stripe_event_process(*, event_pk: int) -> str:
    """Act on a stored event once. Safe to run twice: the second run finds it processed."""
    from lms.services.payments import payment_sync

    event = StripeEvent.objects.get(pk=event_pk)
    if event.processed_at:
        return event.result
    if event.type in PAYMENT_INTENT_EVENTS:
        payment = Payment.objects.filter(stripe_payment_intent_id=event.object_id).first()
        if payment is None:
            result = "no payment of ours has this PaymentIntent"
        else:
            payment = payment_sync(payment_id=payment.pk, source=f"webhook {event.event_id}")
            result = f"payment {payment.pk} is {payment.status}"
    else:
        # Stripe Connect events (facilitator payouts) are handled beside the pay code.
        from lms.payments.connect_events import handle_connect_event

        result = handle_connect_event(event) or "ignored"
    StripeEvent.objects.filter(pk=event.pk, processed_at__isnull=True).update(
        processed_at=timezone.now(), result=result[:300]
    )
    return result
