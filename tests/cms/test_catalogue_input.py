"""The catalogue's filters through HTTP, and bad input that must never answer 500."""

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from lms.models import DeliveryFormat
from tests.factories import SessionFactory, TrainingApprovalFactory, TrainingFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    _, catalogue = site_with_catalogue()
    virtual = TrainingFactory(title="Virtual with social work CE")
    TrainingApprovalFactory(training=virtual)
    SessionFactory(training=virtual, format=DeliveryFormat.VIRTUAL, meeting__days_ahead=20)
    training_page(catalogue, virtual)
    in_person = TrainingFactory(title="In person in Carbondale", format=DeliveryFormat.IN_PERSON)
    TrainingApprovalFactory(training=in_person)
    SessionFactory(
        training=in_person,
        format=DeliveryFormat.IN_PERSON,
        city="Carbondale",
        meeting__days_ahead=20,
    )
    training_page(catalogue, in_person)
    late = TrainingFactory(title="Virtual in four months")
    TrainingApprovalFactory(training=late)
    SessionFactory(training=late, format=DeliveryFormat.VIRTUAL, meeting__days_ahead=120)
    training_page(catalogue, late)
    return catalogue


def _titles(response):
    return re.findall(
        r'<h3 id="training-\d+"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_done_means_filter_through_http(client, catalogue):
    today = timezone.localdate()
    response = client.get(
        "/trainings/",
        {
            "format": "virtual",
            "credential": "social-work",
            "date_from": today.isoformat(),
            "date_to": (today + dt.timedelta(days=61)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert _titles(response) == ["Virtual with social work CE"]
    # The form shows what is applied, so the URL and the page agree.
    content = response.content.decode()
    assert '<option value="virtual" selected>' in content
    assert '<option value="social-work" selected>' in content
    assert f'value="{today.isoformat()}"' in content
    assert "Clear all filters" in content


def _notices(response):
    return [
        html.unescape(m)
        for m in re.findall(r'<li class="message warning">(.*?)</li>', response.content.decode())
    ]


LONG = "racial equity " * 400  # 5,600 characters


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"format": "teleport"}, "We ignored “Format”: that is not one of the choices."),
        ({"topic": "x" * 5000}, "We ignored “Topic”: that is not one of the choices."),
        ({"credential": "'; DROP TABLE lms_training; --"}, "We ignored “CE for”"),
        ({"date_from": "yesterday"}, "We ignored “Starting from”: use a date such as"),
        ({"date_to": "2026-02-31"}, "We ignored “Until”"),
        ({"date_from": "2026-05-01", "date_to": "2026-04-01"}, "The end date was before"),
        ({"page": "abc"}, "That page number was not a number"),
        ({"page": "0"}, "There is no page 0; here is page 1."),
        ({"page": "999"}, "There is no page 999; here is page 1."),
        ({"page": "9" * 5000}, "That page number was not a number"),
        ({"page": "-3"}, "There is no page -3; here is page 1."),
        ({"q": LONG}, "Your search was long, so we used its first 200 characters."),
        ({"q": "\"'*()^:-!"}, "Your search had no letters or numbers in it"),
        ({"price": "cheap"}, "We ignored “Price”"),
        ({"language": "Klingon"}, "We ignored “Language”"),
        ({"audience": "<b>everyone</b>"}, "We ignored “Audience”"),
    ],
)
def test_bad_input_answers_200_with_a_short_message(client, catalogue, query, notice):
    response = client.get("/trainings/", query)
    assert response.status_code == 200
    assert any(n.startswith(notice) for n in _notices(response)), _notices(response)


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE lms_training; --",
        '" OR 1=1 --',
        "NEAR(equity racial) AND OR NOT *",
        "<script>alert('x')</script>",
        "équité raciale",
        "racial equity " * 400,
        "\x00null byte",
    ],
)
def test_hostile_searches_are_safe(client, catalogue, q):
    response = client.get("/trainings/", {"q": q})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "lms_training" not in _titles(response)


def test_search_with_html_is_shown_escaped(client, catalogue):
    response = client.get("/trainings/", {"q": "<b>Carbondale</b>"})
    content = response.content.decode()
    assert "<b>Carbondale</b>" not in content
    assert "&lt;b&gt;Carbondale&lt;/b&gt;" in content  # kept in the search box, escaped
    assert _titles(response) == ["In person in Carbondale"]


def test_repeated_and_unknown_parameters_are_harmless(client, catalogue):
    response = client.get("/trainings/?format=virtual&format=in_person&utm_source=x&zzz")
    assert response.status_code == 200
    assert _titles(response) == ["In person in Carbondale"]


def test_no_results_says_so(client, catalogue):
    response = client.get("/trainings/", {"q": "nonexistentword"})
    assert response.status_code == 200
    assert "No trainings match these filters." in response.content.decode()
