"""60 people register at the same moment for 20 seats: the database lets exactly 20 in."""

import pytest

from lms.models import Registration
from lms.services.registrations import RegistrationError, registration_create
from tests.factories import ProfileFactory, paid_session
from tests.fixtures.races import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTEMPTS = 60
SEATS = 20


def registers(session, person, tier):
    return lambda: registration_create(session=session, person=person, tier=tier, attested=True)


def test_sixty_parallel_attempts_for_twenty_seats():
    session, tiers = paid_session(capacity=SEATS)
    people = [ProfileFactory().user for _ in range(ATTEMPTS)]

    race = run_together(*(registers(session, person, tiers["standard"]) for person in people))

    assert len(race.returned) == SEATS
    assert [type(error) for error in race.raised] == [RegistrationError] * (ATTEMPTS - SEATS)
    assert {error.message for error in race.raised} == {"This session is full."}
    assert (
        Registration.objects.filter(session=session, status__in=Registration.SEAT_HOLDING).count()
        == SEATS
    )


def test_one_person_racing_themself_gets_one_registration():
    session, tiers = paid_session(capacity=SEATS)
    person = ProfileFactory().user

    race = run_together(*(registers(session, person, tiers["standard"]) for _ in range(8)))

    assert len(race.returned) == 1
    assert {type(error) for error in race.raised} == {RegistrationError}
    assert Registration.objects.filter(session=session, person=person).count() == 1
