"""After a load run: the invariants, read from the scratch database, printed as JSON.

- no session holds more seats than its capacity;
- every payment Stripe took (succeeded) belongs to a confirmed registration;
- every Stripe event received was processed, and no task is left in the outbox.
"""

import json
import sys

import django

django.setup()

from django.db.models import Count, F, Q  # noqa: E402

from lms.models import DeferredTask, Payment, Registration, Session, StripeEvent  # noqa: E402


def main(session_ids: list[int]) -> dict:
    sessions = Session.objects.filter(pk__in=session_ids).annotate(
        held=Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_HOLDING))
    )
    registrations = Registration.objects.filter(session_id__in=session_ids)
    paid = Payment.objects.filter(
        registration__session_id__in=session_ids, status=Payment.Status.SUCCEEDED
    )
    return {
        "seats": sum(session.capacity for session in sessions),
        "confirmed": registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "held_unpaid": registrations.filter(status=Registration.Status.PENDING_PAYMENT).count(),
        "oversold_sessions": sessions.filter(held__gt=F("capacity")).count(),
        "payments_succeeded": paid.count(),
        "paid_without_confirmed_registration": paid.exclude(
            registration__status=Registration.Status.CONFIRMED
        ).count(),
        "registrations_paid_twice": registrations.annotate(
            n=Count("payments", filter=Q(payments__status=Payment.Status.SUCCEEDED))
        )
        .filter(n__gt=1)
        .count(),
        "events_received": StripeEvent.objects.count(),
        "events_processed": StripeEvent.objects.filter(processed_at__isnull=False).count(),
        "outbox": DeferredTask.objects.count(),
    }


if __name__ == "__main__":
    print(json.dumps(main([int(value) for value in sys.argv[1].split(",")])))
