"""lms models, split by domain; import from here."""

from .attendance import (
    AttendanceRecord,
    AttendanceSource,
    DeliveryFacilitator,
    MeetingDelivery,
    SessionMaterial,
    SessionReport,
    VirtualAttendanceReport,
    VirtualAttendanceRow,
    VirtualPlatform,
)
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
from .discounts import DiscountCode
from .evaluations import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EvaluationQuestion,
    EvaluationResponse,
)
from .fees import FeeSchedule, FeeTier
from .payments import Payment, Refund, StripeCustomer, StripeEvent
from .people import BudgetBand, Organization, Profile, User
from .registrations import Registration
from .technical_assistance import TechnicalAssistanceRequest

__all__ = [
    "AttendanceRecord",
    "AttendanceSource",
    "Audience",
    "BudgetBand",
    "CeCredential",
    "DeliveryFacilitator",
    "DeliveryFormat",
    "DiscountCode",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationInvitation",
    "EvaluationQuestion",
    "EvaluationResponse",
    "Facilitator",
    "FeeSchedule",
    "FeeTier",
    "Meeting",
    "MeetingDelivery",
    "Organization",
    "Payment",
    "Profile",
    "Refund",
    "Registration",
    "Session",
    "SessionFacilitator",
    "SessionMaterial",
    "SessionReport",
    "StripeCustomer",
    "StripeEvent",
    "TechnicalAssistanceRequest",
    "Topic",
    "Training",
    "User",
    "VirtualAttendanceReport",
    "VirtualAttendanceRow",
    "VirtualPlatform",
]
