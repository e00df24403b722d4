import datetime as dt

import pytest
from django.utils import timezone

from lms.models import DeliveryFormat, FeeTier, Registration, Session, Training
from lms.selectors.catalogue import (
    BookingState,
    CatalogueFilters,
    catalogue_entries,
    catalogue_trainings,
    price_label,
    session_booking_state,
    session_register_url,
    sessions_with_figures,
    training_price,
    training_session_listings,
)
from tests.factories import (
    AudienceFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
)

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("low", "high", "count", "label"),
    [
        (None, None, 0, "Free"),
        (0, 0, 2, "Free"),
        (5000, 5000, 1, "$50"),
        (2500, 12000, 6, "From $25, sliding scale"),
        (0, 8500, 3, "Free to $85, sliding scale"),
        (500, 10000, 1, "From $5, sliding scale"),  # one pay-what-you-can tier
        (2550, 2550, 2, "$25.50"),
    ],
)
def test_price_label(low, high, count, label):
    assert price_label(low_cents=low, high_cents=high, tier_count=count) == label


SCHEDULED, CANCELLED, COMPLETED = (
    Session.Status.SCHEDULED,
    Session.Status.CANCELLED,
    Session.Status.COMPLETED,
)


@pytest.mark.parametrize(
    ("status", "starts", "opens", "closes", "seats", "state"),
    [
        (SCHEDULED, NOW + 24 * HOUR, None, None, 5, BookingState.OPEN),
        (SCHEDULED, NOW + 24 * HOUR, None, None, 0, BookingState.WAITLIST),
        (SCHEDULED, NOW + 24 * HOUR, None, NOW - HOUR, 5, BookingState.CLOSED),
        (SCHEDULED, NOW + 24 * HOUR, None, NOW - HOUR, 0, BookingState.CLOSED),
        (SCHEDULED, NOW - HOUR, None, None, 5, BookingState.CLOSED),  # already started
        (SCHEDULED, None, None, None, 5, BookingState.CLOSED),  # no meetings yet
        (SCHEDULED, NOW + 24 * HOUR, NOW + HOUR, None, 5, BookingState.NOT_YET_OPEN),
        (SCHEDULED, NOW + 24 * HOUR, NOW - HOUR, NOW + HOUR, 5, BookingState.OPEN),
        (CANCELLED, NOW + 24 * HOUR, None, None, 5, BookingState.CANCELLED),
        (CANCELLED, NOW - HOUR, None, None, 0, BookingState.CANCELLED),
        (COMPLETED, NOW + 24 * HOUR, None, None, 5, BookingState.CLOSED),
    ],
)
def test_session_booking_state(status, starts, opens, closes, seats, state):
    assert (
        session_booking_state(
            status=status,
            starts_at=starts,
            registration_opens_at=opens,
            registration_closes_at=closes,
            seats_left=seats,
            now=NOW,
        )
        == state
    )


def test_button_labels_say_the_state():
    assert [state.label for state in BookingState] == [
        "Register",
        "Join the waitlist",
        "Registration opens soon",
        "Registration closed",
        "Cancelled",
    ]


def test_register_url_is_the_registration_path():
    assert session_register_url(42) == "/sessions/42/register/"


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_seats_left_counts_only_seat_holding_registrations():
    session = SessionFactory(capacity=5)
    for status in [
        Registration.Status.CONFIRMED,
        Registration.Status.CONFIRMED,
        Registration.Status.PENDING_PAYMENT,
        Registration.Status.CANCELLED,
        Registration.Status.EXPIRED,
    ]:
        RegistrationFactory(session=session, status=status)
    annotated = sessions_with_figures(Session.objects.filter(pk=session.pk)).get()
    assert (annotated.seats_taken, annotated.seats_left) == (3, 2)


@pytestmark_db
def test_seats_left_never_goes_below_zero():
    session = SessionFactory(capacity=1)
    RegistrationFactory.create_batch(2, session=session)
    assert sessions_with_figures(Session.objects.filter(pk=session.pk)).get().seats_left == 0


@pytestmark_db
def test_price_range_uses_the_session_override_and_pay_what_you_can_bounds():
    training_schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=training_schedule, price_cents=2500)
    FeeTierFactory(schedule=training_schedule, price_cents=8500)
    override = FeeScheduleFactory()
    FeeTierFactory(
        schedule=override,
        kind=FeeTier.Kind.PAY_WHAT_YOU_CAN,
        price_cents=3000,
        minimum_cents=1000,
        maximum_cents=9000,
    )
    training = TrainingFactory(fee_schedule=training_schedule)
    plain = SessionFactory(training=training)
    overridden = SessionFactory(training=training, fee_schedule=override)
    free = SessionFactory(training=TrainingFactory(fee_schedule=None))

    figures = {
        s.pk: (s.price_low_cents, s.price_high_cents, s.price_tier_count)
        for s in sessions_with_figures(Session.objects.all())
    }
    assert figures[plain.pk] == (2500, 8500, 2)
    assert figures[overridden.pk] == (1000, 9000, 1)
    assert figures[free.pk] == (None, None, 0)
    assert training_price(training) == "From $25, sliding scale"
    assert training_price(free.training) == "Free"


@pytestmark_db
def test_training_session_listings_show_upcoming_sessions_with_their_state():
    training = TrainingFactory()
    open_session = SessionFactory(training=training, capacity=2, meeting__days_ahead=3)
    full = SessionFactory(training=training, capacity=1, meeting__days_ahead=5)
    RegistrationFactory(session=full)
    cancelled = SessionFactory(
        training=training, status=Session.Status.CANCELLED, meeting__days_ahead=7
    )
    SessionFactory(training=training, meeting__days_ahead=-3)  # past: not listed
    SessionFactory(meeting__days_ahead=3)  # another training

    listings = training_session_listings(training=training)

    assert [(item.session.pk, item.state, item.seats) for item in listings] == [
        (open_session.pk, BookingState.OPEN, "2 seats left"),
        (full.pk, BookingState.WAITLIST, "Full"),
        (cancelled.pk, BookingState.CANCELLED, "20 seats left"),
    ]
    assert listings[0].register_url == f"/sessions/{open_session.pk}/register/"
    assert listings[0].location == "Online"


def _titles(filters, **kwargs):
    return [t.title for t in catalogue_trainings(Training.objects.all(), filters, **kwargs)]


@pytest.fixture
def catalogue():
    """Four trainings that differ in one way each, with sessions at known dates."""
    paid = FeeScheduleFactory()
    FeeTierFactory(schedule=paid, price_cents=2500)
    FeeTierFactory(schedule=paid, price_cents=7500)
    equity, advocacy = TopicFactory(slug="equity"), TopicFactory(slug="advocacy")
    managers = AudienceFactory(slug="managers")

    a = TrainingFactory(title="A virtual paid SW", fee_schedule=paid, language="English")
    a.topics.add(equity)
    SessionFactory(training=a, format=DeliveryFormat.VIRTUAL, meeting__days_ahead=20)
    SessionFactory(training=a, format=DeliveryFormat.VIRTUAL, meeting__days_ahead=90)

    b = TrainingFactory(title="B in person free", format=DeliveryFormat.IN_PERSON)
    b.topics.add(advocacy)
    b.audiences.add(managers)
    SessionFactory(
        training=b, format=DeliveryFormat.IN_PERSON, city="Springfield", meeting__days_ahead=10
    )

    c = TrainingFactory(title="C Spanish no sessions", language="Spanish", fee_schedule=paid)

    d = TrainingFactory(title="D virtual cancelled only")
    SessionFactory(training=d, status=Session.Status.CANCELLED, meeting__days_ahead=5)
    return {"a": a, "b": b, "c": c, "d": d}


@pytestmark_db
def test_catalogue_orders_by_next_session_then_trainings_without_one(catalogue):
    assert _titles(CatalogueFilters()) == [
        "B in person free",
        "A virtual paid SW",
        "C Spanish no sessions",
        "D virtual cancelled only",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CatalogueFilters(format="virtual"), ["A virtual paid SW"]),
        (CatalogueFilters(format="in_person"), ["B in person free"]),
        (CatalogueFilters(topic="equity"), ["A virtual paid SW"]),
        (CatalogueFilters(audience="managers"), ["B in person free"]),
        (CatalogueFilters(language="spanish"), ["C Spanish no sessions"]),
        (CatalogueFilters(price="free"), ["B in person free"]),
        (CatalogueFilters(price="paid"), ["A virtual paid SW"]),
        (CatalogueFilters(format="virtual", topic="advocacy"), []),
    ],
)
@pytestmark_db
def test_catalogue_filters_combine(catalogue, filters, expected):
    assert _titles(filters) == expected


@pytestmark_db
def test_date_range_selects_sessions_and_the_next_matching_date(catalogue):
    today = timezone.localdate()
    filters = CatalogueFilters(
        starts_on=today + dt.timedelta(days=60), ends_on=today + dt.timedelta(days=100)
    )
    trainings = list(catalogue_trainings(Training.objects.all(), filters))
    assert [t.title for t in trainings] == ["A virtual paid SW"]
    assert trainings[0].session_count == 1
    assert trainings[0].next_starts_at.date() >= today + dt.timedelta(days=60)

    two_months = CatalogueFilters(ends_on=today + dt.timedelta(days=60))
    assert _titles(two_months) == ["B in person free", "A virtual paid SW"]


@pytestmark_db
def test_catalogue_entries_carry_next_session_seats_and_price(catalogue):
    trainings = catalogue_trainings(Training.objects.all(), CatalogueFilters())
    entries = {e.training.title: e for e in catalogue_entries(trainings)}

    a = entries["A virtual paid SW"]
    assert (a.session_count, a.price, a.next_session.seats) == (
        2,
        "From $25, sliding scale",
        "20 seats left",
    )
    assert entries["B in person free"].next_session.location == "Springfield"
    assert entries["B in person free"].price == "Free"
    c = entries["C Spanish no sessions"]
    assert (c.next_session, c.session_count, c.price) == (None, 0, "From $25, sliding scale")
