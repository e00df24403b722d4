"""Reads that turn a registration's attendance into CE credit through lms.rules.credit,
and the CE hours a training offers, read from the same approvals."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from certificates.approvals import ApprovalFacts, approvals_in_print_order, states_notice
from certificates.models import (
    AccreditingBody,
    ApprovalCategoryHours,
    Certificate,
    CreditCategory,
    RosterExport,
    TrainingApproval,
)
from certificates.rosters import Completion, reporting_days_left
from lms.languages import ce_hours_text
from lms.models import Session
from lms.rules.credit import (
    ApprovalTerms,
    CreditResult,
    CreditRule,
    credit_for_attendance,
    hours_for_minutes,
)
from lms.rules.money import hours_text
from lms.selectors.api import organization_people_registrations
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


def _hours_rows() -> Prefetch:
    return Prefetch(
        "category_hours", queryset=ApprovalCategoryHours.objects.select_related("category")
    )


def approvals_for_training(*, training) -> QuerySet[TrainingApproval]:
    return training.approvals.select_related("body").prefetch_related("credentials", _hours_rows())


def approval_facts_for(approval: TrainingApproval, *, delivery_format: str = "") -> ApprovalFacts:
    """The approval as certificates.approvals reads it; the format in the body's words."""
    body = approval.body
    return ApprovalFacts(
        key=approval.pk,
        body=body.name,
        provider_number=approval.provider_number,
        approval_number=approval.approval_number,
        valid_from=approval.valid_from,
        valid_until=approval.valid_until,
        hours_by_category=approval.hours_by_category(),
        credentials=frozenset(c.code for c in approval.credentials.all()),
        statement_template=approval.statement_template,
        format_wording=body.format_wording(delivery_format) if delivery_format else "",
        not_accepted_in_states=tuple(body.states_not_accepted()),
        is_certificate_of_attendance=body.is_certificate_of_attendance,
    )


def training_approval_facts(*, training, delivery_format: str = "") -> list[ApprovalFacts]:
    return [
        approval_facts_for(a, delivery_format=delivery_format)
        for a in approvals_for_training(training=training)
    ]


def certificate_approvals_for(
    *, training, credential: str, issued_for: TrainingApproval, delivery_format: str
) -> list[ApprovalFacts]:
    """The approvals a certificate issued for `issued_for` prints, in order (its own first)."""
    return approvals_in_print_order(
        training_approval_facts(training=training, delivery_format=delivery_format),
        credential=credential,
        issued_for=issued_for.pk,
    )


def registration_state_notices(*, session, person) -> list[str]:
    """Before registering: the approvals of the session's training whose body the
    participant's licensing state does not accept (certificates.approvals.states_notice)."""
    profile = getattr(person, "profile", None)
    if profile is None or not profile.license_type:
        return []
    return states_notice(
        training_approval_facts(training=session.training),
        credential=profile.license_type,
        license_state=profile.license_state,
    )


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


# --- CE hours a training offers -----------------------------------------------------------
#
# The catalogue, the training page and its JSON-LD show what certificates give: the hours of
# the training's CE approvals that are still current (valid until today or later). A
# certificate-of-attendance approval is not CE, and an approval covering no credential gives
# nobody credit, so neither is shown.


@dataclass(frozen=True)
class ApprovedHours:
    """One current CE approval: its body, hours by category and the licenses it covers."""

    body: str
    hours_by_category: dict[str, Decimal]
    credentials: tuple[str, ...]
    not_accepted_in_states: tuple[str, ...] = ()
    labels: dict[str, str] | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.hours_by_category.values(), Decimal("0"))

    @property
    def named_categories(self) -> list[tuple[str, Decimal]]:
        """Hours in categories other than general, as (lower-case label, hours)."""
        labels = self.labels if self.labels is not None else CreditCategory.labels()
        return [
            (labels.get(category, category).lower(), hours)
            for category, hours in self.hours_by_category.items()
            if category != CreditCategory.GENERAL and hours
        ]


@dataclass(frozen=True)
class TrainingCeHours:
    """Every current CE approval of one training; falsy when there is none."""

    approvals: tuple[ApprovedHours, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.approvals)

    @property
    def hours_low(self) -> Decimal | None:
        return min((a.total for a in self.approvals), default=None)

    @property
    def hours_high(self) -> Decimal | None:
        return max((a.total for a in self.approvals), default=None)

    @property
    def hours_label(self) -> str:
        """ "3", or "2 to 2.5" when the approvals differ; "" when there is none."""
        if not self.approvals:
            return ""
        low, high = hours_text(self.hours_low), hours_text(self.hours_high)
        return low if low == high else f"{low} to {high}"

    @property
    def ce_hours_label(self) -> str:
        """ "3 CE hours", "1 CE hour", or "2 to 2.5 CE hours"."""
        if not self.approvals:
            return ""
        if self.hours_low == self.hours_high:
            return ce_hours_text(self.hours_low)
        return gettext("%(hours)s CE hours") % {"hours": self.hours_label}

    @property
    def credentials(self) -> list[str]:
        return sorted({code for a in self.approvals for code in a.credentials})


def _current_ce_approvals(*, today: dt.date) -> QuerySet[TrainingApproval]:
    return TrainingApproval.objects.filter(
        valid_until__gte=today, body__is_certificate_of_attendance=False
    )


def ce_hours_for_trainings(
    training_ids: Iterable[int], *, today: dt.date | None = None
) -> dict[int, TrainingCeHours]:
    """{training id: TrainingCeHours} for the given trainings, in one query (approval and
    credential rows together), whatever their number."""
    today = today or timezone.localdate()
    through = TrainingApproval.credentials.through
    rows = (
        through.objects.filter(
            trainingapproval__in=_current_ce_approvals(today=today).filter(
                training_id__in=list(training_ids)
            )
        )
        .select_related("trainingapproval__body", "credential")
        .order_by("trainingapproval__body__name", "trainingapproval_id", "credential__code")
    )
    approvals: dict[int, tuple[TrainingApproval, list[str]]] = {}
    for row in rows:
        approvals.setdefault(row.trainingapproval_id, (row.trainingapproval, []))[1].append(
            row.credential.code
        )
    # Hours rows and category names in one more query each, whatever the number of approvals.
    labels = CreditCategory.labels()
    order = {code: index for index, code in enumerate(labels)}
    hours_rows: dict[int, dict[str, Decimal]] = {}
    for approval_id, code, hours in (
        ApprovalCategoryHours.objects.filter(approval_id__in=list(approvals), hours__gt=0)
        .order_by("category__sort_order", "category__name")
        .values_list("approval_id", "category__code", "hours")
    ):
        hours_rows.setdefault(approval_id, {})[code] = hours
    by_training: dict[int, list[ApprovedHours]] = {}
    for approval, codes in approvals.values():
        hours = dict(sorted(hours_rows.get(approval.pk, {}).items(), key=lambda i: order[i[0]]))
        if hours:
            by_training.setdefault(approval.training_id, []).append(
                ApprovedHours(
                    body=approval.body.name,
                    hours_by_category=hours,
                    credentials=tuple(codes),
                    not_accepted_in_states=tuple(approval.body.states_not_accepted()),
                    labels=labels,
                )
            )
    return {pk: TrainingCeHours(tuple(found)) for pk, found in by_training.items()}


def trainings_with_ce_for(
    trainings: QuerySet, *, license_types: Iterable[str], today: dt.date | None = None
) -> QuerySet:
    """`trainings` narrowed to those with a current CE approval covering one of
    `license_types` (the catalogue's "CE for" filter)."""
    today = today or timezone.localdate()
    return trainings.filter(
        Exists(
            _current_ce_approvals(today=today).filter(
                training=OuterRef("pk"), credentials__code__in=list(license_types)
            )
        )
    )


# --- Approved hours against scheduled time ------------------------------------------------


def approval_hours_warnings(*, approval: TrainingApproval) -> list[str]:
    """Why this approval grants more hours than a certificate can give, for staff.

    The credit rule caps full attendance at what the scheduled minutes are worth
    (lms.rules.credit), so an approval for more hours than a session's meetings allow
    promises hours no certificate gives. Each session of the training that the approval
    period covers is checked (cancelled ones left out); with none, the training's scheduled
    instruction time (`duration_minutes`)."""
    approved = sum(approval.hours_by_category().values(), Decimal("0"))
    if not approved:
        return []
    rule = credit_rule_for(approval.body)
    rule_words = (
        f"{approval.body.name}'s rule ({rule.minutes_per_credit_hour} minutes a credit hour"
        f"{', breaks excluded' if rule.breaks_excluded else ''})"
    )
    sessions = (
        Session.objects.filter(training_id=approval.training_id)
        .exclude(status=Session.Status.CANCELLED)
        .prefetch_related("meetings")
        .order_by("starts_at", "pk")
    )
    checked = []
    for session in sessions:
        meetings = list(session.meetings.all())
        zone = ZoneInfo(session.time_zone or "America/Chicago")
        dates = [timezone.localtime(m.starts_at, zone).date() for m in meetings]
        if not dates or not all(approval.valid_from <= d <= approval.valid_until for d in dates):
            continue
        breaks = sum(m.break_minutes for m in meetings) if rule.breaks_excluded else 0
        minutes = max(0, sum(m.scheduled_minutes for m in meetings) - breaks)
        checked.append((f"The session of {min(dates):%b %-d, %Y}", minutes))
    if not checked:
        checked = [
            ("The training's scheduled instruction time", approval.training.duration_minutes)
        ]
    warnings = []
    for what, minutes in checked:
        allowed = hours_for_minutes(minutes, rule)
        if approved > allowed:
            warnings.append(
                f"{what} has {minutes} minutes of instruction, worth at most "
                f"{hours_text(allowed)} hours under {rule_words}; this approval grants "
                f"{hours_text(approved)}, so a certificate gives at most {hours_text(allowed)}. "
                "Lower the approved hours or check the meeting times."
            )
    return warnings


def bulk_runs_needing_attention(*, now: dt.datetime) -> QuerySet:
    """Bulk certificate runs for the staff work queue: stalled (unfinished, no sign of life
    for BULK_ISSUE_STALLED_MINUTES; the schedule queues them again, and a run still here
    after that needs a person) or finished with failures and not followed by a later run for
    the same session. The oldest first."""
    from django.conf import settings
    from django.db.models import Q

    from certificates.models import BulkIssueRun

    cutoff = now - dt.timedelta(minutes=settings.BULK_ISSUE_STALLED_MINUTES)
    later = BulkIssueRun.objects.filter(session=OuterRef("session"), pk__gt=OuterRef("pk"))
    stalled = Q(
        status__in=[BulkIssueRun.Status.QUEUED, BulkIssueRun.Status.RUNNING],
        created_at__lt=cutoff,
    ) & (Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff))
    failed = Q(status=BulkIssueRun.Status.DONE) & ~Q(failures=[]) & ~Exists(later)
    return (
        BulkIssueRun.objects.filter(stalled | failed)
        .select_related("session__training")
        .order_by("created_at", "pk")
    )


# --- What an organization's API key may read ---------------------------------------------


def certificates_for_organization(*, organization) -> QuerySet[Certificate]:
    """Certificates of the organization's people (lms.selectors.api), newest first."""
    return (
        Certificate.objects.filter(
            registration__in=organization_people_registrations(organization=organization)
        )
        .select_related("registration__person", "registration__session__training", "superseded_by")
        .order_by("-issued_at", "-pk")
    )


# --- Rosters for licensing boards ---------------------------------------------------------


def roster_completions(*, body, session=None, start=None, end=None) -> list:
    """[(certificate, certificates.rosters.Completion)]: the body's valid certificates for a
    session, or whose first meeting date falls in start..end."""
    certificates = (
        Certificate.objects.filter(status=Certificate.Status.VALID, approval__body=body)
        .select_related("registration__person__profile", "approval")
        .prefetch_related(_approval_hours_prefetch())
        .order_by("pk")
    )
    if session is not None:
        certificates = certificates.filter(registration__session=session)
    found = []
    for certificate in certificates:
        dates = certificate.dates()
        if session is None and (not dates or not start <= dates[0] <= end):
            continue
        profile = getattr(certificate.registration.person, "profile", None)
        found.append(
            (
                certificate,
                Completion(
                    serial=certificate.serial,
                    name=certificate.printed_name,
                    license_type=certificate.license_type,
                    license_number=certificate.license_number,
                    license_state=profile.license_state if profile else "",
                    dates=dates,
                    hours={c: Decimal(h) for c, h in certificate.hours.items()},
                    approved_hours=certificate.approval.hours_by_category(),
                    course_number=certificate.approval.approval_number,
                    course_id=f"T{certificate.approval.training_id}",
                ),
            )
        )
    return found


def _approval_hours_prefetch() -> Prefetch:
    return Prefetch(
        "approval__category_hours",
        queryset=ApprovalCategoryHours.objects.select_related("category"),
    )


@dataclass(frozen=True)
class ReportingLine:
    """One session's roster for one body that requires reporting."""

    session: Session
    body: AccreditingBody
    completions: int
    reported_at: dt.datetime | None
    days_left: int

    @property
    def reported(self) -> bool:
        return self.reported_at is not None


def reporting_status(*, today: dt.date) -> list[ReportingLine]:
    """Per session and body that requires reporting: how many valid certificates, whether a
    roster marked as sent has been exported, and the days left before the body's deadline
    (from the session's last meeting date). Unreported first, the most urgent first."""
    from django.db.models import Count, Max

    counts = (
        Certificate.objects.filter(
            status=Certificate.Status.VALID, approval__body__reporting_required=True
        )
        .values("registration__session", "approval__body")
        .annotate(n=Count("pk"))
    )
    reported = {
        (row["session"], row["body"]): row["at"]
        for row in RosterExport.objects.filter(reported=True, session__isnull=False)
        .values("session", "body")
        .annotate(at=Max("created_at"))
    }
    sessions = Session.objects.select_related("training").prefetch_related("meetings")
    sessions = sessions.in_bulk([row["registration__session"] for row in counts])
    bodies = AccreditingBody.objects.in_bulk([row["approval__body"] for row in counts])
    lines = []
    for row in counts:
        session = sessions[row["registration__session"]]
        body = bodies[row["approval__body"]]
        zone = ZoneInfo(session.time_zone or "America/Chicago")
        last = max(timezone.localtime(m.ends_at, zone).date() for m in session.meetings.all())
        lines.append(
            ReportingLine(
                session=session,
                body=body,
                completions=row["n"],
                reported_at=reported.get((session.pk, body.pk)),
                days_left=reporting_days_left(
                    last_date=last, deadline_days=body.reporting_deadline_days, today=today
                ),
            )
        )
    return sorted(lines, key=lambda line: (line.reported, line.days_left, line.session.pk))
