"""Optional waitlist priority per session, and staff reordering with a logged reason."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Session, WaitlistEntry
from lms.rules.waitlist_priority import has_priority, join_place
from lms.services.registrations import registration_cancel, registration_create
from lms.services.waitlists import waitlist_join, waitlist_offers_make
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    SessionFactory,
    StaffFactory,
)


@pytest.mark.parametrize(
    ("priority", "band_limit", "first_time", "band", "expected"),
    [
        ("", "", True, "under_500k", False),
        ("first_time", "", True, "", True),
        ("first_time", "", False, "under_500k", False),
        ("budget_band", "under_500k", False, "under_500k", True),
        ("budget_band", "under_500k", True, "500k_5m", False),
        ("budget_band", "500k_5m", False, "under_500k", True),
        ("budget_band", "500k_5m", False, "over_5m", False),
        ("budget_band", "500k_5m", False, "", False),
        ("budget_band", "", False, "under_500k", False),
    ],
)
def test_has_priority(priority, band_limit, first_time, band, expected):
    assert (
        has_priority(
            priority=priority, band_limit=band_limit, is_first_time=first_time, budget_band=band
        )
        is expected
    )


@pytest.mark.parametrize(
    ("waiting", "newcomer", "place"),
    [
        ([], True, 1),
        ([], False, 1),
        ([False, False], True, 1),
        ([False, False], False, 3),
        ([True, False, False], True, 2),
        ([True, True, False], True, 3),
        ([False, True, False], True, 3),  # staff moved someone to the top: they stay there
        ([True, False], False, 3),
    ],
)
def test_join_place(waiting, newcomer, place):
    assert join_place(waiting_priority=waiting, newcomer_priority=newcomer) == place


def _full_session(**fields):
    session = SessionFactory(capacity=1, **fields)
    holder = registration_create(session=session, person=ProfileFactory().user)
    return session, holder


def _returning_person():
    person = ProfileFactory().user
    registration_create(session=SessionFactory(), person=person)  # a free session: confirmed
    return person


def _order(session):
    return list(
        WaitlistEntry.objects.filter(session=session, status=WaitlistEntry.Status.WAITING)
        .order_by("position")
        .values_list("person__email", flat=True)
    )


@pytest.mark.django_db
def test_first_time_participants_go_first_and_get_the_first_offer():
    session, holder = _full_session(waitlist_priority=Session.WaitlistPriority.FIRST_TIME)
    returning_a, new_b, returning_c, new_d = (
        _returning_person(),
        ProfileFactory().user,
        _returning_person(),
        ProfileFactory().user,
    )
    for person in (returning_a, new_b, returning_c, new_d):
        waitlist_join(session=session, person=person)
    assert _order(session) == [p.email for p in (new_b, new_d, returning_a, returning_c)]
    registration_cancel(registration=holder, by=holder.person)
    assert waitlist_offers_make(session_id=session.pk) == 1
    offered = WaitlistEntry.objects.get(session=session, status=WaitlistEntry.Status.OFFERED)
    assert offered.person == new_b and offered.priority


@pytest.mark.django_db
def test_budget_band_priority_and_off_by_default():
    small = OrganizationFactory(budget_band="under_500k")
    large = OrganizationFactory(budget_band="over_5m")
    banded, _ = _full_session(
        waitlist_priority=Session.WaitlistPriority.BUDGET_BAND,
        waitlist_priority_budget_band="under_500k",
    )
    plain, _ = _full_session()
    assert plain.waitlist_priority == ""
    big_first = ProfileFactory(organization=large).user
    small_second = ProfileFactory(organization=small).user
    for session in (banded, plain):
        waitlist_join(session=session, person=big_first)
        waitlist_join(session=session, person=small_second)
    assert _order(banded) == [small_second.email, big_first.email]
    assert _order(plain) == [big_first.email, small_second.email]


@pytest.mark.django_db
def test_staff_see_the_list_and_move_someone_with_a_logged_reason_in_the_admin(client):
    session, _ = _full_session(waitlist_priority=Session.WaitlistPriority.FIRST_TIME)
    first, second = _returning_person(), _returning_person()
    for person in (first, second):
        waitlist_join(session=session, person=person)
    user = StaffFactory(groups=["Program staff"])
    client.force_login(user)
    listing = client.get(reverse("lms_waitlist:index"), {"session": session.pk})
    assert first.email in listing.text or str(first) in listing.text
    entry = WaitlistEntry.objects.get(person=second, session=session)
    move_url = reverse("lms_waitlist:move", args=[entry.pk])
    assert move_url in listing.text
    refused = client.post(move_url, {"position": 1, "reason": ""})
    assert refused.status_code == 200 and "This field is required" in refused.text
    client.post(move_url, {"position": 1, "reason": "Referred by the county program"})
    assert _order(session) == [second.email, first.email]
    log = ModelLogEntry.objects.for_instance(entry).get(action="lms.waitlist.move")
    assert log.user == user
    assert log.data == {"from": 2, "to": 1, "reason": "Referred by the county program"}
