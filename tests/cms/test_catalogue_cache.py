"""The cached catalogue fragment: served from the cache, and fresh after any change a card
shows (tests run with the cache on here; elsewhere it is off)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.catalogue_cache import catalogue_version
from lms.models import Registration
from tests.factories import (
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
    UserFactory,
)
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.CATALOGUE_CACHE_SECONDS = 60
    cache.clear()
    _, catalogue = site_with_catalogue(per_page=12)
    training = TrainingFactory(title="Reframing human services", slug="reframing")
    training_page(catalogue, training)
    session = SessionFactory(training=training, capacity=5)
    yield {"catalogue": catalogue, "training": training, "session": session}
    cache.clear()


def get(client, url="/trainings/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeat_request_is_served_from_the_cache_with_fewer_queries(client, catalogue):
    first, first_queries = get(client)
    second, second_queries = get(client)
    assert "5 seats left" in first
    assert second == first
    assert second_queries < first_queries


def test_each_query_string_has_its_own_fragment(client, catalogue):
    TrainingFactory(title="Budgeting for small nonprofits", slug="budget")
    training_page(catalogue["catalogue"], TrainingFactory(title="Ethics in supervision"))
    everything, _ = get(client)
    searched, _ = get(client, "/trainings/?q=ethics")
    assert "Ethics in supervision" in everything and "Reframing human services" in everything
    assert "Ethics in supervision" in searched and "Reframing human services" not in searched
    assert "<title>“ethics” –" in searched


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda w: RegistrationFactory(session=w["session"]), "4 seats left"),
        (
            lambda w: (
                Registration.objects.filter(pk=RegistrationFactory(session=w["session"]).pk)
                .first()
                .delete()
            ),
            "5 seats left",
        ),
        (lambda w: setattr(w["session"], "capacity", 9) or w["session"].save(), "9 seats left"),
        (
            lambda w: setattr(w["training"], "title", "Reframing, revised") or w["training"].save(),
            "Reframing, revised",
        ),
        (
            lambda w: w["training"].topics.add(TopicFactory(name="Equity practice")),
            "Equity practice",
        ),
        (
            lambda w: training_page(
                w["catalogue"], TrainingFactory(title="Trauma-informed care", slug="trauma")
            ),
            "Trauma-informed care",
        ),
    ],
    ids=["registration", "registration deleted", "capacity", "title", "topic", "new page"],
)
def test_a_change_shows_at_once(client, catalogue, change, expected):
    before, _ = get(client)
    assert expected not in before or expected == "5 seats left"
    version = catalogue_version()
    change(catalogue)
    assert catalogue_version() != version
    after, _ = get(client)
    assert expected in after


def test_an_unpublished_page_leaves_the_catalogue(client, catalogue):
    assert "Reframing human services" in get(client)[0]
    catalogue["training"].page.unpublish()
    assert "Reframing human services" not in get(client)[0]


def test_nothing_about_the_signed_in_person_is_cached(client, catalogue):
    client.force_login(UserFactory(is_staff=True))
    signed_in, _ = get(client)
    client.logout()
    anonymous, _ = get(client)
    assert "Staff admin" in signed_in and "Sign out" in signed_in
    assert "Staff admin" not in anonymous and "Sign out" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous
    # The cached part itself was the same for both.
    fragment = signed_in[signed_in.index('<div class="catalogue-layout">') :]
    assert fragment[: fragment.index("</section>")] in anonymous
