"""Facilitator pay: ONE pure rule from delivered meetings and rate cards to pay lines.

No database and no Django: plain values in, plain values out, money in integer cents. The
selector lms.selectors.compensation turns a filed session report into `MeetingWork` values;
lms.services.compensation stores the result as pay statement lines.

The rule, for one facilitator and one session:

- The rate card in force is chosen per meeting, on the meeting's date: the facilitator's own
  card if one covers the date, otherwise the coalition's standard card. No card → an error.
- A delivered meeting pays its *actual* minutes (a meeting that ran long pays the extra time)
  at the hourly rate of the facilitator's role (lead or co-facilitator). A facilitator paid at
  the lived-experience rate gets that rate instead when it is higher: it never lowers pay.
- Preparation: `prep hours per delivered hour` × the delivered hours, capped per meeting,
  paid at the same hourly rate.
- A cancelled meeting pays nothing and is listed with a zero line, so the statement shows it.
- Minimum per session: when delivery plus preparation for the session is below the minimum of
  the card in force on the last delivered meeting, a top-up line brings it to the minimum.
  A session with no delivered meeting pays nothing (the minimum does not apply).

Rounding: each line is rate × hours rounded half up to the cent (ROUND_HALF_UP); the total is
the sum of the rounded lines, so the lines always add up to the total printed.
Expenses (travel, access costs) are reimbursements, not pay, and are not computed here.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from lms.errors import DomainError
from lms.rules.money import dollars, hours_text

MINUTES_PER_HOUR = Decimal(60)


class Role(StrEnum):
    LEAD = "lead"
    CO = "co"


class PayLineKind(StrEnum):
    DELIVERY = "delivery"
    PREPARATION = "preparation"
    MINIMUM = "minimum"
    CANCELLED = "cancelled"


class PayRuleError(DomainError):
    """The inputs cannot be paid as they stand; the message says why, for Finance."""


@dataclass(frozen=True)
class RateCardTerms:
    """A rate card as plain values. `effective_until` is inclusive; None means open-ended."""

    card_id: int | None
    name: str
    effective_from: dt.date
    effective_until: dt.date | None
    lead_hourly_cents: int
    co_hourly_cents: int
    prep_hours_per_delivered_hour: Decimal = Decimal(0)
    prep_hours_cap_per_meeting: Decimal | None = None
    minimum_per_session_cents: int = 0
    lived_experience_hourly_cents: int | None = None
    personal: bool = False  # the facilitator's own card; beats the standard card

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_until is None or day <= self.effective_until
        )

    def hourly_cents(self, *, role: str, lived_experience: bool) -> int:
        rate = self.lead_hourly_cents if role == Role.LEAD else self.co_hourly_cents
        if lived_experience and self.lived_experience_hourly_cents:
            rate = max(rate, self.lived_experience_hourly_cents)
        return rate


@dataclass(frozen=True)
class MeetingWork:
    """One meeting of the session as the session report records it, for one facilitator."""

    meeting_id: int | None
    day: dt.date  # the meeting's date in the session's time zone
    role: str  # Role.LEAD or Role.CO
    cancelled: bool = False
    actual_start: dt.datetime | None = None
    actual_end: dt.datetime | None = None
    lived_experience: bool = False

    @property
    def delivered_minutes(self) -> int:
        if self.cancelled:
            return 0
        if self.actual_start is None or self.actual_end is None:
            raise PayRuleError(f"The meeting on {self.day:%b %-d, %Y} has no actual start and end.")
        if self.actual_end <= self.actual_start:
            raise PayRuleError(f"The meeting on {self.day:%b %-d, %Y} ends before it starts.")
        return int((self.actual_end - self.actual_start).total_seconds() // 60)


@dataclass(frozen=True)
class PayLine:
    kind: PayLineKind
    description: str
    day: dt.date
    meeting_id: int | None
    role: str
    hours: Decimal  # delivered or preparation hours (exact); 0 for minimum and cancelled
    rate_cents: int
    amount_cents: int
    rate_card_id: int | None


@dataclass(frozen=True)
class SessionPay:
    lines: tuple[PayLine, ...]
    total_cents: int


def cents_half_up(amount: Decimal) -> int:
    """Round an amount in (fractional) cents half up to a whole cent."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate_card_in_force(cards: Sequence[RateCardTerms], day: dt.date) -> RateCardTerms:
    for personal in (True, False):
        covering = [card for card in cards if card.personal is personal and card.covers(day)]
        if len(covering) > 1:
            names = ", ".join(card.name for card in covering)
            raise PayRuleError(f"More than one rate card is in force on {day:%b %-d, %Y}: {names}.")
        if covering:
            return covering[0]
    raise PayRuleError(f"No rate card is in force on {day:%b %-d, %Y}.")


def _hours_label(hours: Decimal) -> str:
    return f"{hours_text(hours)} h"


def _hourly_line(
    kind: "PayLineKind",
    description: str,
    *,
    meeting: "MeetingWork",
    hours: Decimal,
    rate: int,
    card: "RateCardTerms",
) -> "PayLine":
    """A line paid by the hour for one meeting: rate × hours, rounded half up to the cent."""
    return PayLine(
        kind=kind,
        description=description,
        day=meeting.day,
        meeting_id=meeting.meeting_id,
        role=meeting.role,
        hours=hours,
        rate_cents=rate,
        amount_cents=cents_half_up(rate * hours),
        rate_card_id=card.card_id,
    )


def session_pay_compute(
    *, meetings: Sequence[MeetingWork], rate_cards: Sequence[RateCardTerms]
) -> SessionPay:
    """Pay one facilitator for one session: lines in meeting order and their total in cents."""
    lines: list[PayLine] = []
    last_card: RateCardTerms | None = None
    for meeting in sorted(meetings, key=lambda m: m.day):  # stable: same-day order kept
        role_label = "lead" if meeting.role == Role.LEAD else "co-facilitator"
        if meeting.cancelled:
            lines.append(
                PayLine(
                    kind=PayLineKind.CANCELLED,
                    description="Meeting cancelled – not delivered, not paid",
                    day=meeting.day,
                    meeting_id=meeting.meeting_id,
                    role=meeting.role,
                    hours=Decimal(0),
                    rate_cents=0,
                    amount_cents=0,
                    rate_card_id=None,
                )
            )
            continue
        card = rate_card_in_force(rate_cards, meeting.day)
        last_card = card
        rate = card.hourly_cents(role=meeting.role, lived_experience=meeting.lived_experience)
        delivered_hours = Decimal(meeting.delivered_minutes) / MINUTES_PER_HOUR
        lines.append(
            _hourly_line(
                PayLineKind.DELIVERY,
                f"Delivery as {role_label}, {_hours_label(delivered_hours)}",
                meeting=meeting,
                hours=delivered_hours,
                rate=rate,
                card=card,
            )
        )
        prep_hours = delivered_hours * card.prep_hours_per_delivered_hour
        if card.prep_hours_cap_per_meeting is not None:
            prep_hours = min(prep_hours, card.prep_hours_cap_per_meeting)
        if prep_hours > 0:
            lines.append(
                _hourly_line(
                    PayLineKind.PREPARATION,
                    f"Preparation, {_hours_label(prep_hours)}",
                    meeting=meeting,
                    hours=prep_hours,
                    rate=rate,
                    card=card,
                )
            )
    subtotal = sum(line.amount_cents for line in lines)
    if last_card is not None and subtotal < last_card.minimum_per_session_cents:
        minimum = last_card.minimum_per_session_cents
        delivered_days = [line.day for line in lines if line.kind == PayLineKind.DELIVERY]
        lines.append(
            PayLine(
                kind=PayLineKind.MINIMUM,
                description=f"Top-up to the minimum per session ({dollars(minimum)})",
                day=delivered_days[-1],
                meeting_id=None,
                role=lines[-1].role,
                hours=Decimal(0),
                rate_cents=0,
                amount_cents=minimum - subtotal,
                rate_card_id=last_card.card_id,
            )
        )
    return SessionPay(lines=tuple(lines), total_cents=sum(line.amount_cents for line in lines))
