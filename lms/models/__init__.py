"""lms models, split by domain; import from here."""

from lms.models.api import ApiKey, ApiKeyUse, ApiScope
from lms.models.attendance import (
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
from lms.models.brand import CoalitionBrand
from lms.models.catalogue import (
    Conference,
    DeliveryFormat,
    EventKind,
    Facilitator,
    Meeting,
    Session,
    SessionFacilitator,
    Topic,
    Training,
)
from lms.models.catalogue_terms import Audience, CeCredential
from lms.models.compensation import (
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
from lms.models.demographics import (
    Difficulty,
    OrganizationSelfReport,
    ParticipantDemographics,
    SelfReportProposal,
    StaffReport,
)
from lms.models.discounts import DiscountCode
from lms.models.evaluations import (
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EvaluationQuestion,
    EvaluationResponse,
)
from lms.models.fees import FeeSchedule, FeeTier
from lms.models.gatherings import SignInSheet
from lms.models.groups import GroupRegistration
from lms.models.invoices import Invoice, InvoiceLine
from lms.models.payments import Payment, Refund, StripeCustomer, StripeEvent
from lms.models.people import (
    BudgetBand,
    Organization,
    OrganizationContact,
    PartnerSupportPayment,
    Profile,
    User,
)
from lms.models.privacy import DemographicAccess, ErasureRequest, RetentionRun
from lms.models.registrations import Registration
from lms.models.scholarships import (
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    ScholarshipLedgerEntry,
)
from lms.models.session_operations import (
    SessionCancellation,
    SessionMessage,
    SessionMessageDelivery,
    SessionReschedule,
    StaffAddition,
)
from lms.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from lms.models.task_outbox import DeferredTask
from lms.models.technical_assistance import TechnicalAssistanceRequest
from lms.models.waitlists import WaitlistEntry
from lms.models.webhooks import WebhookDelivery, WebhookEndpoint, WebhookEventType

__all__ = [
    "ApiKey",
    "ApiKeyUse",
    "ApiScope",
    "AttendanceRecord",
    "AttendanceSource",
    "Audience",
    "BudgetBand",
    "CeCredential",
    "CoalitionBrand",
    "Conference",
    "ConnectStatus",
    "DeferredTask",
    "DeliveryFacilitator",
    "DeliveryFormat",
    "DemographicAccess",
    "Difficulty",
    "DiscountCode",
    "ErasureRequest",
    "Evaluation",
    "EvaluationAnswer",
    "EvaluationInvitation",
    "EvaluationQuestion",
    "EvaluationResponse",
    "EventKind",
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
    "OrganizationContact",
    "OrganizationSelfReport",
    "ParticipantDemographics",
    "PartnerSupportPayment",
    "PayStatement",
    "PayStatementLine",
    "Payment",
    "Payout",
    "PayoutMethod",
    "Profile",
    "RateCard",
    "Refund",
    "Registration",
    "RetentionRun",
    "ScholarshipApplication",
    "ScholarshipAward",
    "ScholarshipFund",
    "ScholarshipLedgerEntry",
    "SelfReportProposal",
    "Session",
    "SessionCancellation",
    "SessionFacilitator",
    "SessionMaterial",
    "SessionMessage",
    "SessionMessageDelivery",
    "SessionReport",
    "SessionReschedule",
    "SignInSheet",
    "StaffAddition",
    "StaffReport",
    "StatementPeriod",
    "StripeCustomer",
    "StripeEvent",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
    "TechnicalAssistanceRequest",
    "Topic",
    "Training",
    "User",
    "VirtualAttendanceReport",
    "VirtualAttendanceRow",
    "VirtualPlatform",
    "WaitlistEntry",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEventType",
]
