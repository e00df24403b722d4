import datetime as dt
from decimal import Decimal

import factory

from certificates.models import (
    AccreditingBody,
    Certificate,
    TrainingApproval,
)
from certificates.services import certificate_issue

from .catalogue import RegistrationFactory, TrainingFactory


class TrainingApprovalFactory(factory.django.DjangoModelFactory):
    """A training's approval by one of the seeded accrediting bodies, for every credential
    the body licenses: TrainingApprovalFactory(training=t, body_slug="il-addiction-counselors").

    3 general hours, valid through 2026 and 2027, unless said otherwise. Hours by category
    as `hours_<category code>=Decimal(...)` (any category the database holds), or
    `hours={"ethics": Decimal("1")}` for the categories other than general.
    """

    class Meta:
        model = TrainingApproval
        skip_postgeneration_save = True

    class Params:
        body_slug = "il-social-work"

    training = factory.SubFactory(TrainingFactory)
    body = factory.LazyAttribute(lambda o: AccreditingBody.objects.get(slug=o.body_slug))
    approval_number = factory.LazyAttribute(lambda o: f"{o.body.slug.upper()}-APP-77")
    sponsor_number = "159.001234"
    valid_from = dt.date(2026, 1, 1)
    valid_until = dt.date(2027, 12, 31)
    hours_general = Decimal("3.0")

    @classmethod
    def _create(cls, model_class, *args, hours=None, **kwargs):
        by_category = {
            k.removeprefix("hours_"): kwargs.pop(k) for k in list(kwargs) if k.startswith("hours_")
        }
        by_category.update(hours or {})
        approval = super()._create(model_class, *args, **kwargs)
        approval.hours_set(by_category)
        return approval

    @factory.post_generation
    def credentials(obj, create, extracted, **kwargs):
        if create:
            obj.credentials.set(obj.body.credentials.all() if extracted is None else extracted)


class CertificateFactory(factory.django.DjangoModelFactory):
    """A valid certificate, issued by certificates.services.certificate_issue (so its serial,
    code and snapshot are the service's): CertificateFactory(registration=r, approval=a).

    Without an approval, one for the registration's training; without hours, the approval's
    general hours. Eligibility (attendance, evaluation) is not checked: that is
    registration_certificates_issue's job.
    """

    class Meta:
        model = Certificate

    registration = factory.SubFactory(RegistrationFactory)
    approval = factory.SubFactory(
        TrainingApprovalFactory, training=factory.SelfAttribute("..registration.session.training")
    )
    hours = factory.LazyAttribute(
        lambda o: {"general": o.approval.hours_by_category().get("general", Decimal("0"))}
    )
    issued_by = None

    @classmethod
    def _create(cls, model_class, *, registration, approval, hours, issued_by):
        certificate, _created = certificate_issue(
            registration=registration, approval=approval, hours=hours, by=issued_by
        )
        return certificate
