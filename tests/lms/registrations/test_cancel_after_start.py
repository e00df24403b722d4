"""Who may cancel when: one rule (registration_cancel_refusal) for the status page's button,
the cancel page and the service, and the staff path that may still cancel after the start."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Meeting, Registration, Session
from lms.services.registrations import (
    RegistrationError,
    registration_cancel,
    registration_cancel_refusal,
)
from tests.factories import ProfileFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

STARTED = "This session has already started"


def registration_in(session):
    return RegistrationFactory(session=session, person=ProfileFactory().user)


def started_session(**kwargs):
    """A session whose only meeting began an hour ago."""
    session = SessionFactory(meeting=False, **kwargs)
    start = timezone.now() - dt.timedelta(hours=1)
    Meeting.objects.create(session=session, starts_at=start, ends_at=start + dt.timedelta(hours=3))
    session.refresh_from_db()
    return session


def finished_session():
    session = SessionFactory(meeting=False)
    start = timezone.now() - dt.timedelta(days=10)
    Meeting.objects.create(session=session, starts_at=start, ends_at=start + dt.timedelta(hours=3))
    Session.objects.filter(pk=session.pk).update(status=Session.Status.COMPLETED)
    session.refresh_from_db()
    return session


@pytest.mark.parametrize(
    ("make_session", "staff", "expected"),
    [
        (lambda: SessionFactory(meeting__days_ahead=3), False, None),
        (lambda: SessionFactory(meeting__days_ahead=3), True, None),
        (started_session, False, STARTED),
        (started_session, True, None),
        (finished_session, False, "already taken place"),
        (finished_session, True, None),
    ],
)
def test_the_rule(make_session, staff, expected):
    registration = registration_in(make_session())
    refusal = registration_cancel_refusal(
        registration=registration, now=timezone.now(), staff=staff
    )
    if expected is None:
        assert refusal is None
    else:
        assert expected in refusal


def test_the_rule_refuses_registrations_that_hold_no_seat():
    registration = registration_in(SessionFactory())
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.EXPIRED)
    registration.refresh_from_db()
    for staff in (False, True):
        assert "nothing to cancel" in registration_cancel_refusal(
            registration=registration, now=timezone.now(), staff=staff
        )


def test_the_service_refuses_a_participant_after_the_start():
    registration = registration_in(finished_session())
    with pytest.raises(RegistrationError, match="already taken place"):
        registration_cancel(registration=registration, by=registration.person)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_staff_may_cancel_after_the_start():
    registration = registration_in(started_session())
    outcome = registration_cancel(
        registration=registration,
        by=None,
        reason="Registered for the wrong cohort",
        staff=True,
    )
    assert outcome.registration.status == Registration.Status.CANCELLED


def test_status_page_offers_cancel_only_when_the_rule_allows(client):
    upcoming = registration_in(SessionFactory(meeting__days_ahead=3))
    client.force_login(upcoming.person)
    cancel_url = reverse("lms:registration_cancel", args=[upcoming.pk])
    assert cancel_url in client.get(upcoming.get_absolute_url()).content.decode()

    started = registration_in(started_session())
    client.force_login(started.person)
    page = client.get(started.get_absolute_url()).content.decode()
    assert reverse("lms:registration_cancel", args=[started.pk]) not in page


def test_cancel_page_after_the_start_explains_instead_of_asking(client):
    registration = registration_in(finished_session())
    client.force_login(registration.person)
    url = reverse("lms:registration_cancel", args=[registration.pk])
    page = client.get(url).content.decode()
    assert "already taken place" in page
    assert 'name="confirm"' not in page
    assert "Cancel my registration" not in page

    response = client.post(url, {"confirm": "on"}, follow=True)
    assert "already taken place" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.stripe
def test_pay_page_offers_to_release_the_seat_only_when_the_rule_allows(client, stripe_quiet):
    """A seat still held when its session starts (a scholarship decision pending, say): the
    pay page no longer offers "Release my seat", which would lead to a refusal."""
    held = RegistrationFactory(
        session=started_session(),
        person=ProfileFactory().user,
        status=Registration.Status.PENDING_PAYMENT,
        amount_cents=5000,
        hold_expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    client.force_login(held.person)
    page = client.get(reverse("lms:registration_pay", args=[held.pk])).content.decode()
    assert "Release my seat instead" not in page

    upcoming = RegistrationFactory(
        session=SessionFactory(meeting__days_ahead=3),
        person=held.person,
        status=Registration.Status.PENDING_PAYMENT,
        amount_cents=5000,
        hold_expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    page = client.get(reverse("lms:registration_pay", args=[upcoming.pk])).content.decode()
    assert "Release my seat instead" in page
