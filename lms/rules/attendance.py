"""Pure attendance arithmetic: merging join/leave intervals, presence per meeting, completion,
whether an in-person departure is known, and the rotating room code.

No database here: callers pass plain values. lms.rules.credit builds on MeetingPresence.
"""

import datetime as dt
import hashlib
import hmac
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
    An absent person has present_minutes == 0. departure_unconfirmed: checked in in person
    with no check-out and no facilitator confirmation of the whole meeting (see
    departure_unconfirmed()); such a meeting earns no minutes until one of the two happens.
    """

    scheduled_minutes: int
    break_minutes: int = 0
    present_minutes: int = 0
    late_minutes: int = 0
    left_early_minutes: int = 0
    date: dt.date | None = None
    departure_unconfirmed: bool = False

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
    """Completed: every meeting attended, missing at most `grace_minutes` of each, and every
    in-person departure known. No-show: no meeting attended at all. Partial: anything in
    between (including a check-in still waiting for its check-out or confirmation)."""
    if not any(m.attended for m in meetings):
        return CompletionStatus.NO_SHOW
    if all(
        m.attended
        and not m.departure_unconfirmed
        and m.scheduled_minutes - m.present_minutes <= grace_minutes
        for m in meetings
    ):
        return CompletionStatus.COMPLETED
    return CompletionStatus.PARTIAL


# --- In-person departures -----------------------------------------------------------------
#
# A check-in (QR code, roster, room code) records only an arrival. Minutes attended in person
# come from both ends: the check-out, or else the facilitator's explicit confirmation that the
# person stayed for the whole meeting. Virtual-platform reports carry both ends already, and a
# facilitator's correction states both ends by hand (an empty departure there means "stayed to
# the end", said by the facilitator).

CHECK_IN_SOURCES = frozenset({"qr", "roster", "room_code"})


def departure_unconfirmed(*, source: str, arrived: bool, left: bool, confirmed: bool) -> bool:
    """True when an in-person check-in has neither a check-out nor the facilitator's
    confirmation of the whole meeting, so its minutes cannot be counted yet."""
    return arrived and source in CHECK_IN_SOURCES and not left and not confirmed


# --- Rotating room code -------------------------------------------------------------------
#
# The facilitator's screen shows a code for (meeting, mode) that changes every 30 seconds: six
# digits from an HMAC of the meeting, the mode and the 30-second window. A code is accepted in
# its own window and the next one only, so a photographed code stops working within a minute.

ROOM_CODE_WINDOW_SECONDS = 30
ROOM_CODE_DIGITS = 6
# How far back a code is recognised as "expired" rather than simply wrong (two hours).
ROOM_CODE_RECOGNISED_WINDOWS = 240


class RoomCodeMode(StrEnum):
    CHECK_IN = "check-in"
    CHECK_OUT = "check-out"


class RoomCodeVerdict(StrEnum):
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    WRONG = "wrong"


def room_code_window(timestamp: float) -> int:
    """The number of the 30-second window a moment (Unix seconds) falls in."""
    return int(timestamp // ROOM_CODE_WINDOW_SECONDS)


def room_code_seconds_left(timestamp: float) -> int:
    """Whole seconds until the code on screen changes (1 to 30)."""
    return ROOM_CODE_WINDOW_SECONDS - int(timestamp % ROOM_CODE_WINDOW_SECONDS)


def room_code(*, key: bytes, meeting_id: int, mode: str, window: int) -> str:
    """The six-digit code of one meeting, mode and window (HMAC-SHA256, truncated as TOTP)."""
    message = f"{meeting_id}:{mode}:{window}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**ROOM_CODE_DIGITS:0{ROOM_CODE_DIGITS}d}"


def room_code_normalise(text: str) -> str:
    """What a person typed or scanned, digits only ("123 456" and "123-456" are 123456)."""
    return "".join(ch for ch in (text or "") if ch.isdigit())


def room_code_verdict(
    *, key: bytes, meeting_id: int, mode: str, code: str, timestamp: float
) -> RoomCodeVerdict:
    """Accepted in the current and the previous window; expired when it was this meeting's
    and mode's code in an earlier window of the last two hours; wrong otherwise."""
    code = room_code_normalise(code)
    if len(code) != ROOM_CODE_DIGITS:
        return RoomCodeVerdict.WRONG
    now = room_code_window(timestamp)
    for back in range(ROOM_CODE_RECOGNISED_WINDOWS + 1):
        expected = room_code(key=key, meeting_id=meeting_id, mode=mode, window=now - back)
        if hmac.compare_digest(expected, code):
            return RoomCodeVerdict.ACCEPTED if back <= 1 else RoomCodeVerdict.EXPIRED
    return RoomCodeVerdict.WRONG
