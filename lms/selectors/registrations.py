"""Reads. Views, cms pages and reports query through these, never through ad-hoc ORM calls."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote_plus

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from lms.models import (
    DeliveryFormat,
    Evaluation,
    EvaluationResponse,
    FeeTier,
    Meeting,
    Payment,
    Registration,
    ScholarshipApplication,
    Session,
    SessionMaterial,
    WaitlistEntry,
)
from lms.rules.next_step import NextStep, RegistrationFacts, next_step
from lms.rules.time_zones import session_time_zone


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


# --- Seats -----------------------------------------------------------------------
#
# The one definition of a taken seat, asked by the catalogue and training pages, the register
# and group pages, registration, the waitlist and a payment that arrives late. A seat is taken
# by a confirmed registration, by a hold that has not run out (or whose card payment is under
# way: the hold-expiry task asks Stripe before it frees it), and by an open waitlist offer.
# A hold past its time with no payment under way is free: registration expires it on the spot.


def _payment_under_way():
    """A card payment in flight for the registration (or its group) named by OuterRef."""
    return Payment.objects.filter(
        Q(registration=OuterRef("pk")) | Q(group=OuterRef("group")),
        status__in=Payment.OPEN,
        stripe_payment_intent_id__isnull=False,
    )


def holds_run_out(*, now) -> Q:
    """Holds past their time with no card payment under way: they no longer hold a seat."""
    return Q(status=Registration.Status.PENDING_PAYMENT, hold_expires_at__lte=now) & ~Exists(
        _payment_under_way()
    )


def _holding_a_seat(*, now) -> Q:
    return Q(status=Registration.Status.CONFIRMED) | (
        Q(status=Registration.Status.PENDING_PAYMENT)
        & (
            Q(hold_expires_at__isnull=True)
            | Q(hold_expires_at__gt=now)
            | Exists(_payment_under_way())
        )
    )


def _count(queryset) -> Coalesce:
    counted = queryset.order_by().values("session").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def sessions_with_seats_left(sessions: QuerySet[Session], *, now, person=None) -> QuerySet[Session]:
    """`sessions` annotated with `seats_taken` and `seats_left`, in the same query (two
    subqueries). With `person`, a seat offered to them counts as theirs to take."""
    offers = WaitlistEntry.objects.filter(
        session=OuterRef("pk"), status=WaitlistEntry.Status.OFFERED, offer_expires_at__gt=now
    )
    if person is not None:
        offers = offers.exclude(person=person)
    held = Registration.objects.filter(_holding_a_seat(now=now), session=OuterRef("pk"))
    return sessions.annotate(seats_taken=_count(held) + _count(offers)).annotate(
        seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0))
    )


def seats_left(*, session, now, person=None) -> int:
    """Seats someone (or `person`, counting a seat offered to them) could take now."""
    return (
        sessions_with_seats_left(Session.objects.filter(pk=session.pk), now=now, person=person)
        .values_list("seats_left", flat=True)
        .get()
    )


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


def seat_usable(registration: Registration) -> bool:
    """Does this registration give a seat to use (the join link, the check-in code)? Only a
    confirmed one in a session that is not cancelled: while a cancellation runs, registrations
    not yet reached are still confirmed, and must not say so."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and registration.session.status != Session.Status.CANCELLED
    )


JOIN_OPENS_BEFORE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class JoinWindow:
    """When the online meeting can be joined: from 30 minutes before a meeting to its end."""

    open_now: bool
    next_meeting: object | None  # the meeting now open, or the next one
    opens_at: dt.datetime | None


def join_window(*, session, now: dt.datetime, meetings=None) -> JoinWindow:
    meetings = sorted(
        meetings if meetings is not None else session.meetings.all(), key=lambda m: m.starts_at
    )
    for meeting in meetings:
        if now <= meeting.ends_at:
            opens_at = meeting.starts_at - JOIN_OPENS_BEFORE
            return JoinWindow(open_now=now >= opens_at, next_meeting=meeting, opens_at=opens_at)
    return JoinWindow(open_now=False, next_meeting=None, opens_at=None)


def map_link(address: str) -> str:
    """A map search for a venue address (OpenStreetMap: no account, no tracking script)."""
    return f"https://www.openstreetmap.org/search?query={quote_plus(address)}" if address else ""


@dataclass(frozen=True)
class MyTraining:
    registration: Registration
    step: NextStep
    certificate: object | None  # the valid certificate to download, if any


@dataclass(frozen=True)
class MyTrainings:
    upcoming: list[MyTraining]
    past: list[MyTraining]

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.past)


def my_trainings(*, person, now: dt.datetime | None = None) -> MyTrainings:
    """/my/: registrations split into upcoming and past, each with its one next step. Past
    means the last meeting has ended, or the registration or its session is no longer on."""
    now = now or timezone.now()
    rows = registrations_for_person(person=person, now=now).prefetch_related(
        "session__meetings",
        "certificates",
        Prefetch(
            "scholarship_applications",
            queryset=ScholarshipApplication.objects.filter(
                status=ScholarshipApplication.Status.PENDING
            ),
            to_attr="pending_scholarships",
        ),
    )
    upcoming, past = [], []
    for registration in rows:
        session = registration.session
        meetings = list(session.meetings.all())
        ended = bool(meetings) and max(m.ends_at for m in meetings) < now
        cancelled = session.status == Session.Status.CANCELLED
        zone = session_time_zone(session.time_zone)
        today = now.astimezone(zone).date()
        certificate = next((c for c in registration.certificates.all() if c.is_valid), None)
        facts = RegistrationFacts(
            status=registration.status,
            amount_cents=registration.amount_cents or 0,
            scholarship_pending=bool(registration.pending_scholarships),
            session_cancelled=cancelled,
            ended=ended,
            join_open=bool(session.online_link)
            and session.format != DeliveryFormat.IN_PERSON
            and join_window(session=session, now=now, meetings=meetings).open_now,
            meeting_today_in_person=session.format != DeliveryFormat.VIRTUAL
            and any(
                m.starts_at.astimezone(zone).date() == today and now <= m.ends_at for m in meetings
            ),
            evaluation_open=registration.evaluation_open,
            has_certificate=certificate is not None,
            can_register=not ended and not cancelled,
        )
        row = MyTraining(registration=registration, step=next_step(facts), certificate=certificate)
        on = registration.status in (
            Registration.Status.CONFIRMED,
            Registration.Status.PENDING_PAYMENT,
        )
        (upcoming if on and not ended and not cancelled else past).append(row)
    past.sort(key=lambda row: row.registration.session.starts_at, reverse=True)
    return MyTrainings(upcoming=upcoming, past=past)


def registration_notices(*, session, person) -> list[str]:
    """What a person should know before registering for `session`, from the apps above lms
    (the `register_registration_notices` Wagtail hook: each hook is called with session and
    person and returns sentences; certificates says when a licensing state does not accept
    one of the training's approvals)."""
    from wagtail import hooks

    notices: list[str] = []
    for hook in hooks.get_hooks("register_registration_notices"):
        notices.extend(hook(session=session, person=person))
    return notices
