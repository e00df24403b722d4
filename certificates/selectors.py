"""Reads that turn a registration's attendance into CE credit through lms.rules.credit."""

from dataclasses import dataclass

from django.db.models import QuerySet

from certificates.models import AccreditingBody, TrainingApproval
from lms.rules.credit import ApprovalTerms, CreditResult, CreditRule, credit_for_attendance
from lms.selectors.attendance import registration_presences


def credit_rule_for(body: AccreditingBody) -> CreditRule:
    return CreditRule(
        minutes_per_credit_hour=body.minutes_per_credit_hour,
        rounding_increment=body.rounding_increment,
        first_hour_rule=body.first_hour_rule,
        breaks_excluded=body.breaks_excluded,
        late_grace_minutes=body.late_grace_minutes,
        leave_early_grace_minutes=body.leave_early_grace_minutes,
        partial_credit_allowed=body.partial_credit_allowed,
    )


def approval_terms_for(approval: TrainingApproval) -> ApprovalTerms:
    credentials = frozenset(c.code for c in approval.credentials.all())
    if approval.body.is_certificate_of_attendance:
        from lms.models import Profile

        credentials = frozenset(Profile.LicenseType.values)  # everyone, licensed or not
    return ApprovalTerms(
        valid_from=approval.valid_from,
        valid_until=approval.valid_until,
        hours_by_category=approval.hours_by_category(),
        credentials=credentials,
    )


def approvals_for_training(*, training) -> QuerySet[TrainingApproval]:
    return training.approvals.select_related("body").prefetch_related("credentials")


@dataclass(frozen=True)
class CreditLine:
    approval: TrainingApproval
    credential: str
    result: CreditResult


def registration_credit(*, registration) -> list[CreditLine]:
    """Credit per approval for the registrant's credential: the CE approvals that cover their
    license, and any certificate-of-attendance approval. Each line says why when it is zero."""
    profile = getattr(registration.person, "profile", None)
    credential = profile.license_type if profile else ""
    presences = registration_presences(registration=registration)
    lines = []
    for approval in approvals_for_training(training=registration.session.training):
        terms = approval_terms_for(approval)
        if credential not in terms.credentials and not approval.body.is_certificate_of_attendance:
            continue
        result = credit_for_attendance(
            rule=credit_rule_for(approval.body),
            approval=terms,
            credential=credential,
            meetings=presences,
        )
        lines.append(CreditLine(approval=approval, credential=credential, result=result))
    return lines
