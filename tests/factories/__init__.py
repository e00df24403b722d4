"""factory_boy factories, one module per area; import them from here."""

from .attendance import AttendanceRecordFactory
from .catalogue import (
    AudienceFactory,
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MeetingFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    TopicFactory,
    TrainingFactory,
    ce_credential,
)
from .certificates import CertificateFactory, TrainingApprovalFactory
from .compensation import (
    FacilitatorPayProfileFactory,
    PayStatementFactory,
    RateCardFactory,
)
from .evaluations import (
    EvaluationAnswerFactory,
    EvaluationFactory,
    EvaluationQuestionFactory,
    EvaluationResponseFactory,
)
from .payments import PaymentFactory
from .people import OrganizationFactory, ProfileFactory, StaffFactory, UserFactory
from .registrations import DiscountCodeFactory, paid_session
from .scholarships import ScholarshipFundFactory

__all__ = [
    "AttendanceRecordFactory",
    "AudienceFactory",
    "CertificateFactory",
    "DiscountCodeFactory",
    "EvaluationAnswerFactory",
    "EvaluationFactory",
    "EvaluationQuestionFactory",
    "EvaluationResponseFactory",
    "FacilitatorFactory",
    "FacilitatorPayProfileFactory",
    "FeeScheduleFactory",
    "FeeTierFactory",
    "MeetingFactory",
    "OrganizationFactory",
    "PayStatementFactory",
    "PaymentFactory",
    "ProfileFactory",
    "RateCardFactory",
    "RegistrationFactory",
    "ScholarshipFundFactory",
    "SessionFacilitatorFactory",
    "SessionFactory",
    "StaffFactory",
    "TopicFactory",
    "TrainingApprovalFactory",
    "TrainingFactory",
    "UserFactory",
    "ce_credential",
    "paid_session",
]
