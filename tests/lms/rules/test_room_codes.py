"""The rotating room code (lms.rules.attendance): six digits per meeting, mode and 30-second
window, accepted in its own window and the next one only."""

import pytest

from lms.rules.attendance import (
    RoomCodeMode,
    RoomCodeVerdict,
    room_code,
    room_code_normalise,
    room_code_seconds_left,
    room_code_verdict,
    room_code_window,
)

KEY = b"test-key"
IN, OUT = RoomCodeMode.CHECK_IN, RoomCodeMode.CHECK_OUT
# 1_800_000_000 is a multiple of 30: the start of window 60_000_000.
T = 1_800_000_000


def code_at(timestamp, *, meeting=7, mode=IN, key=KEY):
    return room_code(key=key, meeting_id=meeting, mode=mode, window=room_code_window(timestamp))


@pytest.mark.parametrize(
    ("timestamp", "window", "seconds_left"),
    [
        (T, 60_000_000, 30),
        (T + 0.5, 60_000_000, 30),
        (T + 1, 60_000_000, 29),
        (T + 29.9, 60_000_000, 1),
        (T + 30, 60_000_001, 30),
        (T - 1, 59_999_999, 1),
    ],
)
def test_windows_are_thirty_seconds(timestamp, window, seconds_left):
    assert room_code_window(timestamp) == window
    assert room_code_seconds_left(timestamp) == seconds_left


@pytest.mark.parametrize(
    ("shown_at", "used_at", "verdict"),
    [
        (T, T, RoomCodeVerdict.ACCEPTED),  # the code on screen
        (T, T + 29, RoomCodeVerdict.ACCEPTED),  # same window
        (T + 29, T + 30, RoomCodeVerdict.ACCEPTED),  # changed a second ago: previous window
        (T, T + 59, RoomCodeVerdict.ACCEPTED),  # previous window, last second
        (T, T + 60, RoomCodeVerdict.EXPIRED),  # two windows back: a photographed code
        (T + 29, T + 61, RoomCodeVerdict.EXPIRED),  # 32 seconds after it was shown, but 2 windows
        (T, T + 3600, RoomCodeVerdict.EXPIRED),  # an hour old
        (T, T + 7200, RoomCodeVerdict.EXPIRED),  # two hours: still recognised
        (T, T + 7230, RoomCodeVerdict.WRONG),  # older than that: just a wrong code
        (T + 60, T, RoomCodeVerdict.WRONG),  # a code from the future
    ],
)
def test_a_code_is_accepted_for_its_window_and_the_next_only(shown_at, used_at, verdict):
    code = code_at(shown_at)
    got = room_code_verdict(key=KEY, meeting_id=7, mode=IN, code=code, timestamp=used_at)
    assert got == verdict


@pytest.mark.parametrize(
    ("meeting", "mode", "key"),
    [(8, IN, KEY), (7, OUT, KEY), (7, IN, b"another-key")],
)
def test_a_code_belongs_to_its_meeting_mode_and_key(meeting, mode, key):
    code = code_at(T, meeting=meeting, mode=mode, key=key)
    got = room_code_verdict(key=KEY, meeting_id=7, mode=IN, code=code, timestamp=T)
    assert got == RoomCodeVerdict.WRONG


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [
        ("{a} {b}", RoomCodeVerdict.ACCEPTED),
        ("{a}-{b}", RoomCodeVerdict.ACCEPTED),
        (" {a}{b}\n", RoomCodeVerdict.ACCEPTED),
        ("{a}", RoomCodeVerdict.WRONG),
        ("", RoomCodeVerdict.WRONG),
        ("{a}{b}0", RoomCodeVerdict.WRONG),
    ],
)
def test_typed_codes_may_have_spaces_or_dashes(typed, verdict):
    code = code_at(T)
    text = typed.format(a=code[:3], b=code[3:])
    assert room_code_verdict(key=KEY, meeting_id=7, mode=IN, code=text, timestamp=T) == verdict


def test_codes_are_six_digits_and_change_every_window():
    codes = [code_at(T + 30 * n) for n in range(50)]
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(set(codes)) > 45  # (a repeat by chance is possible, never a pattern)
    assert room_code_normalise("12a3 45-6") == "123456"
