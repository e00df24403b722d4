"""factory_boy factories, one module per area; import them from here."""

from .catalogue import (
    AudienceFactory,
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
    ce_credential,
)
from .compensation import (
    FacilitatorPayProfileFactory,
    PayStatementFactory,
    RateCardFactory,
)
from .people import OrganizationFactory, ProfileFactory, UserFactory
from .registrations import DiscountCodeFactory, paid_session
from .scholarships import ScholarshipFundFactory

__all__ = [
    "AudienceFactory",
    "DiscountCodeFactory",
    "FacilitatorFactory",
    "FacilitatorPayProfileFactory",
    "FeeScheduleFactory",
    "FeeTierFactory",
    "OrganizationFactory",
    "PayStatementFactory",
    "ProfileFactory",
    "RateCardFactory",
    "RegistrationFactory",
    "ScholarshipFundFactory",
    "SessionFacilitatorFactory",
    "SessionFactory",
    "TopicFactory",
    "TrainingFactory",
    "UserFactory",
    "ce_credential",
    "paid_session",
]
