"""CE credit: one pure function from scheduled meetings, attendance and a body's rule to the
hours a registration earns per category, with the reasons when it earns less or nothing.

Plain values in, plain values out; certificates.selectors.registration_credit feeds it from
the database. See docs/credit.md for the rule in words and the table of worked cases.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from lms.rules.attendance import MeetingPresence

ZERO = Decimal("0")


@dataclass(frozen=True)
class CreditRule:
    minutes_per_credit_hour: int
    rounding_increment: Decimal = Decimal("0.25")
    first_hour_rule: bool = False
    breaks_excluded: bool = False
    late_grace_minutes: int = 0
    leave_early_grace_minutes: int = 0
    partial_credit_allowed: bool = False


@dataclass(frozen=True)
class ApprovalTerms:
    valid_from: dt.date
    valid_until: dt.date
    hours_by_category: Mapping[str, Decimal]
    credentials: frozenset[str]

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours_by_category.values(), ZERO)


@dataclass(frozen=True)
class CreditResult:
    hours_by_category: dict[str, Decimal]
    creditable_minutes: int
    full_attendance: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours_by_category.values(), ZERO)


def hours_for_minutes(minutes: int, rule: CreditRule) -> Decimal:
    """Creditable minutes to credit hours, rounded down to the rule's increment."""
    if minutes <= 0 or (rule.first_hour_rule and minutes < rule.minutes_per_credit_hour):
        return ZERO
    raw = Decimal(minutes) / Decimal(rule.minutes_per_credit_hour)
    steps = (raw / rule.rounding_increment).to_integral_value(rounding=ROUND_FLOOR)
    return (steps * rule.rounding_increment).quantize(Decimal("0.01"))


def _meeting_minutes(meeting: MeetingPresence, rule: CreditRule) -> tuple[int, int, list[str]]:
    """(creditable scheduled minutes, creditable attended minutes, shortfalls) for a meeting."""
    breaks = meeting.break_minutes if rule.breaks_excluded else 0
    scheduled = max(0, meeting.scheduled_minutes - breaks)
    when = f" on {meeting.date:%b %-d, %Y}" if meeting.date else ""
    if not meeting.attended:
        return scheduled, 0, [f"did not attend the meeting{when}"]
    if meeting.departure_unconfirmed:
        return (
            scheduled,
            0,
            [
                f"checked in{when} but has no check-out, and the facilitator has not "
                "confirmed attendance for the whole meeting"
            ],
        )
    shortfalls = []
    present = meeting.present_minutes
    if meeting.late_minutes <= rule.late_grace_minutes:
        present += meeting.late_minutes
    else:
        shortfalls.append(
            f"arrived {meeting.late_minutes} minutes late{when} "
            f"(grace {rule.late_grace_minutes} minutes)"
        )
    if meeting.left_early_minutes <= rule.leave_early_grace_minutes:
        present += meeting.left_early_minutes
    else:
        shortfalls.append(
            f"left {meeting.left_early_minutes} minutes early{when} "
            f"(grace {rule.leave_early_grace_minutes} minutes)"
        )
    if meeting.gap_minutes > rule.late_grace_minutes:
        shortfalls.append(f"was away {meeting.gap_minutes} minutes during the meeting{when}")
    else:
        present += meeting.gap_minutes
    # Breaks are assumed to fall inside the time someone was there (the cautious reading).
    attended = max(0, min(present, meeting.scheduled_minutes) - breaks)
    return scheduled, attended, shortfalls


def credit_for_attendance(
    *,
    rule: CreditRule,
    approval: ApprovalTerms,
    credential: str,
    meetings: Sequence[MeetingPresence],
) -> CreditResult:
    """The credit one person with `credential` earns under `approval` and `rule`.

    Full attendance (every meeting, within the graces) earns the approved hours of every
    category, capped by what the scheduled minutes are worth under the rule. Otherwise, if the
    rule allows partial credit, the attended minutes are converted with the rule and the
    approved hours are scaled down in proportion, each category rounded down to the increment.
    Without partial credit, less than full attendance earns nothing.
    """
    categories = dict(approval.hours_by_category)
    nothing = dict.fromkeys(categories, ZERO)
    if credential not in approval.credentials:
        return CreditResult(
            nothing,
            0,
            False,
            [f"the approval does not cover {credential or 'participants without a license'}"],
        )
    dates = [m.date for m in meetings if m.date]
    outside = [d for d in dates if not approval.valid_from <= d <= approval.valid_until]
    if outside:
        first = min(outside)
        if first > approval.valid_until:
            reason = f"the approval expired on {approval.valid_until:%b %-d, %Y}, before the session on {first:%b %-d, %Y}"
        else:
            reason = f"the approval starts on {approval.valid_from:%b %-d, %Y}, after the session on {first:%b %-d, %Y}"
        return CreditResult(nothing, 0, False, [reason])
    scheduled_total = attended_total = 0
    shortfalls: list[str] = []
    for meeting in meetings:
        scheduled, attended, missing = _meeting_minutes(meeting, rule)
        scheduled_total += scheduled
        attended_total += attended
        shortfalls += missing
    full = not shortfalls and bool(meetings)
    if not full and not rule.partial_credit_allowed:
        return CreditResult(
            nothing, attended_total, False, [*shortfalls, "the rule gives no partial credit"]
        )
    approved_total = approval.total_hours
    earned = min(hours_for_minutes(attended_total, rule), approved_total)
    if earned == approved_total:
        return CreditResult(categories, attended_total, full, shortfalls)
    if approved_total == ZERO:
        return CreditResult(nothing, attended_total, full, shortfalls)
    scaled = {}
    for category, hours in categories.items():
        share = hours * earned / approved_total
        steps = (share / rule.rounding_increment).to_integral_value(rounding=ROUND_FLOOR)
        scaled[category] = (steps * rule.rounding_increment).quantize(Decimal("0.01"))
    # Rounding each category down loses a little; the remainder goes to the largest category
    # (general first on a tie), never beyond its approved hours.
    remainder = earned - sum(scaled.values(), ZERO)
    if remainder > ZERO:
        largest = max(categories, key=lambda c: (categories[c], c == "general"))
        scaled[largest] = min(categories[largest], scaled[largest] + remainder)
    if full:
        shortfalls = [
            f"the scheduled time is worth {earned} hours under this rule, "
            f"less than the {approved_total} approved"
        ]
    return CreditResult(scaled, attended_total, full, shortfalls)
