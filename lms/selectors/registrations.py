"""Reads. Views, cms pages and reports query through these, never through ad-hoc ORM calls."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from lms.models import (
    Evaluation,
    EvaluationResponse,
    FeeTier,
    Meeting,
    Payment,
    Registration,
    SessionMaterial,
)


def registrations_for_person(*, person, now=None) -> QuerySet[Registration]:
    """The /my/ rows, with what each row links to: receipt, materials, and the evaluation,
    open once the last meeting has begun (as evaluation_check_open rules) until answered."""
    now = now or timezone.now()
    paid = Payment.objects.filter(registration=OuterRef("pk"), status__in=Payment.PAID)
    materials = SessionMaterial.objects.filter(
        session=OuterRef("session_id"), withdrawn_at__isnull=True
    )
    last_start = (
        Meeting.objects.filter(session=OuterRef("session_id"))
        .values("session")
        .annotate(last=Max("starts_at"))
        .values("last")
    )
    return (
        Registration.objects.filter(person=person)
        .select_related("session__training", "fee_tier")
        .annotate(
            has_payment=Exists(paid),
            has_materials=Exists(materials),
            has_evaluation=Exists(
                Evaluation.objects.filter(training=OuterRef("session__training_id"))
            ),
            evaluation_done=Exists(EvaluationResponse.objects.filter(registration=OuterRef("pk"))),
            last_meeting_starts_at=last_start,
        )
        .annotate(
            evaluation_open=ExpressionWrapper(
                Q(has_evaluation=True, last_meeting_starts_at__lte=now, evaluation_done=False),
                output_field=BooleanField(),
            )
        )
        .order_by("session__starts_at")
    )


# --- Registration and payments ---------------------------------------------------


def seats_taken(*, session) -> int:
    return Registration.objects.filter(
        session=session, status__in=Registration.SEAT_HOLDING
    ).count()


def seats_left(*, session) -> int:
    return max(session.capacity - seats_taken(session=session), 0)


def registration_active_for(*, session, person) -> Registration | None:
    """The person's seat-holding registration for the session, if any."""
    return Registration.objects.filter(
        session=session, person=person, status__in=Registration.SEAT_HOLDING
    ).first()


def registration_for_owner(*, pk: int, person) -> Registration:
    """One of the person's own registrations, or Registration.DoesNotExist."""
    return Registration.objects.select_related(
        "session__training", "fee_tier", "discount_code", "person"
    ).get(pk=pk, person=person)


def payments_for_registration(*, registration) -> QuerySet[Payment]:
    return registration.payments.prefetch_related("refunds").order_by("created_at")


def fee_tiers_for_session(*, session) -> QuerySet[FeeTier]:
    schedule = session.effective_fee_schedule
    if schedule is None:
        return FeeTier.objects.none()
    return schedule.tiers.order_by("sort_order", "price_cents")


def roster_for_session(*, session) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(session=session)
        .select_related("person__profile__organization", "fee_tier")
        .order_by("status", "person__last_name", "person__first_name")
    )
