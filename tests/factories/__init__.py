"""factory_boy factories, one module per area; import them from here."""

from .catalogue import (
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
)
from .people import OrganizationFactory, ProfileFactory, UserFactory

__all__ = [
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
]
