import datetime as dt

import factory
from django.utils import timezone

from lms.models import ScholarshipFund
from lms.services.scholarship_ledger import fund_credit


class ScholarshipFundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScholarshipFund
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Equity fund {n}")
    sponsor_kind = ScholarshipFund.SponsorKind.FOUNDATION
    sponsor_name = "Lakeside Foundation"
    period_start = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    period_end = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=335))

    @factory.post_generation
    def credit_cents(obj, create, extracted, **kwargs):
        if create and extracted:
            fund_credit(fund=obj, amount_cents=extracted, note="Grant")
