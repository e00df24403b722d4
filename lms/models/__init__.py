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
from .invoices import Invoice, InvoiceLine
from .payments import Payment, Refund, StripeCustomer, StripeEvent
from .people import BudgetBand, Organization, Profile, User
from .registrations import Registration
from .scholarships import (
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    ScholarshipLedgerEntry,
)
from .technical_assistance import TechnicalAssistanceRequest
from .waitlists import WaitlistEntry

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
    "Invoice",
    "InvoiceLine",
    "Meeting",
    "MeetingDelivery",
    "Organization",
    "Payment",
    "Profile",
    "Refund",
    "Registration",
    "ScholarshipApplication",
    "ScholarshipAward",
    "ScholarshipFund",
    "ScholarshipLedgerEntry",
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
    "WaitlistEntry",
]
