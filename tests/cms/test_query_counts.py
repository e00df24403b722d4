"""The catalogue, a training page and the home page cost the same number of queries for 5
trainings as for 200 trainings with 1,000 sessions."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import HomePageFeaturedTraining
from lms.models import DeliveryFormat, Meeting, Registration, Session, SessionFacilitator
from tests.factories import (
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    TopicFactory,
    TrainingApprovalFactory,
    TrainingFactory,
    UserFactory,
)
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db

URLS = [
    "/",
    "/trainings/",
    "/trainings/?format=virtual&credential=social-work&price=paid&topic=topic-a",
    "/trainings/?q=reframing&page=2",
    "/trainings/training-0/",
    "/trainings/calendar.ics",
]


class Catalogue:
    """Trainings with pages, each with sessions, meetings, a facilitator and registrations."""

    def __init__(self):
        self.home, self.catalogue = site_with_catalogue(per_page=12)
        self.schedule = FeeScheduleFactory()
        FeeTierFactory(schedule=self.schedule, price_cents=2500)
        FeeTierFactory(schedule=self.schedule, price_cents=7500)
        self.topics = [TopicFactory(name="Topic A", slug="topic-a"), TopicFactory(slug="topic-b")]
        self.facilitators = FacilitatorFactory.create_batch(3)
        self.people = UserFactory.create_batch(3)
        self.formats = itertools.cycle(DeliveryFormat.values)
        self.count = 0

    def add(self, *, trainings: int, sessions_per_training: int):
        now = timezone.now()
        for n in range(self.count, self.count + trainings):
            training = TrainingFactory(
                title=f"Reframing part {n}", slug=f"training-{n}", fee_schedule=self.schedule
            )
            training.topics.set(self.topics)
            TrainingApprovalFactory(training=training)
            training.facilitators.set(self.facilitators)
            page = training_page(self.catalogue, training)
            if n < 3:
                HomePageFeaturedTraining.objects.create(page=self.home, training_page=page)
            new = Session.objects.bulk_create(
                Session(
                    training=training,
                    format=next(self.formats),
                    capacity=10,
                    starts_at=now + dt.timedelta(days=1 + i * 7 + n % 5),
                )
                for i in range(sessions_per_training)
            )
            Meeting.objects.bulk_create(
                Meeting(
                    session=s, starts_at=s.starts_at, ends_at=s.starts_at + dt.timedelta(hours=3)
                )
                for s in new
            )
            SessionFacilitator.objects.bulk_create(
                SessionFacilitator(session=s, facilitator=self.facilitators[0]) for s in new
            )
            Registration.objects.bulk_create(
                Registration(session=s, person=p, status=Registration.Status.CONFIRMED)
                for s in new
                for p in self.people
            )
        self.count += trainings


def query_counts(client) -> dict[str, int]:
    counts = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(context.captured_queries)
    return counts


def test_query_counts_do_not_grow_with_trainings_and_sessions(
    client, django_assert_max_num_queries
):
    catalogue = Catalogue()
    catalogue.add(trainings=5, sessions_per_training=5)
    client.get("/")  # warm Wagtail's site-root cache, as any running server has
    small = query_counts(client)

    catalogue.add(trainings=195, sessions_per_training=5)
    assert Session.objects.count() == 1000

    for url in URLS:
        with django_assert_max_num_queries(small[url]):
            response = client.get(url)
        assert response.status_code == 200
    # The pages really list the bigger catalogue.
    assert "200 trainings" in client.get("/trainings/").content.decode()
    assert client.get("/trainings/training-0/").content.decode().count("Add to calendar") == 5
