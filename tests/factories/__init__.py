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
from .people import OrganizationFactory, ProfileFactory, UserFactory

__all__ = [
    "AudienceFactory",
    "FacilitatorFactory",
    "FeeScheduleFactory",
    "FeeTierFactory",
    "OrganizationFactory",
    "ProfileFactory",
    "RegistrationFactory",
    "SessionFacilitatorFactory",
    "SessionFactory",
    "TopicFactory",
    "TrainingFactory",
    "UserFactory",
    "ce_credential",
]
