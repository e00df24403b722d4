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
from .discounts import DiscountCode
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
from .waitlists import WaitlistEntry

__all__ = [
    "Audience",
    "BudgetBand",
    "CeCredential",
    "DeliveryFormat",
    "DiscountCode",
    "Facilitator",
    "FeeSchedule",
    "FeeTier",
    "Invoice",
    "InvoiceLine",
    "Meeting",
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
    "StripeCustomer",
    "StripeEvent",
    "Topic",
    "Training",
    "User",
    "WaitlistEntry",
]
