"""lms models, split by domain; import from here."""

from .catalogue import (
    DeliveryFormat,
    Facilitator,
    Meeting,
    Session,
    SessionFacilitator,
    Topic,
    Training,
)
from .catalogue_terms import Audience, CeCredential
from .fees import FeeSchedule, FeeTier
from .people import BudgetBand, Organization, Profile, User
from .registrations import Registration

__all__ = [
    "Audience",
    "BudgetBand",
    "CeCredential",
    "DeliveryFormat",
    "Facilitator",
    "FeeSchedule",
    "FeeTier",
    "Meeting",
    "Organization",
    "Profile",
    "Registration",
    "Session",
    "SessionFacilitator",
    "Topic",
    "Training",
    "User",
]
