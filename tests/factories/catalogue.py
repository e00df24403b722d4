import datetime as dt

import factory
from django.utils import timezone

from lms.models import (
    Audience,
    CeCredential,
    DeliveryFormat,
    Facilitator,
    FeeSchedule,
    FeeTier,
    Meeting,
    Registration,
    Session,
    SessionFacilitator,
    Topic,
    Training,
)

from .people import UserFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"audience-{n}")


def ce_credential(code: str) -> CeCredential:
    """One of the standard credentials (social-work, ...) that lms migration 0005 creates."""
    return CeCredential.ensure_standard()[code]


class FeeScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeSchedule

    name = factory.Sequence(lambda n: f"Sliding scale {n}")
    partner_discount_percent = 15


class FeeTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeTier

    schedule = factory.SubFactory(FeeScheduleFactory)
    kind = FeeTier.Kind.STANDARD
    label = "Standard rate"
    price_cents = 5000


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    name = factory.Faker("name")
    credentials = "LCSW"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Reframing Human Services, part {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    summary = "How to tell the story of human services so decision-makers listen."
    duration_minutes = 180
    format = DeliveryFormat.VIRTUAL


class SessionFactory(factory.django.DjangoModelFactory):
    """A session with one meeting: SessionFactory(meeting__days_ahead=3, meeting__minutes=90).

    meeting=False makes a session with no meeting.
    """

    class Meta:
        model = Session
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    format = factory.LazyAttribute(lambda o: o.training.format)
    capacity = 20
    online_link = "https://zoom.example/j/1"

    @factory.post_generation
    def meeting(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        start = (timezone.now() + dt.timedelta(days=kwargs.get("days_ahead", 14))).replace(
            hour=15, minute=0, second=0, microsecond=0
        )
        MeetingFactory(session=obj, starts_at=start, minutes=kwargs.get("minutes", 180))


class MeetingFactory(factory.django.DjangoModelFactory):
    """One meeting of a session: MeetingFactory(session=session, starts_at=when, minutes=90).

    Without a start it is 3 pm two weeks from now; without a length, 180 minutes.
    """

    class Meta:
        model = Meeting

    class Params:
        minutes = 180

    session = factory.SubFactory(SessionFactory, meeting=False)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=14)).replace(
            hour=15, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=o.minutes))


class SessionFacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionFacilitator

    session = factory.SubFactory(SessionFactory)
    facilitator = factory.SubFactory(FacilitatorFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
