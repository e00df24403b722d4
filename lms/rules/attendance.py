"""Pure attendance arithmetic: merging join/leave intervals, presence per meeting, completion.

No database here: callers pass plain values. lms.rules.credit builds on MeetingPresence.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

Interval = tuple[dt.datetime, dt.datetime]


def intervals_merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sort and merge overlapping or touching intervals (a rejoin, or a report uploaded twice)."""
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def intervals_clip(intervals: Iterable[Interval], *, start: dt.datetime, end: dt.datetime):
    """The parts of the intervals inside [start, end] (waiting-room time does not count)."""
    clipped = [(max(a, start), min(b, end)) for a, b in intervals]
    return [(a, b) for a, b in clipped if b > a]


def minutes_in(intervals: Iterable[Interval]) -> int:
    seconds = sum((end - start).total_seconds() for start, end in intervals)
    return int(seconds // 60)


@dataclass(frozen=True)
class MeetingPresence:
    """One meeting as scheduled and one person's presence at it, in whole minutes.

    late_minutes: arrival after the scheduled start; left_early_minutes: departure before the
    scheduled end; present_minutes: time inside the window (gaps from rejoining excluded).
    An absent person has present_minutes == 0.
    """

    scheduled_minutes: int
    break_minutes: int = 0
    present_minutes: int = 0
    late_minutes: int = 0
    left_early_minutes: int = 0
    date: dt.date | None = None

    @property
    def attended(self) -> bool:
        return self.present_minutes > 0

    @property
    def gap_minutes(self) -> int:
        """Minutes missed between arrival and departure (a dropped connection)."""
        between = self.scheduled_minutes - self.late_minutes - self.left_early_minutes
        return max(0, between - self.present_minutes)


def meeting_presence(
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    break_minutes: int,
    intervals: Sequence[Interval],
) -> MeetingPresence:
    """Presence at a meeting from the (unmerged, unclipped) intervals someone was there."""
    scheduled = int((ends_at - starts_at).total_seconds() // 60)
    inside = intervals_clip(intervals_merge(intervals), start=starts_at, end=ends_at)
    if not inside:
        return MeetingPresence(
            scheduled_minutes=scheduled,
            break_minutes=break_minutes,
            late_minutes=scheduled,
            date=starts_at.date(),
        )
    late = int((inside[0][0] - starts_at).total_seconds() // 60)
    early = int((ends_at - inside[-1][1]).total_seconds() // 60)
    return MeetingPresence(
        scheduled_minutes=scheduled,
        break_minutes=break_minutes,
        present_minutes=minutes_in(inside),
        late_minutes=late,
        left_early_minutes=early,
        date=starts_at.date(),
    )


class CompletionStatus(StrEnum):
    COMPLETED = "completed"
    PARTIAL = "partial"
    NO_SHOW = "no_show"


COMPLETION_LABELS = {
    CompletionStatus.COMPLETED: "Completed",
    CompletionStatus.PARTIAL: "Partial",
    CompletionStatus.NO_SHOW: "No-show",
}


def completion_status(
    meetings: Sequence[MeetingPresence], *, grace_minutes: int
) -> CompletionStatus:
    """Completed: every meeting attended, missing at most `grace_minutes` of each.
    No-show: no meeting attended at all. Partial: anything in between."""
    if not any(m.attended for m in meetings):
        return CompletionStatus.NO_SHOW
    if all(
        m.attended and m.scheduled_minutes - m.present_minutes <= grace_minutes for m in meetings
    ):
        return CompletionStatus.COMPLETED
    return CompletionStatus.PARTIAL
