"""POST /payments/stripe/webhook/: Stripe's events are triggers, never the data we trust.

1. Verify the Stripe-Signature header (400 and nothing stored otherwise).
2. Store the event id once (a unique column); a repeated delivery is acknowledged and dropped.
3. After commit, a django-q2 task processes the event: it re-reads the PaymentIntent from
   Stripe and applies that through lms.services.payments, which is idempotent.
"""

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lms.models import Payment, StripeEvent
from lms.services.queue import enqueue_on_commit

from . import stripe_gateway

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
    stored = stripe_event_record(event=event)
    return HttpResponse("ok" if stored else "already received")


def stripe_event_record(*, event: stripe_gateway.VerifiedEvent) -> bool:
    """Store a verified event once and queue its processing. False if we had it already."""
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                event_id=event.id,
                type=event.type,
                object_id=event.object_id,
                payload=event.payload,
            )
            enqueue_on_commit("lms.tasks.stripe_event_process", stored.pk)
    except IntegrityError:
        return False
    return True


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
