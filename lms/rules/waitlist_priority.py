"""Pure waitlist rules: who has priority and where a newcomer joins. Plain values in and out."""

from lms.rules.scholarships import band_at_most

FIRST_TIME = "first_time"  # Session.WaitlistPriority values
BUDGET_BAND = "budget_band"


def has_priority(*, priority: str, band_limit: str, is_first_time: bool, budget_band: str) -> bool:
    """Does the session's waitlist priority put this person ahead of others?"""
    if priority == FIRST_TIME:
        return is_first_time
    if priority == BUDGET_BAND:
        return bool(band_limit) and band_at_most(budget_band, band_limit)
    return False


def join_place(*, waiting_priority: list[bool], newcomer_priority: bool) -> int:
    """The 1-based place a newcomer takes among the people waiting (given in list order).

    Without priority: last. With priority: right after the last person with priority, so
    people with priority keep first-come order among themselves and go before the rest.
    Staff moves are kept: someone staff put at the top stays there.
    """
    if not newcomer_priority:
        return len(waiting_priority) + 1
    last = max((index for index, flag in enumerate(waiting_priority, 1) if flag), default=0)
    return last + 1
