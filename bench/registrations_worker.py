"""Run inside a scratch database by bench_registrations: real services, no HTTP, no Stripe.

`python -m bench.registrations_worker` prints one JSON line of figures. The payment step
applies a succeeded PaymentIntent state the way the webhook task does after re-reading it
from Stripe, so everything but the network call to Stripe is measured.
"""

import json
import os
import statistics
import threading
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from lms.models import (  # noqa: E402
    FeeSchedule,
    FeeTier,
    Meeting,
    Payment,
    Profile,
    Registration,
    Session,
    Training,
    User,
)
from lms.payments.stripe_gateway import IntentState  # noqa: E402
from lms.services.payments import payment_state_apply  # noqa: E402
from lms.services.registrations import RegistrationError, registration_create  # noqa: E402

SEQUENTIAL = int(os.environ.get("BENCH_REGISTRATIONS", "300"))
ATTEMPTS = 60
SEATS = 20


def make_session(capacity: int, label: str):
    import datetime as dt

    from django.utils import timezone

    schedule = FeeSchedule.objects.create(name=f"Bench {label}", partner_discount_percent=15)
    FeeTier.objects.create(schedule=schedule, kind="standard", label="Standard", price_cents=5000)
    tier = FeeTier.objects.create(
        schedule=schedule, kind="supporter", label="Supporter", price_cents=8500
    )
    training = Training.objects.create(
        title=f"Bench {label}",
        slug=f"bench-{label}",
        summary="x",
        duration_minutes=60,
        fee_schedule=schedule,
    )
    session = Session.objects.create(training=training, format="virtual", capacity=capacity)
    start = timezone.now() + dt.timedelta(days=30)
    Meeting.objects.create(session=session, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    return session, tier


def make_people(count: int, label: str) -> list[User]:
    people = User.objects.bulk_create(
        [User(email=f"{label}{index}@bench.test") for index in range(count)]
    )
    Profile.objects.bulk_create(
        [Profile(user=person, printed_name=f"Person {person.pk}") for person in people]
    )
    return people


def pay(registration: Registration) -> None:
    payment = Payment.objects.create(
        registration=registration,
        amount_cents=registration.amount_cents,
        stripe_payment_intent_id=f"pi_bench_{registration.pk}",
    )
    state = IntentState(
        id=payment.stripe_payment_intent_id,
        status="succeeded",
        amount_cents=payment.amount_cents,
        currency="usd",
        client_secret="",
        metadata={},
        card_last4="4242",
    )
    payment_state_apply(payment_id=payment.pk, state=state, source="bench")


def sequential() -> dict:
    session, tier = make_session(SEQUENTIAL + 10, "sequential")
    people = make_people(SEQUENTIAL, "seq")
    # Warm up imports, templates and connections outside the timing.
    warm_session, warm_tier = make_session(5, "warm")
    for person in make_people(3, "warm"):
        pay(registration_create(session=warm_session, person=person, tier=warm_tier, attested=True))

    hold_queries, pay_queries = [], []
    started = time.perf_counter()
    for person in people:
        with CaptureQueriesContext(connection) as holding:
            registration = registration_create(
                session=session, person=person, tier=tier, attested=True
            )
        with CaptureQueriesContext(connection) as paying:
            pay(registration)
        hold_queries.append(len(holding.captured_queries))
        pay_queries.append(len(paying.captured_queries))
    elapsed = time.perf_counter() - started
    confirmed = Registration.objects.filter(session=session, status="confirmed").count()
    return {
        "registrations": SEQUENTIAL,
        "confirmed": confirmed,
        "per_second": SEQUENTIAL / elapsed,
        "queries_hold": statistics.median(hold_queries),
        "queries_pay": statistics.median(pay_queries),
    }


def concurrent() -> dict:
    session, tier = make_session(SEATS, "concurrent")
    people = make_people(ATTEMPTS, "par")
    barrier = threading.Barrier(ATTEMPTS)
    latencies: list[float] = []
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(person):
        barrier.wait(timeout=60)
        began = time.perf_counter()
        try:
            registration_create(session=session, person=person, tier=tier, attested=True)
            outcome = "held"
        except RegistrationError as exc:
            outcome = exc.message
        finally:
            took = time.perf_counter() - began
            connection.close()
        with lock:
            latencies.append(took)
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    holding = Registration.objects.filter(
        session=session, status__in=Registration.SEAT_HOLDING
    ).count()
    return {
        "attempts": ATTEMPTS,
        "seats": SEATS,
        "held": outcomes.count("held"),
        "refused_full": outcomes.count("This session is full."),
        "other": len(outcomes) - outcomes.count("held") - outcomes.count("This session is full."),
        "rows_holding": holding,
        "oversold": max(0, holding - SEATS),
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95) - 1],
        "wall_s": wall,
    }


if __name__ == "__main__":
    figures = {"sequential": sequential(), "concurrent": concurrent()}
    from django_q.brokers import get_broker

    get_broker().purge_queue()  # nobody works this scratch queue; leave it empty
    print(json.dumps(figures))
