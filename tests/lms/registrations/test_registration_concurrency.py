"""60 people register at the same moment for 20 seats: the database lets exactly 20 in."""

import threading

import pytest
from django.db import connection

from lms.models import Registration
from lms.services.registrations import RegistrationError, registration_create
from tests.factories import ProfileFactory, paid_session

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTEMPTS = 60
SEATS = 20


def test_sixty_parallel_attempts_for_twenty_seats():
    session, tiers = paid_session(capacity=SEATS)
    people = [ProfileFactory().user for _ in range(ATTEMPTS)]
    start = threading.Barrier(ATTEMPTS)
    results: list[str] = []
    lock = threading.Lock()

    def attempt(person):
        # Each thread has its own database connection (Django connections are per thread).
        try:
            start.wait(timeout=30)
            registration_create(
                session=session, person=person, tier=tiers["standard"], attested=True
            )
            outcome = "held"
        except RegistrationError as exc:
            outcome = exc.message
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == ATTEMPTS
    assert results.count("held") == SEATS
    assert set(results) - {"held"} == {"This session is full."}
    assert (
        Registration.objects.filter(session=session, status__in=Registration.SEAT_HOLDING).count()
        == SEATS
    )


def test_one_person_racing_themself_gets_one_registration():
    session, tiers = paid_session(capacity=SEATS)
    person = ProfileFactory().user
    start = threading.Barrier(8)
    results: list[str] = []
    lock = threading.Lock()

    def attempt():
        try:
            start.wait(timeout=30)
            registration_create(
                session=session, person=person, tier=tiers["standard"], attested=True
            )
            outcome = "held"
        except RegistrationError as exc:
            outcome = exc.message
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results.count("held") == 1
    assert Registration.objects.filter(session=session, person=person).count() == 1
