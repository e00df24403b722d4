"""The embeddable catalogue: what a partner's frame lists, and that only the origins staff
list may frame it (content security policy frame-ancestors)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import EmbedSettings
from tests.factories import SessionFactory, TopicFactory, TrainingFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    _home, catalogue = site_with_catalogue()
    supervision = TopicFactory(name="Supervision", slug="supervision")
    ethics = TrainingFactory(title="Ethics in Practice")
    supervising = TrainingFactory(title="Supervising with Care")
    supervising.topics.add(supervision)
    hidden = TrainingFactory(title="Draft Training")  # no page
    for training in (ethics, supervising):
        training_page(catalogue, training)
        SessionFactory(training=training)
    SessionFactory(training=hidden)
    return catalogue


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("frame-ancestors")).strip()


def test_the_frame_lists_upcoming_published_trainings_by_topic(client, catalogue):
    page = client.get(reverse("cms:embed_trainings")).content.decode()
    assert "Ethics in Practice" in page and "Supervising with Care" in page
    assert "Draft Training" not in page
    assert 'target="_blank" rel="noopener"' in page
    assert "/register/" in page
    only = client.get(reverse("cms:embed_trainings"), {"topic": "supervision"}).content.decode()
    assert "Supervising with Care" in only and "Ethics in Practice" not in only
    unknown = client.get(reverse("cms:embed_trainings"), {"topic": "nope", "limit": "x"})
    assert unknown.status_code == 200
    assert "No topic has that name" in unknown.content.decode()


def test_only_origins_staff_list_may_frame_it(client, catalogue):
    response = client.get(reverse("cms:embed_trainings"))
    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == "frame-ancestors 'self'"
    settings_row = EmbedSettings.load()
    settings_row.allowed_origins = "https://www.partner.example\nhttp://localhost:8080/\n"
    settings_row.full_clean()
    settings_row.save()
    response = client.get(reverse("cms:embed_trainings"))
    assert frame_ancestors(response) == (
        "frame-ancestors 'self' http://localhost:8080 https://www.partner.example"
    )
    # Every other page still refuses frames.
    other = client.get(reverse("certificates:verify_form"))
    assert frame_ancestors(other) == "frame-ancestors 'self'"
    assert other["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


@pytest.mark.parametrize(
    "line",
    ["www.partner.example", "https://partner.example/catalogue", "javascript:alert(1)", "*"],
)
def test_staff_list_origins_not_pages(line):
    row = EmbedSettings(allowed_origins=f"https://ok.example\n{line}")
    with pytest.raises(ValidationError, match="Not an origin"):
        row.clean()


def test_the_loader_script_puts_the_frame_after_itself(client):
    response = client.get(reverse("cms:embed_script"))
    assert response["Content-Type"].startswith("text/javascript")
    script = response.content.decode()
    assert '"/embed/trainings/"' in script
    assert "event.origin !== origin" in script  # only our frame may resize it
