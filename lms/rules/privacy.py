"""Privacy rules as pure functions: when a person's data may be erased, how long the records
kept after an erasure stay linkable, what an erased name becomes, and where each retention
period starts.

lms.services.privacy gathers the facts from the database and the periods from settings
(docs/security.md, "Personal data: export, erasure, retention"); nothing here reads either.
"""

import datetime as dt
from dataclasses import dataclass

from lms.errors import DomainError


class ErasureRefused(DomainError):
    """Something under way must be finished first (an upcoming training, an open invoice)."""


@dataclass(frozen=True)
class ErasureFacts:
    """What stands between a person and the erasure of their data. Titles name the trainings
    so the person knows what to cancel or leave."""

    is_staff: bool = False
    is_facilitator: bool = False
    upcoming_trainings: tuple[str, ...] = ()
    waitlisted_trainings: tuple[str, ...] = ()
    open_payments: int = 0
    pending_scholarship_applications: int = 0
    open_group_holds: int = 0
    open_invoices: int = 0


def erasure_blockers(facts: ErasureFacts) -> list[str]:
    """Why the data cannot be erased yet, one reason each; empty when it can.

    Staff and facilitator accounts hold records of other people's trainings and of pay (W-9s,
    1099 lists) that an administrator closes by hand. Everything else is something under way
    that the person (or staff) ends first with the product's own buttons, so that no refund,
    seat or invoice is decided by an erasure.
    """
    reasons = []
    if facts.is_staff:
        reasons.append("This is a staff account: an administrator closes it.")
    if facts.is_facilitator:
        reasons.append(
            "This account belongs to a facilitator, whose pay records are kept for tax "
            "purposes: program staff close it."
        )
    for title in facts.upcoming_trainings:
        reasons.append(f"Cancel your registration for “{title}” first (it has not ended yet).")
    for title in facts.waitlisted_trainings:
        reasons.append(f"Leave the waitlist for “{title}” first.")
    if facts.open_payments:
        reasons.append("A card payment is still under way; wait for it to finish.")
    if facts.pending_scholarship_applications:
        reasons.append("A scholarship application is waiting for a decision.")
    if facts.open_group_holds:
        reasons.append("Seats you hold for a group are waiting for payment.")
    if facts.open_invoices:
        reasons.append("An invoice for a group you registered is still open.")
    return reasons


def erasure_check(facts: ErasureFacts) -> None:
    """ErasureRefused with every reason, unless nothing blocks the erasure."""
    reasons = erasure_blockers(facts)
    if reasons:
        raise ErasureRefused("The data cannot be erased yet.", reasons=reasons)


def initials(name: str) -> str:
    """What a certificate keeps of an erased holder's name: "Ana María Pérez-Soto" ->
    "A. M. P.". A verifier holding the certificate can match it; nobody can read the name
    back from it."""
    words = name.replace("-", " ").split()
    letters = []
    for word in words:
        first = next((char for char in word if char.isalpha()), "")
        if first:
            upper = first.upper()  # one letter, also where upper case has two ("ß" -> "SS")
            letters.append((upper if len(upper) == 1 else first) + ".")
    return " ".join(letters)


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retained_until(*, last_record_on: dt.date | None, years: int) -> dt.date | None:
    """Until when an erased person's CE, attendance and payment records stay linkable to the
    person (by their email or license number): `years` after the last of those records, as
    providers must keep them. None when there is no such record."""
    if last_record_on is None:
        return None
    return years_after(last_record_on, years)


@dataclass(frozen=True)
class RetentionPolicy:
    """The retention periods (settings RETENTION_*, docs/operations.md)."""

    records_years: int
    demographics_inactive_years: int
    unconfirmed_account_days: int
    virtual_report_days: int
    webhook_payload_days: int
    erasure_link_hours: int


@dataclass(frozen=True)
class RetentionCutoffs:
    """What is older than each cutoff is past its period."""

    demographics_inactive_since: dt.datetime
    unconfirmed_joined_before: dt.datetime
    virtual_report_uploaded_before: dt.datetime
    webhook_received_before: dt.datetime
    erasure_link_sent_before: dt.datetime
    records_retained_until_before: dt.date


def retention_cutoffs(*, now: dt.datetime, policy: RetentionPolicy) -> RetentionCutoffs:
    """Each period counted back from `now`. Years are calendar years (29 February safe)."""
    if (
        min(
            policy.records_years,
            policy.demographics_inactive_years,
            policy.unconfirmed_account_days,
            policy.virtual_report_days,
            policy.webhook_payload_days,
            policy.erasure_link_hours,
        )
        < 1
    ):
        raise DomainError("Every retention period is at least 1 (day, hour or year).")
    inactive_since = dt.datetime.combine(
        years_after(now.date(), -policy.demographics_inactive_years), now.timetz()
    )
    return RetentionCutoffs(
        demographics_inactive_since=inactive_since,
        unconfirmed_joined_before=now - dt.timedelta(days=policy.unconfirmed_account_days),
        virtual_report_uploaded_before=now - dt.timedelta(days=policy.virtual_report_days),
        webhook_received_before=now - dt.timedelta(days=policy.webhook_payload_days),
        erasure_link_sent_before=now - dt.timedelta(hours=policy.erasure_link_hours),
        records_retained_until_before=now.date(),
    )
