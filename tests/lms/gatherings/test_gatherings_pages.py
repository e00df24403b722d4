"""Gatherings beside CE trainings: their own listing and calendar, out of the CE catalogue,
its API, embed and calendar, without CE wording or certificates, registered for on behalf
of an organization."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from certificates.services import registration_eligibility
from lms.models import DeliveryFormat, EventKind, Registration
from lms.services.registrations import registration_create
from tests.factories import (
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
)
from tests.factories.pages import events_page, site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, catalogue = site_with_catalogue()
    events = events_page(home)
    topic = TopicFactory(name="Advocacy", slug="advocacy")
    ce = TrainingFactory(title="Trauma-Informed Supervision", slug="supervision")
    ce.topics.add(topic)
    training_page(catalogue, ce)
    lac = TrainingFactory(
        title="North Region LAC Meeting",
        slug="lac-north",
        kind=EventKind.LAC_MEETING,
        region="North",
        language="Tagalog",
    )
    lac.topics.add(topic)
    training_page(events, lac)
    advocacy = TrainingFactory(
        title="Advocacy Day at the Capitol", slug="advocacy-day", kind=EventKind.ADVOCACY_DAY
    )
    training_page(events, advocacy)
    return {
        "ce": SessionFactory(training=ce, meeting__days_ahead=5),
        "lac": SessionFactory(training=lac, meeting__days_ahead=6),
        "advocacy": SessionFactory(training=advocacy, meeting__days_ahead=7),
    }


def main_of(response) -> str:
    """The page's own content, without the site's name and navigation."""
    text = response.content.decode()
    return text[text.index("<main") : text.index("</main>")]


def titles_in(text: str, site) -> set[str]:
    return {key for key, s in site.items() if s.training.title in text}


def test_events_lists_gatherings_and_the_catalogue_only_ce_trainings(client, site):
    events = client.get("/events/").content.decode()
    assert titles_in(events, site) == {"lac", "advocacy"}
    assert "North region" in events and "LAC meeting" in events
    only_lac = client.get("/events/", {"kind": "lac_meeting"}).content.decode()
    assert titles_in(only_lac, site) == {"lac"}
    assert titles_in(client.get("/events/", {"kind": "nonsense"}).content.decode(), site) == {
        "lac",
        "advocacy",
    }
    catalogue = client.get("/trainings/").content.decode()
    assert titles_in(catalogue, site) == {"ce"}
    assert "Tagalog" not in catalogue  # a gathering's language is not a catalogue filter
    home = client.get("/").content.decode()
    assert "North Region LAC Meeting" not in home


def test_calendar_feeds_are_split(client, site):
    def summaries(url):
        calendar = Calendar.from_ical(client.get(url).content)
        return {str(event["summary"]) for event in calendar.walk("VEVENT")}

    assert summaries(reverse("cms:events_calendar_feed")) == {
        "North Region LAC Meeting",
        "Advocacy Day at the Capitol",
    }
    assert summaries(reverse("cms:calendar_feed")) == {"Trauma-Informed Supervision"}


def test_api_and_embed_list_no_gathering(client, site):
    body = client.get(reverse("api:trainings")).json()
    assert [t["id"] for t in body["results"]] == [site["ce"].training_id]
    sessions = client.get(reverse("api:sessions")).json()
    assert {s["id"] for s in sessions["results"]} == {site["ce"].pk}
    embed = client.get(reverse("cms:embed_trainings"), {"topic": "advocacy"}).content.decode()
    assert titles_in(embed, site) == {"ce"}


def test_a_gathering_page_never_mentions_ce(client, site):
    response = client.get("/events/lac-north/")
    assert "application/ld+json" not in response.content.decode()
    page = main_of(response)
    assert "North Region LAC Meeting" in page
    assert "CE" not in page and "certificate" not in page.lower()
    assert "All events" in page
    ce_page = client.get("/trainings/supervision/").content.decode()
    assert "CE hours" in ce_page


def test_registering_on_behalf_of_the_organization(
    client, site, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(organization__name="Good Neighbors")
    client.force_login(profile.user)
    url = reverse("lms:session_register", args=[site["lac"].pk])
    page = main_of(client.get(url))
    assert "I come on behalf of Good Neighbors" in page
    assert "This LAC meeting is free" in page
    assert "CE" not in page and "certificate" not in page.lower()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"for_organization": "on"})
    assert response.status_code == 302
    registration = Registration.objects.get(session=site["lac"], person=profile.user)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organization == profile.organization
    [email] = mail.outbox
    text = email.body + "".join(alt[0] for alt in email.alternatives)
    assert "CE hours" not in text and "certificate" not in text.lower()
    detail = main_of(client.get(registration.get_absolute_url()))
    assert "CE" not in detail and "certificate" not in detail.lower()
    my = main_of(client.get(reverse("lms:dashboard")))
    assert "North Region LAC Meeting" in my


def test_without_the_box_the_person_comes_on_their_own(site):
    profile = ProfileFactory()
    registration = registration_create(session=site["advocacy"], person=profile.user)
    assert registration.organization is None
    other = ProfileFactory()
    registration = registration_create(
        session=site["advocacy"], person=other.user, for_organization=True
    )
    assert registration.organization == other.organization


def test_a_virtual_ce_training_email_still_speaks_of_ce_hours(
    site, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    site["ce"].format = DeliveryFormat.VIRTUAL
    site["ce"].save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(session=site["ce"], person=profile.user)
    html = mail.outbox[0].alternatives[0][0]
    assert "CE hours" in html


def test_a_gathering_issues_no_certificate(site):
    registration = RegistrationFactory(session=site["lac"])
    eligibility = registration_eligibility(registration=registration)
    assert not eligibility.eligible
    assert "gives no CE credit or certificate" in eligibility.reasons[0]


def test_an_lac_meeting_names_its_region():
    from django.core.exceptions import ValidationError

    training = TrainingFactory.build(kind=EventKind.LAC_MEETING, region=" ")
    with pytest.raises(ValidationError) as caught:
        training.clean()
    assert "region" in caught.value.message_dict
