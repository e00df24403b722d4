"""Reads for the public catalogue: upcoming sessions with seats left and price ranges.

Every figure a listing shows (seats taken, the price range of the effective fee schedule) is
computed in SQL with subqueries, so a page costs the same number of queries for 5 trainings
or 500. `cms` calls these with its own base querysets (for example only trainings with a live
page) and chains the joins it needs; this module knows nothing about pages.

Two pure rules live here too, with table tests: `price_label` and `session_booking_state`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lms.dates import when_text
from lms.models import BudgetBand, DeliveryFormat, FeeTier, Session, SessionFacilitator, Training
from lms.rules.money import dollars
from lms.rules.time_zones import DEFAULT_TIME_ZONE, session_time_zone
from lms.selectors.registrations import sessions_with_seats_left

# --- Pure rules ---------------------------------------------------------------------------


def price_label(*, low_cents: int | None, high_cents: int | None, tier_count: int) -> str:
    """What a listing says about price, from the lowest and highest tier of a fee schedule.

    No schedule (or no tiers, or only zero prices) is "Free"; one price is that price; a
    range is "From $25, sliding scale", or "Free to $85, sliding scale" when it starts at 0.
    """
    if low_cents is None or high_cents is None or tier_count == 0 or high_cents == 0:
        return gettext("Free")
    if low_cents == high_cents:
        return dollars(low_cents, brief=True)
    if low_cents == 0:
        return gettext("Free to %(high)s, sliding scale") % {
            "high": dollars(high_cents, brief=True)
        }
    return gettext("From %(low)s, sliding scale") % {"low": dollars(low_cents, brief=True)}


class BookingState(models.TextChoices):
    """What a visitor can do about a session; the label is the button's text."""

    OPEN = "open", _("Register")
    WAITLIST = "waitlist", _("Join the waitlist")
    NOT_YET_OPEN = "not_yet_open", _("Registration opens soon")
    CLOSED = "closed", _("Registration closed")
    CANCELLED = "cancelled", _("Cancelled")


def session_booking_state(
    *,
    status: str,
    starts_at: dt.datetime | None,
    registration_opens_at: dt.datetime | None,
    registration_closes_at: dt.datetime | None,
    seats_left: int,
    now: dt.datetime,
) -> BookingState:
    """Cancelled wins; then closed (completed, started, or past its closing time); then not
    yet open; then full (waitlist); otherwise open. Registration closes at the start when no
    closing time is set."""
    if status == Session.Status.CANCELLED:
        return BookingState.CANCELLED
    closes_at = registration_closes_at or starts_at
    if status == Session.Status.COMPLETED or starts_at is None or (closes_at and closes_at <= now):
        return BookingState.CLOSED
    if registration_opens_at and registration_opens_at > now:
        return BookingState.NOT_YET_OPEN
    if seats_left <= 0:
        return BookingState.WAITLIST
    return BookingState.OPEN


def seats_label(seats_left: int) -> str:
    if seats_left <= 0:
        return gettext("Full")
    return ngettext("%(count)s seat left", "%(count)s seats left", seats_left) % {
        "count": seats_left
    }


def session_register_url(session_id: int) -> str:
    """Where a session's "Register" / "Join the waitlist" button goes.

    The registration view is `lms:session_register` at /sessions/<id>/register/ (the
    registration issue builds it); until it is merged the same path is built by hand.
    """
    try:
        return reverse("lms:session_register", args=[session_id])
    except NoReverseMatch:
        return f"/sessions/{session_id}/register/"


# --- SQL building blocks ------------------------------------------------------------------


def _tier_range(schedule_ref: str) -> dict:
    """low/high/count over the tiers of the schedule named by `schedule_ref` (an OuterRef).

    A tier's low end is its minimum (pay what you can) or its price; its high end is its
    maximum or its price.
    """
    tiers = FeeTier.objects.filter(schedule_id=OuterRef(schedule_ref)).order_by().values("schedule")
    return {
        "price_low_cents": Subquery(
            tiers.annotate(v=Min(Coalesce("minimum_cents", "price_cents"))).values("v"),
            output_field=IntegerField(),
        ),
        "price_high_cents": Subquery(
            tiers.annotate(v=Max(Coalesce("maximum_cents", "price_cents"))).values("v"),
            output_field=IntegerField(),
        ),
        "price_tier_count": Coalesce(
            Subquery(tiers.annotate(v=Count("pk")).values("v"), output_field=IntegerField()),
            Value(0),
        ),
    }


def sessions_with_figures(
    sessions: QuerySet[Session], *, now: dt.datetime | None = None
) -> QuerySet[Session]:
    """Annotate seats_taken, seats_left (the registration selector's own annotation, so a
    listing says what registering would find) and the effective schedule's price range."""
    return sessions_with_seats_left(
        sessions.annotate(
            effective_fee_schedule_id=Coalesce("fee_schedule_id", "training__fee_schedule_id")
        ),
        now=now or timezone.now(),
    ).annotate(**_tier_range("effective_fee_schedule_id"))


# --- Listings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionListing:
    """One session as a visitor sees it. `session` has meetings and assignments loaded."""

    session: Session
    seats_left: int
    price: str
    state: BookingState
    register_url: str
    meetings: list = field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return session_time_zone(self.session.time_zone)

    @property
    def seats(self) -> str:
        return seats_label(self.seats_left)

    @property
    def button_label(self) -> str:
        if self.state == BookingState.NOT_YET_OPEN and self.session.registration_opens_at:
            with timezone.override(self.zone):
                day = when_text(self.session.registration_opens_at, "month_day")
            return gettext("Registration opens %(day)s") % {"day": day}
        return str(self.state.label)

    @property
    def can_book(self) -> bool:
        return self.state in (BookingState.OPEN, BookingState.WAITLIST)

    @property
    def why_closed(self) -> str:
        """Why nobody can register, in words beside the disabled button ("" when open)."""
        session = self.session
        if self.state == BookingState.CANCELLED:
            return gettext("The coalition cancelled this session.")
        if self.state == BookingState.NOT_YET_OPEN and session.registration_opens_at:
            with timezone.override(self.zone):
                day = when_text(session.registration_opens_at, "date")
                time = when_text(session.registration_opens_at, "time")
            return gettext("Registration opens %(day)s at %(time)s.") % {"day": day, "time": time}
        if self.state != BookingState.CLOSED:
            return ""
        if session.status == Session.Status.COMPLETED:
            return gettext("This session has taken place.")
        now = timezone.now()
        if session.starts_at and session.starts_at <= now:
            return gettext("This session has started.")
        if session.registration_closes_at:
            with timezone.override(self.zone):
                day = when_text(session.registration_closes_at, "date")
            return gettext("Registration closed on %(day)s.") % {"day": day}
        return gettext("Registration is closed.")

    @property
    def location(self) -> str:
        session = self.session
        if session.format == DeliveryFormat.VIRTUAL:
            return gettext("Online")
        place = ", ".join(part for part in (session.venue_name, session.city) if part)
        if session.format == DeliveryFormat.HYBRID:
            return (
                gettext("%(place)s and online") % {"place": place} if place else gettext("Online")
            )
        return place or gettext("Location to be announced")


def session_listing(session: Session, *, now: dt.datetime, details: bool = True) -> SessionListing:
    """Build a listing from a session annotated by `sessions_with_figures`."""
    return SessionListing(
        session=session,
        seats_left=session.seats_left,
        price=price_label(
            low_cents=session.price_low_cents,
            high_cents=session.price_high_cents,
            tier_count=session.price_tier_count,
        ),
        state=session_booking_state(
            status=session.status,
            starts_at=session.starts_at,
            registration_opens_at=session.registration_opens_at,
            registration_closes_at=session.registration_closes_at,
            seats_left=session.seats_left,
            now=now,
        ),
        register_url=session_register_url(session.pk),
        meetings=list(session.meetings.all()) if details else [],
    )


def upcoming_sessions(*, now: dt.datetime | None = None) -> QuerySet[Session]:
    """Sessions still to start (scheduled or cancelled), earliest first."""
    now = now or timezone.now()
    return Session.objects.filter(
        starts_at__gte=now, status__in=[Session.Status.SCHEDULED, Session.Status.CANCELLED]
    ).order_by("starts_at", "pk")


def session_listings(
    sessions: QuerySet[Session],
    *,
    now: dt.datetime | None = None,
    limit: int | None = None,
    details: bool = True,
) -> list[SessionListing]:
    """Listings for `sessions` (at most `limit`) in three queries: sessions, meetings,
    facilitators; in one when `details` is off (no meetings or facilitators needed)."""
    now = now or timezone.now()
    sessions = sessions_with_figures(sessions, now=now)
    if details:
        sessions = sessions.prefetch_related(
            "meetings",
            models.Prefetch(
                "assignments",
                queryset=SessionFacilitator.objects.select_related("facilitator"),
            ),
        )
    if limit is not None:
        sessions = sessions[:limit]
    return [session_listing(session, now=now, details=details) for session in sessions]


def training_session_listings(
    *, training: Training, now: dt.datetime | None = None
) -> list[SessionListing]:
    """A training page's upcoming sessions, cancelled ones included so people see them."""
    now = now or timezone.now()
    return session_listings(
        upcoming_sessions(now=now).filter(training=training).select_related("training"), now=now
    )


# --- The catalogue ------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    """What a visitor asked for; every value already checked (cms validates the form).

    "CE for" (a credential) is not here: CE comes from approvals, which lms does not read;
    cms applies it with certificates.selectors.trainings_with_ce_for."""

    topic: str = ""  # Topic.slug
    format: str = ""  # DeliveryFormat value
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    audience: str = ""  # Audience.slug
    price: str = ""  # "free" or "paid"
    language: str = ""
    training_ids: Iterable[int] | None = None  # from a keyword search, None = no search

    @property
    def selects_sessions(self) -> bool:
        return bool(self.format or self.starts_on or self.ends_on or self.price)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(DEFAULT_TIME_ZONE))


def matching_sessions(
    filters: CatalogueFilters, *, now: dt.datetime | None = None
) -> QuerySet[Session]:
    """Scheduled sessions still to start that pass the session filters (format, dates, price).

    Dates are whole days in America/Chicago; `ends_on` is included.
    """
    now = now or timezone.now()
    sessions = Session.objects.filter(status=Session.Status.SCHEDULED, starts_at__gte=now)
    if filters.starts_on:
        sessions = sessions.filter(starts_at__gte=_day_start(filters.starts_on))
    if filters.ends_on:
        sessions = sessions.filter(starts_at__lt=_day_start(filters.ends_on + dt.timedelta(days=1)))
    if filters.format:
        sessions = sessions.filter(format=filters.format)
    if filters.price:
        paid_tier = FeeTier.objects.filter(
            schedule_id=OuterRef("effective_fee_schedule_id")
        ).filter(Q(price_cents__gt=0) | Q(maximum_cents__gt=0))
        sessions = sessions.annotate(
            effective_fee_schedule_id=Coalesce("fee_schedule_id", "training__fee_schedule_id")
        ).filter(Exists(paid_tier) if filters.price == "paid" else ~Exists(paid_tier))
    return sessions


def catalogue_trainings(
    trainings: QuerySet[Training],
    filters: CatalogueFilters,
    *,
    now: dt.datetime | None = None,
) -> QuerySet[Training]:
    """`trainings` narrowed by `filters`, each annotated with its next matching session
    (`next_session_id`, `next_starts_at`), how many matching sessions it has
    (`session_count`) and its own schedule's price range; ordered by next date (trainings
    with none last), then title.

    Session filters (format, dates, free/paid) look at scheduled sessions: when one is set,
    only trainings with a matching session are listed.
    """
    now = now or timezone.now()
    sessions = matching_sessions(filters, now=now).filter(training=OuterRef("pk"))
    next_session = sessions.order_by("starts_at", "pk")
    trainings = trainings.annotate(
        next_session_id=Subquery(next_session.values("pk")[:1]),
        next_starts_at=Subquery(next_session.values("starts_at")[:1]),
        session_count=Coalesce(
            Subquery(
                sessions.order_by().values("training").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        **_tier_range("fee_schedule_id"),
    )
    if filters.selects_sessions:
        trainings = trainings.filter(next_session_id__isnull=False)
    if filters.topic:
        trainings = trainings.filter(
            Exists(
                Training.topics.through.objects.filter(
                    training=OuterRef("pk"), topic__slug=filters.topic
                )
            )
        )
    if filters.audience:
        trainings = trainings.filter(
            Exists(
                Training.audiences.through.objects.filter(
                    training=OuterRef("pk"), audience__slug=filters.audience
                )
            )
        )
    if filters.language:
        trainings = trainings.filter(language__iexact=filters.language)
    if filters.training_ids is not None:
        trainings = trainings.filter(pk__in=list(filters.training_ids))
    return trainings.order_by(F("next_starts_at").asc(nulls_last=True), "title", "pk")


@dataclass(frozen=True)
class CatalogueEntry:
    training: Training
    next_session: SessionListing | None
    session_count: int
    price: str


def catalogue_entries(
    trainings: Iterable[Training], *, now: dt.datetime | None = None
) -> list[CatalogueEntry]:
    """Entries for one page of `catalogue_trainings`; one more query for their sessions.

    The price shown is the next session's (its schedule may override the training's), or the
    training's own schedule when nothing is scheduled.
    """
    now = now or timezone.now()
    trainings = list(trainings)
    session_ids = [t.next_session_id for t in trainings if t.next_session_id]
    by_id = {
        listing.session.pk: listing
        for listing in session_listings(
            Session.objects.filter(pk__in=session_ids), now=now, details=False
        )
    }
    entries = []
    for training in trainings:
        listing = by_id.get(training.next_session_id)
        price = (
            listing.price
            if listing
            else price_label(
                low_cents=training.price_low_cents,
                high_cents=training.price_high_cents,
                tier_count=training.price_tier_count,
            )
        )
        entries.append(
            CatalogueEntry(
                training=training,
                next_session=listing,
                session_count=training.session_count,
                price=price,
            )
        )
    return entries


@dataclass(frozen=True)
class FeeRow:
    label: str
    who: str
    price: str


@dataclass(frozen=True)
class FeeTable:
    """Every tier of a training's sliding scale, for the public page before any account."""

    rows: list[FeeRow]
    partner_discount_percent: int


def _fee_row(tier: FeeTier) -> FeeRow:
    Kind = FeeTier.Kind
    if tier.kind == Kind.PAY_WHAT_YOU_CAN:
        low, high = tier.minimum_cents or 0, tier.maximum_cents
        price = (
            gettext("You choose, %(low)s to %(high)s")
            % {"low": dollars(low, brief=True), "high": dollars(high, brief=True)}
            if high is not None
            else gettext("You choose, from %(low)s") % {"low": dollars(low, brief=True)}
        )
    elif tier.kind == Kind.SUPPORTER:
        price = gettext("%(price)s (the extra pays it forward)") % {
            "price": dollars(tier.price_cents, brief=True)
        }
    else:
        price = dollars(tier.price_cents, brief=True) if tier.price_cents else gettext("Free")
    if tier.description:
        who = tier.description
    elif tier.kind == Kind.ORGANIZATION and tier.budget_band:
        band = str(BudgetBand(tier.budget_band).label)
        who = gettext("Staff of organizations with an annual budget %(band)s") % {
            "band": band[0].lower() + band[1:]
        }
    else:
        who = str(
            {
                Kind.ORGANIZATION: _("Staff of member organizations"),
                Kind.COMMUNITY: _("Community members, students, people between jobs"),
                Kind.STANDARD: _("Everyone else"),
                Kind.SUPPORTER: _("People who can pay more to fund others' seats"),
                Kind.PAY_WHAT_YOU_CAN: _("Anyone for whom the other prices are a barrier"),
            }.get(tier.kind, "")
        )
    return FeeRow(label=tier.label, who=who, price=price)


def training_fee_table(training: Training) -> FeeTable | None:
    """The training's fee tiers in their order (one query); None when it is free."""
    if training.fee_schedule_id is None:
        return None
    tiers = list(
        FeeTier.objects.filter(schedule_id=training.fee_schedule_id).order_by("sort_order")
    )
    if not tiers:
        return None
    return FeeTable(
        rows=[_fee_row(tier) for tier in tiers],
        partner_discount_percent=training.fee_schedule.partner_discount_percent,
    )


def training_price(training: Training) -> str:
    """The price label of a training's own fee schedule (one query; none if free)."""
    if training.fee_schedule_id is None:
        return price_label(low_cents=None, high_cents=None, tier_count=0)
    figures = FeeTier.objects.filter(schedule_id=training.fee_schedule_id).aggregate(
        low=Min(Coalesce("minimum_cents", "price_cents")),
        high=Max(Coalesce("maximum_cents", "price_cents")),
        count=Count("pk"),
    )
    return price_label(
        low_cents=figures["low"], high_cents=figures["high"], tier_count=figures["count"]
    )


def catalogue_languages() -> list[str]:
    return list(
        Training.objects.ce_trainings()
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )
