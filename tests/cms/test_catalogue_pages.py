"""The home, catalogue and training pages rendered through Wagtail with real data."""

import datetime as dt
import html
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import HomePage, HomePageFeaturedTraining, StandardPage, TrainingPage
from lms.models import DeliveryFormat, Registration, Session
from tests.factories import (
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    TopicFactory,
    TrainingApprovalFactory,
    TrainingFactory,
)
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return site_with_catalogue(per_page=2)


@pytest.fixture
def equity(site):
    """A paid, virtual training with social-work CE, a facilitator and three sessions."""
    _, catalogue = site
    schedule = FeeScheduleFactory()
    FeeTierFactory(schedule=schedule, price_cents=2500)
    FeeTierFactory(schedule=schedule, price_cents=8500)
    training = TrainingFactory(
        title="Advancing Racial Equity",
        slug="advancing-racial-equity",
        fee_schedule=schedule,
        audience="Managers and boards",
    )
    TrainingApprovalFactory(training=training, hours_general=Decimal("2.50"))
    training.topics.add(TopicFactory(name="Racial equity", slug="racial-equity"))
    facilitator = FacilitatorFactory(
        name="Dr. Amara Okafor", pronouns="she/her", lived_experience="I grew up here."
    )
    training.facilitators.add(facilitator)
    open_session = SessionFactory(training=training, capacity=3, meeting__days_ahead=10)
    SessionFacilitatorFactory(session=open_session, facilitator=facilitator)
    RegistrationFactory(session=open_session)
    full = SessionFactory(training=training, capacity=1, meeting__days_ahead=20)
    RegistrationFactory(session=full)
    cancelled = SessionFactory(
        training=training, status=Session.Status.CANCELLED, meeting__days_ahead=30
    )
    page = training_page(
        catalogue,
        training,
        learning_objectives=[("objective", "Name three root causes of inequity")],
        agenda=[("item", {"time": "9:30 AM", "title": "Welcome", "description": ""})],
        body=[
            ("paragraph", "<p>Body text here.</p>"),
            ("quote", {"quote": "Life-changing.", "attribution": "A case manager"}),
            (
                "faq",
                {
                    "heading": "Questions",
                    "questions": [{"question": "Is there CE?", "answer": "<p>Yes.</p>"}],
                },
            ),
        ],
        accessibility="<p>Live captions on every session.</p>",
    )
    return {
        "training": training,
        "page": page,
        "open": open_session,
        "full": full,
        "cancelled": cancelled,
    }


def _text(response) -> str:
    """The visible text of a page: tags dropped, whitespace collapsed."""
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content)))


def test_training_page_shows_facts_sessions_and_content(client, equity):
    response = client.get("/trainings/advancing-racial-equity/")
    assert response.status_code == 200
    text = _text(response)
    for expected in [
        "Advancing Racial Equity",
        "CE hours 2.5 CE hours for LCSW, LSW – Illinois social work (IDFPR)",
        "Managers and boards",
        "Racial equity",
        "From $25, sliding scale",
        "2 seats left",
        "Full",
        "Name three root causes of inequity",
        "9:30 AM Welcome",
        "Body text here.",
        "Life-changing.",
        "Is there CE?",
        "Live captions on every session.",
        "Dr. Amara Okafor",
        "Pronouns: she/her",
        "I grew up here.",
        "Online",
    ]:
        assert expected in text, expected
    content = response.content.decode()
    open_pk, full_pk = equity["open"].pk, equity["full"].pk
    assert f'href="/sessions/{open_pk}/register/"' in content
    assert re.search(rf'href="/sessions/{open_pk}/register/"[^>]*>Register</a>', content)
    assert re.search(rf'href="/sessions/{full_pk}/register/"[^>]*>Join the waitlist</a>', content)
    assert f"/sessions/{equity['cancelled'].pk}/register/" not in content
    assert re.search(r'<span class="button" aria-disabled="true">Cancelled</span>', content)
    assert f'href="/sessions/{open_pk}/calendar.ics"' in content


def test_session_times_show_in_the_session_time_zone(client, equity):
    session = equity["open"]
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=10), dt.time(14, 0), tzinfo=dt.UTC
    )
    session.meetings.update(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    Session.objects.filter(pk=session.pk).update(starts_at=start, time_zone="America/New_York")
    text = _text(client.get("/trainings/advancing-racial-equity/"))
    assert re.search(r"(9|10):00 AM – (11|12):00 (AM|PM) Eastern Time", text)


def test_registration_closed_and_not_yet_open_labels(client, equity):
    Session.objects.filter(pk=equity["open"].pk).update(
        registration_closes_at=timezone.now() - dt.timedelta(hours=1)
    )
    Session.objects.filter(pk=equity["full"].pk).update(
        registration_opens_at=timezone.now() + dt.timedelta(days=2)
    )
    text = _text(client.get("/trainings/advancing-racial-equity/"))
    assert "Registration closed" in text
    assert "Registration opens" in text
    # Each closed button says why, with the date.
    closed_on = timezone.localtime(timezone.now() - dt.timedelta(hours=1))
    assert f"Registration closed on {closed_on:%B} {closed_on.day}, {closed_on:%Y}." in text
    assert "The coalition cancelled this session." in text
    opens = timezone.localtime(timezone.now() + dt.timedelta(days=2))
    assert f"Registration opens {opens:%B} {opens.day}, {opens:%Y} at" in text


def test_training_page_json_ld_is_a_course_with_instances(client, equity):
    content = client.get("/trainings/advancing-racial-equity/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Course"
    assert data["name"] == "Advancing Racial Equity"
    assert data["provider"]["name"] == "Coalition CE"
    assert data["educationalCredentialAwarded"] == "2.5 CE hours (LCSW, LSW)"
    instances = data["hasCourseInstance"]
    assert [i["courseMode"] for i in instances] == ["online"] * 3
    assert instances[0]["offers"]["price"] == "25.00"
    assert instances[0]["offers"]["availability"] == "https://schema.org/InStock"
    assert instances[1]["offers"]["availability"] == "https://schema.org/SoldOut"
    assert instances[2]["eventStatus"] == "https://schema.org/EventCancelled"
    assert instances[0]["instructor"] == [{"@type": "Person", "name": "Dr. Amara Okafor"}]


def test_json_ld_cannot_break_out_of_its_script(client, equity):
    training = equity["training"]
    training.summary = "</script><script>alert(1)</script> & more"
    training.save()
    content = client.get("/trainings/advancing-racial-equity/").content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert "<" not in raw
    assert json.loads(raw)["description"] == training.summary


def test_catalogue_lists_published_trainings_with_next_session(client, site, equity):
    _, catalogue = site
    draft = TrainingFactory(title="Draft training")
    training_page(catalogue, draft).unpublish()
    TrainingFactory(title="No page at all")
    text = _text(client.get("/trainings/"))
    assert "1 training" in text
    assert "Advancing Racial Equity" in text
    assert "CE hours 2.5 CE hours (LCSW, LSW)" in text
    assert "(and 1 more)" in text  # the cancelled one is not a next date
    assert "2 seats left" in text
    assert "From $25, sliding scale" in text
    assert "Draft training" not in text
    assert "No page at all" not in text


def test_catalogue_paginates_and_keeps_filters_in_links(client, site):
    _, catalogue = site
    for n in range(5):
        training = TrainingFactory(title=f"Training {n}", format=DeliveryFormat.VIRTUAL)
        SessionFactory(training=training, meeting__days_ahead=n + 1)
        training_page(catalogue, training)
    response = client.get("/trainings/?format=virtual&page=2")
    text = _text(response)
    assert "5 trainings" in text
    assert "Training 2" in text and "Training 3" in text
    assert "Training 0" not in text
    assert 'href="?format=virtual&amp;page=3"' in response.content.decode()
    assert 'aria-current="page"' in response.content.decode()


def test_catalogue_keyword_search(client, site, equity):
    _, catalogue = site
    other = TrainingFactory(title="Advocacy basics", summary="Witness slips and budgets.")
    training_page(catalogue, other)
    assert "Advocacy basics" not in _text(client.get("/trainings/?q=racial"))
    text = _text(client.get("/trainings/?q=witness+slips"))
    assert "Advocacy basics" in text and "Advancing Racial Equity" not in text
    assert "1 training matching “witness slips”" in text
    # The training's topics are searchable through the page.
    assert "Advancing Racial Equity" in _text(client.get("/trainings/?q=equity"))


def test_editing_a_training_reindexes_its_page(client, site, equity):
    training = equity["training"]
    assert "0 trainings" in _text(client.get("/trainings/?q=zebra"))
    training.summary = "Now about zebra crossings."
    training.save()
    assert "Advancing Racial Equity" in _text(client.get("/trainings/?q=zebra"))


def test_home_page_shows_featured_trainings_and_next_sessions(client, site, equity):
    home, _ = site
    HomePageFeaturedTraining.objects.create(page=home, training_page=equity["page"])
    later = SessionFactory(training=equity["training"], meeting__days_ahead=40)
    home.next_sessions_count = 2
    home.save()
    text = _text(client.get("/"))
    assert "Featured trainings" in text
    assert "Next sessions" in text
    assert text.count("Add to calendar") == 2  # the next two, not the third or cancelled
    assert f"/sessions/{later.pk}/calendar.ics" not in client.get("/").content.decode()


def test_page_tree_is_locked(site):
    home, catalogue = site
    # A gathering's page sits under the events page (docs/gatherings.md).
    assert TrainingPage.parent_page_types == ["cms.TrainingCatalogPage", "cms.EventsPage"]
    assert not HomePage.can_create_at(catalogue)
    assert not TrainingPage.can_create_at(home)
    assert TrainingPage.can_create_at(catalogue)
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(catalogue)


def test_a_training_has_one_page(site, equity):
    _, catalogue = site
    duplicate = TrainingPage(title="Again", slug="again", training=equity["training"])
    with pytest.raises(ValidationError):
        catalogue.add_child(instance=duplicate)


def test_publishing_and_deleting_a_page_never_touches_sessions(site, equity):
    page = equity["page"]
    before = (
        Session.objects.filter(training=equity["training"]).count(),
        Registration.objects.count(),
    )
    page.title = "New title"
    page.save_revision().publish()
    page.unpublish()
    page.delete()
    equity["training"].refresh_from_db()
    assert before == (
        Session.objects.filter(training=equity["training"]).count(),
        Registration.objects.count(),
    )
    assert equity["training"].title == "Advancing Racial Equity"


def test_sitemap_lists_published_pages(client, site, equity):
    content = client.get("/sitemap.xml").content.decode()
    assert "http://localhost/trainings/" in content
    assert "http://localhost/trainings/advancing-racial-equity/" in content


def test_missing_training_page_is_404(client, site):
    assert client.get("/trainings/no-such-training/").status_code == 404


def test_every_price_shows_on_the_training_page_before_any_account(client, site):
    """Signed out, the training page lists each tier with whom it is for and its price, the
    partner discount and that scholarships exist (not only "From $25, sliding scale")."""
    from tests.factories import paid_session

    _, catalogue = site
    session, _tiers = paid_session(partner_discount_percent=15)
    pwyc = session.effective_fee_schedule.tiers.get(kind="pwyc")
    training_page(catalogue, session.training)
    text = _text(client.get(session.training.page.url))
    table = text[text.index("What it costs") : text.index("Upcoming sessions")]
    for expected in [
        "Organization – budget under $500K Staff of organizations with an annual budget "
        "under $500K $45",
        "Community rate",
        "$25",
        "Standard rate Everyone else $50",
        "(the extra pays it forward)",
        f"You choose, {'$' + str(pwyc.minimum_cents // 100)}",
        "take 15% off",
        "Scholarships cover part or all of the fee",
    ]:
        assert expected in table, expected


def test_a_free_training_has_no_price_table(client, equity, site):
    _, catalogue = site
    free = TrainingFactory(title="Free forum", slug="free-forum", fee_schedule=None)
    training_page(catalogue, free)
    assert "What it costs" not in _text(client.get("/trainings/free-forum/"))
