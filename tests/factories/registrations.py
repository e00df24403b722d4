import factory

from lms.models import DiscountCode, FeeTier

from .catalogue import FeeScheduleFactory, FeeTierFactory, SessionFactory, TrainingFactory


class DiscountCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscountCode

    code = factory.Sequence(lambda n: f"CODE{n}")
    percent_off = 10


def paid_session(*, capacity: int = 20, partner_discount_percent: int = 15, **session_kwargs):
    """A session whose training has the standard sliding scale (org, community, standard,
    supporter and pay-what-you-can tiers). Returns (session, {kind: tier})."""
    schedule = FeeScheduleFactory(partner_discount_percent=partner_discount_percent)
    tiers = {
        "organization": FeeTierFactory(
            schedule=schedule,
            kind=FeeTier.Kind.ORGANIZATION,
            label="Organization – budget under $500K",
            budget_band="under_500k",
            price_cents=4500,
            sort_order=0,
        ),
        "community": FeeTierFactory(
            schedule=schedule,
            kind=FeeTier.Kind.COMMUNITY,
            label="Community rate",
            price_cents=2500,
            sort_order=1,
        ),
        "standard": FeeTierFactory(
            schedule=schedule,
            kind=FeeTier.Kind.STANDARD,
            label="Standard rate",
            price_cents=5000,
            sort_order=2,
        ),
        "supporter": FeeTierFactory(
            schedule=schedule,
            kind=FeeTier.Kind.SUPPORTER,
            label="Supporter",
            price_cents=8500,
            sort_order=3,
        ),
        "pwyc": FeeTierFactory(
            schedule=schedule,
            kind=FeeTier.Kind.PAY_WHAT_YOU_CAN,
            label="Pay what you can",
            price_cents=2000,
            minimum_cents=500,
            maximum_cents=5000,
            sort_order=4,
        ),
    }
    training = TrainingFactory(fee_schedule=schedule)
    session = SessionFactory(training=training, capacity=capacity, **session_kwargs)
    return session, tiers
