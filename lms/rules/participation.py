"""The plan's participation indicators: quarters, whether a self-report still counts, and
which group counts of organizations may be shown. Pure: dates and numbers in, answers out.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lms.rules.suppression import THRESHOLD

SELF_REPORT_VALID_DAYS = 365


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> dt.date:
        following = (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )
        return following.start - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters_of_year(year: int, *, today: dt.date) -> list[Quarter]:
    """The year's quarters that have begun by `today` (all four of a past year)."""
    return [Quarter(year, n) for n in range(1, 5) if Quarter(year, n).start <= today]


def self_report_current(reported_on: dt.date | None, *, today: dt.date) -> bool:
    """An answer reported within the last year counts; an older one (or none) is "not
    reported", and the organization's contacts are asked to update it."""
    return reported_on is not None and reported_on > today - dt.timedelta(
        days=SELF_REPORT_VALID_DAYS
    )


def self_report_cutoff(today: dt.date) -> dt.date:
    """Answers reported after this day count (the database filter of self_report_current)."""
    return today - dt.timedelta(days=SELF_REPORT_VALID_DAYS)


def group_count_shown(in_group: int, total: int, *, threshold: int = THRESHOLD) -> int | None:
    """The number of organizations in a group, out of `total` shown beside it, or None.

    A group and the rest of the organizations are two cells adding up to the visible total, so
    the group's count is hidden when either cell describes 1 to threshold - 1 organizations
    (the rest could be had by subtraction). A total under the threshold hides every group."""
    if 0 < total < threshold:
        return None
    rest = total - in_group
    if 0 < in_group < threshold or 0 < rest < threshold:
        return None
    return in_group


def share_percent(part: int | None, whole: int | None) -> Decimal | None:
    """`part` of `whole` in percent to one decimal (half up); None when either is hidden or
    the whole is zero."""
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def identifies_marginalized(
    *, race_categories: set[str], race_prefer_not: bool, difficulties: list[str]
) -> bool | None:
    """Whether a person's voluntary answers place them in a historically marginalized
    community, as the plan counts facilitators: a race or ethnicity other than White only,
    or a disability (Washington Group: "a lot" or "cannot" in any domain). None when they
    gave no answer to either question (or preferred not to, and reported no disability)."""
    disability = any(answer in ("a_lot", "cannot") for answer in difficulties)
    other_than_white = bool(race_categories - {"race_white"})
    if disability or other_than_white:
        return True
    answered_race = bool(race_categories) and not race_prefer_not
    answered_disability = bool(difficulties) and all(
        answer in ("none", "some") for answer in difficulties
    )
    if answered_race or answered_disability:
        return False
    return None
