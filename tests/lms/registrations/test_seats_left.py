"""Seats left has one definition (lms.selectors.registrations): the catalogue, the training
page, the register page, registration itself, the waitlist, groups and a late payment agree,
with a seat held for payment and a seat offered to someone on the waitlist."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Payment, Refund, Registration, WaitlistEntry
from lms.payments.stripe_gateway import IntentState
from lms.selectors.catalogue import session_listings
from lms.selectors.registrations import seats_left, sessions_with_seats_left
from lms.services.payments import payment_state_apply
from lms.services.registrations import RegistrationError, registration_create
from lms.services.waitlists import WaitlistError, waitlist_join
from tests.factories import ProfileFactory, RegistrationFactory, SessionFactory, TrainingFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


def seats_text(html: str) -> list[str]:
    return re.findall(r'<dd class="seats">([^<]*)</dd>', html)


@pytest.fixture
def session():
    """Capacity 3: one confirmed seat, one unexpired hold and one open waitlist offer."""
    _, catalogue = site_with_catalogue()
    training = TrainingFactory(title="Seats Counted Once", slug="seats-counted-once")
    training_page(catalogue, training)
    session = SessionFactory(training=training, capacity=3, meeting__days_ahead=20)
    now = timezone.now()
    RegistrationFactory(session=session, person=ProfileFactory().user)
    RegistrationFactory(
        session=session,
        person=ProfileFactory().user,
        status=Registration.Status.PENDING_PAYMENT,
        hold_expires_at=now + dt.timedelta(minutes=20),
    )
    WaitlistEntry.objects.create(
        session=session,
        person=ProfileFactory().user,
        position=1,
        status=WaitlistEntry.Status.OFFERED,
        offered_at=now,
        offer_expires_at=now + dt.timedelta(hours=24),
    )
    return session


def test_every_screen_says_full(client, session):
    now = timezone.now()
    newcomer = ProfileFactory().user
    offered = WaitlistEntry.objects.get(session=session).person

    assert seats_left(session=session, now=now) == 0
    assert sessions_with_seats_left(session.__class__.objects.all(), now=now).get().seats_left == 0
    [listing] = session_listings(session.__class__.objects.filter(pk=session.pk), now=now)
    assert (listing.seats_left, listing.state) == (0, "waitlist")

    assert seats_text(client.get("/trainings/").content.decode()) == ["Full"]
    training_page_html = client.get("/trainings/seats-counted-once/").content.decode()
    assert seats_text(training_page_html) == ["Full"]
    assert "Join the waitlist" in training_page_html

    client.force_login(newcomer)
    register_page = client.get(reverse("lms:session_register", args=[session.pk]))
    assert register_page.context["seats_left"] == 0
    with pytest.raises(RegistrationError, match="full"):
        registration_create(session=session, person=newcomer)
    assert waitlist_join(session=session, person=newcomer).status == "waiting"

    # The person the seat was offered to sees it, and gets it.
    assert seats_left(session=session, now=now, person=offered) == 1
    client.force_login(offered)
    register_page = client.get(reverse("lms:session_register", args=[session.pk]))
    assert register_page.context["seats_left"] == 1
    assert registration_create(session=session, person=offered).status == "confirmed"


def test_a_late_payment_does_not_take_a_seat_offered_to_someone_else(session):
    """Someone whose hold expired pays: the only seat not held is offered to the waitlist,
    so the payment is refunded rather than taking it."""
    late = RegistrationFactory(
        session=session,
        person=ProfileFactory().user,
        status=Registration.Status.EXPIRED,
        amount_cents=5000,
    )
    payment = Payment.objects.create(
        registration=late,
        amount_cents=5000,
        status=Payment.Status.PROCESSING,
        stripe_payment_intent_id="pi_late_seat",
    )
    payment_state_apply(
        payment_id=payment.pk,
        state=IntentState(
            id="pi_late_seat",
            status="succeeded",
            amount_cents=5000,
            currency="usd",
            client_secret="",
            metadata={},
        ),
        source="test",
    )
    late.refresh_from_db()
    assert late.status == Registration.Status.EXPIRED
    assert Refund.objects.get(payment=payment).reason == "seat_unavailable"


def test_a_hold_past_its_time_frees_its_seat_everywhere(client):
    """A hold whose time ran out (and no card payment under way) is a free seat for the
    catalogue as much as for registration, which expires it."""
    _, catalogue = site_with_catalogue()
    training = TrainingFactory(title="Stale Hold", slug="stale-hold")
    training_page(catalogue, training)
    session = SessionFactory(training=training, capacity=1, meeting__days_ahead=20)
    RegistrationFactory(
        session=session,
        person=ProfileFactory().user,
        status=Registration.Status.PENDING_PAYMENT,
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    assert seats_left(session=session, now=timezone.now()) == 1
    assert seats_text(client.get("/trainings/").content.decode()) == ["1 seat left"]
    with pytest.raises(WaitlistError, match="register instead"):
        waitlist_join(session=session, person=ProfileFactory().user)
    assert registration_create(session=session, person=ProfileFactory().user).status == (
        "confirmed"
    )
    assert seats_left(session=session, now=timezone.now()) == 0
    assert seats_text(client.get("/trainings/").content.decode()) == ["Full"]
