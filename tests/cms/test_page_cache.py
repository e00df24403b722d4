"""Whole anonymous responses for the home, catalogue and training pages (cms/page_cache.py):
served without touching the database, never to a signed-in person, and fresh after every
change a public page shows (the cache is on in these tests; elsewhere it is off)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import CoalitionBrand
from tests.factories import (
    FeeScheduleFactory,
    FeeTierFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFactory,
    TrainingApprovalFactory,
    TrainingFactory,
    UserFactory,
)
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db

TRAINING_URL = "/trainings/reframing/"


@pytest.fixture
def world(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    home, catalogue = site_with_catalogue(per_page=12)
    schedule = FeeScheduleFactory(name="Sliding scale")
    tier = FeeTierFactory(schedule=schedule, kind="standard", label="Standard", price_cents=5000)
    training = TrainingFactory(title="Reframing human services", slug="reframing")
    training.fee_schedule = schedule
    training.save()
    page = training_page(catalogue, training)
    session = SessionFactory(training=training, capacity=5)
    yield {
        "home": home,
        "catalogue": catalogue,
        "page": page,
        "training": training,
        "session": session,
        "tier": tier,
    }
    cache.clear()


def get(client, url=TRAINING_URL):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.mark.parametrize("url", ["/", "/trainings/", TRAINING_URL, "/trainings/?q=reframing"])
def test_a_repeat_anonymous_visit_is_answered_without_the_database(client, world, url):
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    # The security headers set by inner middleware are replayed with the page.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]
    assert not second.cookies


def test_each_query_string_is_its_own_page(client, world):
    TrainingFactory(title="Ethics in supervision", slug="ethics")
    training_page(world["catalogue"], TrainingFactory(title="Ethics in supervision", slug="e2"))
    everything, _ = get(client, "/trainings/")
    searched, _ = get(client, "/trainings/?q=ethics")
    assert b"Reframing human services" in everything.content
    assert b"Reframing human services" not in searched.content


def test_a_signed_in_person_never_gets_or_leaves_a_cached_page(client, world):
    anonymous, _ = get(client)
    client.force_login(UserFactory(is_staff=True))
    signed_in, queries = get(client)
    assert queries > 0
    assert b"Sign out" in signed_in.content and b"Sign out" not in anonymous.content
    client.logout()
    again, queries = get(client)
    assert queries == 0
    assert b"Sign out" not in again.content


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, world):
    get(client)
    client.cookies["sessionid"] = "someone-part-way-through-something"
    _, queries = get(client)
    assert queries > 0


def test_only_public_pages_are_kept(client, world):
    get(client, "/healthz")
    _, queries = get(client, "/healthz")
    assert queries > 0
    client.post(TRAINING_URL)
    response, queries = get(client, "/no-such-page/")
    assert response.status_code == 404
    _, queries = get(client, "/no-such-page/")
    assert queries > 0


def _add_meeting(w):
    MeetingFactory(
        session=w["session"],
        starts_at=w["session"].meetings.first().starts_at + dt.timedelta(days=7),
        minutes=60,
    )


def _unpublish(w):
    w["page"].unpublish()


def _rebrand(w):
    brand = CoalitionBrand.load()
    brand.name = "Prairie Human Services Coalition"
    brand.save()


def _republish_with_a_new_title(w):
    revision = w["page"].get_latest_revision_as_object()
    revision.title = "Reframing: the revised workshop"
    revision.save_revision().publish()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda w: RegistrationFactory(session=w["session"]), "4 seats left"),
        (lambda w: setattr(w["session"], "capacity", 9) or w["session"].save(), "9 seats left"),
        (_add_meeting, "Meetings"),
        (
            lambda w: setattr(w["tier"], "price_cents", 6500) or w["tier"].save(),
            "$65",
        ),
        (
            lambda w: (
                setattr(w["training"], "audience", "Case managers in rural counties")
                or w["training"].save()
            ),
            "Case managers in rural counties",
        ),
        (lambda w: TrainingApprovalFactory(training=w["training"]), "3 CE hours"),
        (lambda w: SessionFactory(training=w["training"], capacity=7), "7 seats left"),
        (_republish_with_a_new_title, "Reframing: the revised workshop"),
        (_rebrand, "Prairie Human Services Coalition"),
    ],
    ids=[
        "seats left",
        "session",
        "meeting",
        "fee schedule",
        "training record",
        "CE approval",
        "new session",
        "published",
        "brand",
    ],
)
def test_a_change_shows_on_the_next_anonymous_visit(client, world, change, expected):
    before, _ = get(client)
    get(client)  # now in the cache
    assert expected not in before.content.decode()
    change(world)
    after, queries = get(client)
    assert queries > 0
    assert expected in after.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, world):
    assert get(client)[0].status_code == 200
    _unpublish(world)
    assert get(client)[0].status_code == 404
    assert b"Reframing human services" not in get(client, "/trainings/")[0].content
