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
from .compensation import (
    ConnectStatus,
    ExpenseLine,
    FacilitatorPayProfile,
    FacilitatorPaySettings,
    Form1099Threshold,
    NumberSequence,
    Payout,
    PayoutMethod,
    PayStatement,
    PayStatementLine,
    RateCard,
    StatementPeriod,
)
from .demographics import (
    Difficulty,
    OrganizationSelfReport,
    ParticipantDemographics,
    StaffReport,
)
from .discounts import DiscountCode
from .evaluations import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EvaluationQuestion,
    EvaluationResponse,
)
from .fees import FeeSchedule, FeeTier
from .groups import GroupRegistration
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
from .task_outbox import DeferredTask
from .technical_assistance import TechnicalAssistanceRequest
from .waitlists import WaitlistEntry

__all__ = [
    "AttendanceRecord",
    "AttendanceSource",
    "Audience",
    "BudgetBand",
    "CeCredential",
    "ConnectStatus",
    "DeferredTask",
    "DeliveryFacilitator",
    "DeliveryFormat",
    "Difficulty",
    "DiscountCode",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationInvitation",
    "EvaluationQuestion",
    "EvaluationResponse",
    "ExpenseLine",
    "Facilitator",
    "FacilitatorPayProfile",
    "FacilitatorPaySettings",
    "FeeSchedule",
    "FeeTier",
    "Form1099Threshold",
    "GroupRegistration",
    "Invoice",
    "InvoiceLine",
    "Meeting",
    "MeetingDelivery",
    "NumberSequence",
    "Organization",
    "OrganizationSelfReport",
    "ParticipantDemographics",
    "PayStatement",
    "PayStatementLine",
    "Payment",
    "Payout",
    "PayoutMethod",
    "Profile",
    "RateCard",
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
    "StaffReport",
    "StatementPeriod",
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
