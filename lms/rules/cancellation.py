"""The cancellation policy as a pure function: how much comes back when a registration ends.

- The coalition cancelled the session: everything paid comes back.
- The coalition rescheduled the session (times, venue or link) after the person registered:
  someone who cannot make the new arrangement gets everything back, whatever the window,
  until the session starts.
- The person cancels at least `full_refund_days` days before the first meeting: everything
  paid comes back. The number is the CANCELLATION_FULL_REFUND_DAYS setting, read in one place
  (lms.services.registrations), which every screen asks; it has no default here so no caller
  can forget it.
- Later than that, or after the session started: nothing comes back.
- Staff may override with any amount from nothing up to what is still refundable.
"""

import datetime as dt
from dataclasses import dataclass

from lms.errors import DomainError
from lms.rules.money import dollars


class PolicyError(DomainError):
    """The amounts do not make a refund (for example more than is left to refund)."""


@dataclass(frozen=True)
class RefundDecision:
    refund_cents: int
    explanation: str


def refund_policy_decide(
    *,
    paid_cents: int,
    already_refunded_cents: int = 0,
    first_meeting_starts_at: dt.datetime | None,
    cancelled_at: dt.datetime,
    session_cancelled: bool = False,
    rescheduled_after_registering: bool = False,
    staff_override_cents: int | None = None,
    full_refund_days: int,
) -> RefundDecision:
    refundable = paid_cents - already_refunded_cents
    if paid_cents < 0 or already_refunded_cents < 0 or refundable < 0:
        raise PolicyError("Refunded amounts cannot exceed what was paid.")
    if staff_override_cents is not None:
        if not 0 <= staff_override_cents <= refundable:
            raise PolicyError(
                f"A refund is between $0.00 and {dollars(refundable)} (what is left to refund)."
            )
        return RefundDecision(staff_override_cents, "Amount set by staff.")
    if refundable == 0:
        return RefundDecision(0, "Nothing was paid, so nothing is refunded.")
    if session_cancelled:
        return RefundDecision(refundable, "The coalition cancelled the session: full refund.")
    if first_meeting_starts_at is None:
        return RefundDecision(refundable, "The session has no date yet: full refund.")
    if rescheduled_after_registering and cancelled_at < first_meeting_starts_at:
        return RefundDecision(
            refundable, "The coalition changed the session after you registered: full refund."
        )
    if cancelled_at <= first_meeting_starts_at - dt.timedelta(days=full_refund_days):
        return RefundDecision(
            refundable, f"Cancelled at least {_days(full_refund_days)} before: full refund."
        )
    return RefundDecision(
        0, f"Cancelled less than {_days(full_refund_days)} before the first meeting: no refund."
    )


def policy_text(*, full_refund_days: int) -> str:
    """The policy in the words the participant's cancel page shows."""
    return (
        f"A full refund if you cancel at least {_days(full_refund_days)} before the first "
        "meeting, none after; everything if the coalition cancels the session."
    )


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
