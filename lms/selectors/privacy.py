"""Reads for people's data: everything lms holds about one person (the export), what stands
between them and an erasure, and the erasure requests and access logs staff look at.

Every query here is scoped to the one person by their own foreign keys (or, for TA requests
made without signing in, their account's email address), never by a name: the export of one
person must never carry another's data (tests/lms/privacy/test_export.py).
"""

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lms.models import (
    AttendanceRecord,
    DemographicAccess,
    ErasureRequest,
    EvaluationAnswer,
    GroupRegistration,
    Invoice,
    Meeting,
    ParticipantDemographics,
    Payment,
    Profile,
    Refund,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    TechnicalAssistanceRequest,
    VirtualAttendanceRow,
    WaitlistEntry,
)
from lms.models.demographics import RACE_ETHNICITY_CATEGORIES, WASHINGTON_GROUP_DOMAINS
from lms.rules.money import dollars_plain
from lms.rules.privacy import ErasureFacts


@dataclass(frozen=True)
class ExportSection:
    """One kind of data in the export: `name.json` and `name.csv` in the ZIP, described in its
    README by `title`. Rows are flat dicts of plain values (text, numbers, dates, lists)."""

    name: str
    title: str
    rows: list[dict]


def _money(cents: int | None) -> str:
    return "" if cents is None else dollars_plain(cents)


def ta_requests_of(person) -> QuerySet[TechnicalAssistanceRequest]:
    """Requests the person made signed in, and those made with their email without signing in."""
    return TechnicalAssistanceRequest.objects.filter(
        Q(requester=person) | Q(requester__isnull=True, requester_email__iexact=person.email)
    )


def _account(person) -> ExportSection:
    addresses = EmailAddress.objects.filter(user=person).order_by("email")
    return ExportSection(
        "account",
        "Your sign-in account",
        [
            {
                "email": person.email,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "joined": person.date_joined,
                "last_sign_in": person.last_login,
                "email_addresses": [
                    f"{a.email} ({'verified' if a.verified else 'not verified'})" for a in addresses
                ],
            }
        ],
    )


def _profile(person) -> ExportSection:
    rows = [
        {
            "printed_name": profile.printed_name,
            "pronouns": profile.pronouns,
            "phone": profile.phone,
            "accessibility_needs": profile.accessibility_needs,
            "organization": profile.organization.name if profile.organization else "",
            "job_title": profile.job_title,
            "license_type": profile.license_type,
            "license_number": profile.license_number,
            "license_state": profile.license_state,
        }
        for profile in Profile.objects.filter(user=person).select_related("organization")
    ]
    return ExportSection("profile", "Your profile (name on certificates, license)", rows)


def _registrations(person) -> ExportSection:
    rows = [
        {
            "registration": r.pk,
            "training": r.session.training.title,
            "session_starts": r.session.starts_at,
            "status": r.get_status_display(),
            "fee_tier": r.fee_tier.label if r.fee_tier else "",
            "amount": _money(r.amount_cents),
            "discount_code": r.discount_code.code if r.discount_code else "",
            "pay_it_forward": _money(r.scholarship_fund_cents),
            "tier_attested": r.attested_at,
            "confirmed": r.confirmed_at,
            "cancelled": r.cancelled_at,
            "cancellation_reason": r.cancellation_reason,
            "staff_notes": r.staff_notes,
            "created": r.created_at,
        }
        for r in Registration.objects.filter(person=person)
        .select_related("session__training", "fee_tier", "discount_code")
        .order_by("created_at", "pk")
    ]
    return ExportSection("registrations", "Your registrations", rows)


def _payments_query(person) -> QuerySet[Payment]:
    return Payment.objects.filter(Q(registration__person=person) | Q(group__coordinator=person))


def _payments(person) -> ExportSection:
    rows = [
        {
            "payment": p.pk,
            "for": f"registration {p.registration_id}"
            if p.registration_id
            else f"group {p.group_id}",
            "amount": _money(p.amount_cents),
            "currency": p.currency,
            "status": p.get_status_display(),
            "refunded": _money(p.refunded_cents),
            "card_last4": p.card_last4,
            "started": p.created_at,
            "paid": p.succeeded_at,
        }
        for p in _payments_query(person).order_by("created_at", "pk")
    ]
    return ExportSection("payments", "Your card payments", rows)


def _refunds(person) -> ExportSection:
    rows = [
        {
            "refund": r.pk,
            "payment": r.payment_id,
            "amount": _money(r.amount_cents),
            "status": r.get_status_display(),
            "reason": r.get_reason_display(),
            "requested": r.created_at,
            "completed": r.completed_at,
        }
        for r in Refund.objects.filter(payment__in=_payments_query(person)).order_by(
            "created_at", "pk"
        )
    ]
    return ExportSection("refunds", "Refunds of your payments", rows)


def _scholarship_applications(person) -> ExportSection:
    rows = [
        {
            "application": a.pk,
            "fund": a.fund.name,
            "training": a.session.training.title,
            "status": a.get_status_display(),
            "coverage": a.get_coverage_display(),
            "amount_requested": _money(a.amount_requested_cents),
            "need_statement": a.need_statement,
            "organization_led_by_underrepresented_communities": a.leads_underrepresented,
            "decision_message": a.decision_message,
            "decided": a.decided_at,
            "applied": a.created_at,
        }
        for a in ScholarshipApplication.objects.filter(person=person)
        .select_related("fund", "session__training")
        .order_by("created_at", "pk")
    ]
    return ExportSection("scholarship_applications", "Your scholarship applications", rows)


def _scholarship_awards(person) -> ExportSection:
    rows = [
        {
            "award": a.pk,
            "fund": a.fund.name,
            "registration": a.registration_id,
            "amount": _money(a.amount_cents),
            "status": a.get_status_display(),
            "no_show_policy_applied": a.no_show_on,
            "awarded": a.created_at,
        }
        for a in ScholarshipAward.objects.filter(person=person)
        .select_related("fund")
        .order_by("created_at", "pk")
    ]
    return ExportSection("scholarship_awards", "Scholarships awarded to you", rows)


def _attendance(person) -> ExportSection:
    rows = [
        {
            "registration": a.registration_id,
            "training": a.meeting.session.training.title,
            "meeting_starts": a.meeting.starts_at,
            "meeting_ends": a.meeting.ends_at,
            "arrived": a.arrived_at,
            "left": a.left_at,
            "minutes_present": a.minutes_present,
            "recorded_from": a.get_source_display(),
        }
        for a in AttendanceRecord.objects.filter(registration__person=person)
        .select_related("meeting__session__training")
        .order_by("meeting__starts_at", "pk")
    ]
    return ExportSection("attendance", "Your attendance, meeting by meeting", rows)


def _virtual_attendance(person) -> ExportSection:
    rows = [
        {
            "meeting_starts": row.report.meeting.starts_at,
            "platform": row.report.get_platform_display(),
            "name_in_report": row.name,
            "email_in_report": row.email,
            "joined": row.joined_at,
            "left": row.left_at,
            "matched": row.get_match_display(),
        }
        for row in VirtualAttendanceRow.objects.filter(registration__person=person)
        .select_related("report__meeting")
        .order_by("joined_at", "pk")
    ]
    return ExportSection(
        "virtual_attendance",
        "Lines about you in the Zoom or Teams reports facilitators uploaded",
        rows,
    )


def _evaluations(person) -> ExportSection:
    rows = [
        {
            "registration": answer.response.registration_id,
            "training": answer.response.evaluation.training.title,
            "submitted": answer.response.submitted_at,
            "question": answer.question.text,
            "rating": answer.rating,
            "yes": answer.yes,
            "comment": answer.text,
        }
        for answer in EvaluationAnswer.objects.filter(response__registration__person=person)
        .select_related("response__evaluation__training", "question")
        .order_by("response__submitted_at", "question__sort_order", "pk")
    ]
    return ExportSection("evaluations", "Your answers to training evaluations", rows)


def _technical_assistance(person) -> ExportSection:
    rows = [
        {
            "request": f"TA-{t.pk}",
            "topic": t.topic,
            "details": t.details,
            "name": t.requester_name,
            "email": t.requester_email,
            "phone": t.phone,
            "organization": t.organization_name,
            "urgency": t.get_urgency_display(),
            "preferred_contact": t.get_preferred_contact_display(),
            "training": t.training.title if t.training else "",
            "status": t.get_status_display(),
            "staff_note": t.staff_note,
            "asked": t.created_at,
            "closed": t.closed_at,
        }
        for t in ta_requests_of(person).select_related("training").order_by("created_at", "pk")
    ]
    return ExportSection("technical_assistance", "Your technical-assistance requests", rows)


def _demographics(person) -> ExportSection:
    race = dict(RACE_ETHNICITY_CATEGORIES)
    rows = []
    for answers in ParticipantDemographics.objects.filter(person=person):
        row = {
            "race_and_ethnicity": ["Prefer not to answer"]
            if answers.race_prefer_not
            else [race[name] for name in answers.race_categories],
        }
        for name, question in WASHINGTON_GROUP_DOMAINS:
            row[question] = getattr(answers, f"get_{name}_display")()
        row["answered_on"] = answers.reported_on
        rows.append(row)
    return ExportSection("demographic_answers", "Your voluntary demographic answers", rows)


def _demographic_reads(person) -> ExportSection:
    rows = [
        {
            "read": access.accessed_at,
            "by": str(access.accessed_by) if access.accessed_by else "",
            "what": access.what,
        }
        for access in DemographicAccess.objects.filter(people=person)
        .select_related("accessed_by")
        .order_by("accessed_at", "pk")
    ]
    return ExportSection(
        "demographic_answer_reads", "When staff read your demographic answers", rows
    )


def _waitlists(person) -> ExportSection:
    rows = [
        {
            "training": w.session.training.title,
            "session_starts": w.session.starts_at,
            "status": w.get_status_display(),
            "joined": w.created_at,
            "offered": w.offered_at,
        }
        for w in WaitlistEntry.objects.filter(person=person)
        .select_related("session__training")
        .order_by("created_at", "pk")
    ]
    return ExportSection("waitlists", "Waitlists you joined", rows)


def _groups(person) -> ExportSection:
    """Groups the person registered as a coordinator: the group's own facts only, never the
    attendees (they are other people)."""
    rows = [
        {
            "kind": "invoice",
            "reference": invoice.display_number,
            "organization": invoice.organization.name,
            "training": invoice.session.training.title,
            "status": invoice.get_status_display(),
            "total": _money(invoice.total_cents),
            "date": invoice.issued_on,
        }
        for invoice in Invoice.objects.filter(coordinator=person)
        .select_related("organization", "session__training")
        .order_by("number")
    ]
    rows += [
        {
            "kind": "card-paid group",
            "reference": f"group {group.pk}",
            "organization": group.organization.name,
            "training": group.session.training.title,
            "status": group.get_status_display(),
            "total": _money(group.amount_cents),
            "date": group.created_at,
        }
        for group in GroupRegistration.objects.filter(coordinator=person)
        .select_related("organization", "session__training")
        .order_by("created_at", "pk")
    ]
    return ExportSection("groups_coordinated", "Groups you registered for an organization", rows)


def _erasure_requests(person) -> ExportSection:
    rows = [
        {
            "request": r.pk,
            "status": r.get_status_display(),
            "how": r.get_channel_display(),
            "requested": r.requested_at,
            "confirmed": r.confirmed_at,
            "closed": r.closed_at,
        }
        for r in ErasureRequest.objects.filter(person=person).order_by("requested_at", "pk")
    ]
    return ExportSection("erasure_requests", "Your requests to erase your data", rows)


def personal_data_sections(*, person) -> list[ExportSection]:
    """Everything lms holds about `person`, one section per kind (certificates, which live
    in the certificates app, are added by the service through a signal)."""
    return [
        _account(person),
        _profile(person),
        _registrations(person),
        _payments(person),
        _refunds(person),
        _scholarship_applications(person),
        _scholarship_awards(person),
        _attendance(person),
        _virtual_attendance(person),
        _evaluations(person),
        _technical_assistance(person),
        _demographics(person),
        _demographic_reads(person),
        _waitlists(person),
        _groups(person),
        _erasure_requests(person),
    ]


# --- Erasure ---------------------------------------------------------------------------------


def _unfinished(now) -> Q:
    """Registrations whose session has a meeting still to end, or no meeting yet."""
    return Q(Exists(Meeting.objects.filter(session=OuterRef("session_id"), ends_at__gt=now))) | ~Q(
        Exists(Meeting.objects.filter(session=OuterRef("session_id")))
    )


def erasure_facts(*, person, now: dt.datetime | None = None) -> ErasureFacts:
    """What lms knows that could block erasing `person` (lms.rules.privacy.erasure_blockers)."""
    now = now or timezone.now()
    upcoming = (
        Registration.objects.filter(person=person, status__in=Registration.SEAT_HOLDING)
        .filter(_unfinished(now))
        .select_related("session__training")
        .order_by("session__starts_at", "pk")
    )
    waiting = WaitlistEntry.objects.filter(
        person=person, status__in=(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)
    ).select_related("session__training")
    return ErasureFacts(
        is_staff=person.is_staff or person.is_superuser,
        is_facilitator=hasattr(person, "facilitator"),
        upcoming_trainings=tuple(r.session.training.title for r in upcoming),
        waitlisted_trainings=tuple(w.session.training.title for w in waiting),
        open_payments=_payments_query(person).filter(status__in=Payment.OPEN).count(),
        pending_scholarship_applications=ScholarshipApplication.objects.filter(
            person=person, status=ScholarshipApplication.Status.PENDING
        ).count(),
        open_group_holds=GroupRegistration.objects.filter(
            coordinator=person, status=GroupRegistration.Status.PENDING_PAYMENT
        ).count(),
        open_invoices=Invoice.objects.filter(
            coordinator=person, status=Invoice.Status.OPEN
        ).count(),
    )


def last_record_on(*, person) -> dt.date | None:
    """The day of the person's latest CE, attendance or payment record: the last meeting of
    a session they were confirmed for, or their last payment or refund, whichever is later."""
    last_meeting = Meeting.objects.filter(
        session__registrations__person=person,
        session__registrations__status=Registration.Status.CONFIRMED,
    ).aggregate(last=Max("ends_at"))["last"]
    last_payment = _payments_query(person).aggregate(last=Max("created_at"))["last"]
    last_refund = Refund.objects.filter(payment__in=_payments_query(person)).aggregate(
        last=Max("created_at")
    )["last"]
    moments = [moment for moment in (last_meeting, last_payment, last_refund) if moment]
    return timezone.localdate(max(moments)) if moments else None


DIGEST_SALT = "lms.privacy.erased-identity"


def identity_digest(value: str) -> str:
    """A keyed hash (SECRET_KEY) of an email or license number, normalised, for finding an
    erased person's kept records; '' for nothing."""
    normal = "".join(value.split()).lower()
    return salted_hmac(DIGEST_SALT, normal, algorithm="sha256").hexdigest() if normal else ""


def erasure_requests_matching(*, text: str) -> QuerySet[ErasureRequest]:
    """Requests whose person has this email or license number now, or had it when erased (by
    the kept digests), or whose pseudonym it is."""
    text = text.strip()
    if not text:
        return ErasureRequest.objects.none()
    digest = identity_digest(text)
    return ErasureRequest.objects.filter(
        Q(person__email__iexact=text)
        | Q(pseudonym__iexact=text)
        | Q(email_digest=digest)
        | Q(license_digest=digest)
    )
