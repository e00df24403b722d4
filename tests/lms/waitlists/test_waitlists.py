"""The waitlist: offers for freed seats, expiry chains with the clock moved forward, and never
more open offers than free seats."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from lms.models import Registration, WaitlistEntry
from lms.services.registrations import (
    RegistrationError,
    registration_cancel,
    registration_create,
)
from lms.services.waitlists import (
    WaitlistError,
    waitlist_join,
    waitlist_move,
    waitlist_offer_decline,
    waitlist_offers_make,
    waitlist_sessions_refresh,
)
from tests.factories import ProfileFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = WaitlistEntry.Status


def full_free_session(capacity=1):
    session = SessionFactory(capacity=capacity)
    holders = [ProfileFactory().user for _ in range(capacity)]
    registrations = [registration_create(session=session, person=p) for p in holders]
    return session, registrations


def statuses(entries):
    return [WaitlistEntry.objects.get(pk=e.pk).status for e in entries]


def test_joining_needs_a_full_session():
    session = SessionFactory(capacity=2)
    with pytest.raises(WaitlistError, match="Seats are still open"):
        waitlist_join(session=session, person=ProfileFactory().user)


def test_an_offer_keeps_its_seat_for_the_person_offered(settings):
    session, (registration,) = full_free_session()
    first, second = (waitlist_join(session=session, person=ProfileFactory().user) for _ in "ab")
    registration_cancel(registration=registration, by=registration.person)
    waitlist_offers_make(session_id=session.pk)
    assert statuses([first, second]) == [Status.OFFERED, Status.WAITING]
    with pytest.raises(RegistrationError, match="full"):
        registration_create(session=session, person=second.person)
    taken = registration_create(session=session, person=first.person)
    assert taken.status == Registration.Status.CONFIRMED
    assert statuses([first]) == [Status.ACCEPTED]


def test_an_offer_chain_passes_on_across_expiries_and_declines(settings):
    settings.WAITLIST_OFFER_HOURS = 24
    session, (registration,) = full_free_session()
    people = [ProfileFactory().user for _ in range(4)]
    entries = [waitlist_join(session=session, person=p) for p in people]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        registration_cancel(registration=registration, by=registration.person)
        waitlist_offers_make(session_id=session.pk)
        assert statuses(entries) == [Status.OFFERED, Status.WAITING, Status.WAITING, Status.WAITING]
    with time_machine.travel(start + dt.timedelta(hours=23), tick=False):
        assert waitlist_sessions_refresh() == 0  # still within the first offer
    with time_machine.travel(start + dt.timedelta(hours=24, minutes=1), tick=False):
        assert waitlist_sessions_refresh() == 1
        assert statuses(entries) == [Status.EXPIRED, Status.OFFERED, Status.WAITING, Status.WAITING]
        waitlist_offer_decline(entry=entries[1], by=people[1])
        waitlist_offers_make(session_id=session.pk)
        assert statuses(entries) == [
            Status.EXPIRED,
            Status.DECLINED,
            Status.OFFERED,
            Status.WAITING,
        ]
    with time_machine.travel(start + dt.timedelta(hours=50), tick=False):
        waitlist_sessions_refresh()
        assert statuses(entries) == [
            Status.EXPIRED,
            Status.DECLINED,
            Status.EXPIRED,
            Status.OFFERED,
        ]
        registration_create(session=session, person=people[3])
        assert statuses(entries)[3] == Status.ACCEPTED
    assert WaitlistEntry.objects.filter(session=session, status=Status.OFFERED).count() == 0


def test_two_seats_freed_at_once_make_exactly_two_offers():
    session, registrations = full_free_session(capacity=3)
    entries = [waitlist_join(session=session, person=ProfileFactory().user) for _ in range(4)]
    for registration in registrations[:2]:
        registration_cancel(registration=registration, by=registration.person)
    # Run the offer-maker more than once, as the queue may: still two offers.
    waitlist_offers_make(session_id=session.pk)
    waitlist_offers_make(session_id=session.pk)
    waitlist_sessions_refresh()
    assert statuses(entries) == [Status.OFFERED, Status.OFFERED, Status.WAITING, Status.WAITING]


def test_raised_capacity_is_offered_by_the_scheduled_refresh():
    session, _ = full_free_session(capacity=1)
    entry = waitlist_join(session=session, person=ProfileFactory().user)
    session.capacity = 2
    session.save(update_fields=["capacity"])
    assert waitlist_sessions_refresh() == 1
    assert statuses([entry]) == [Status.OFFERED]


def test_staff_reorder_with_a_reason():
    session, _ = full_free_session()
    entries = [waitlist_join(session=session, person=ProfileFactory().user) for _ in range(3)]
    staff = UserFactory(is_staff=True)
    with pytest.raises(WaitlistError, match="reason"):
        waitlist_move(entry=entries[2], position=1, reason="", by=staff)
    waitlist_move(entry=entries[2], position=1, reason="First-time participant", by=staff)
    order = list(
        WaitlistEntry.objects.filter(session=session)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [entries[2].pk, entries[0].pk, entries[1].pk]


def test_leaving_a_place_that_has_ended_says_why_on_the_page(client):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    session, (registration,) = full_free_session()
    person = ProfileFactory().user
    entry = waitlist_join(session=session, person=person)
    registration_cancel(registration=registration, by=registration.person)
    waitlist_offers_make(session_id=session.pk)
    waitlist_offer_decline(entry=entry, by=person)
    client.force_login(person)
    response = client.post(reverse("lms:waitlist_leave", args=[entry.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A waitlist entry cannot go from “Declined the offer” to “Left the waitlist”."
    ]
    assert statuses([entry]) == [Status.DECLINED]
