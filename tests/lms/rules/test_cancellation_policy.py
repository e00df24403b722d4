"""The cancellation policy as a table of exact cases."""

import datetime as dt

import pytest

from lms.rules.cancellation import PolicyError, policy_text, refund_policy_decide

START = dt.datetime(2026, 12, 10, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("kwargs", "refund"),
    [
        # full refund up to 7 days before the first meeting (inclusive)
        ({"cancelled_at": START - dt.timedelta(days=30)}, 5000),
        ({"cancelled_at": START - dt.timedelta(days=7)}, 5000),
        # none after
        ({"cancelled_at": START - dt.timedelta(days=7) + dt.timedelta(seconds=1)}, 0),
        ({"cancelled_at": START - dt.timedelta(hours=1)}, 0),
        ({"cancelled_at": START + dt.timedelta(hours=1)}, 0),
        # only what is left after earlier refunds
        ({"cancelled_at": START - dt.timedelta(days=10), "already_refunded_cents": 2000}, 3000),
        # the coalition cancelled the session: always everything
        ({"cancelled_at": START + dt.timedelta(days=1), "session_cancelled": True}, 5000),
        # staff override, any amount up to what is refundable, even late
        ({"cancelled_at": START - dt.timedelta(days=1), "staff_override_cents": 2500}, 2500),
        ({"cancelled_at": START - dt.timedelta(days=30), "staff_override_cents": 0}, 0),
        # a different window
        ({"cancelled_at": START - dt.timedelta(days=3), "full_refund_days": 2}, 5000),
        # no date yet
        ({"cancelled_at": START, "first_meeting_starts_at": None}, 5000),
        # rescheduled after registering: everything back inside the window, until the start
        (
            {"cancelled_at": START - dt.timedelta(hours=1), "rescheduled_after_registering": True},
            5000,
        ),
        (
            {"cancelled_at": START - dt.timedelta(days=2), "rescheduled_after_registering": True},
            5000,
        ),
        (
            {
                "cancelled_at": START + dt.timedelta(minutes=1),
                "rescheduled_after_registering": True,
            },
            0,
        ),
        # ...only what is left, and staff's amount still wins
        (
            {
                "cancelled_at": START - dt.timedelta(days=1),
                "rescheduled_after_registering": True,
                "already_refunded_cents": 1000,
            },
            4000,
        ),
        (
            {
                "cancelled_at": START - dt.timedelta(days=1),
                "rescheduled_after_registering": True,
                "staff_override_cents": 100,
            },
            100,
        ),
        # registered after the change: the ordinary window applies
        ({"cancelled_at": START - dt.timedelta(days=2), "rescheduled_after_registering": False}, 0),
    ],
)
def test_refund_policy(kwargs, refund):
    arguments = {
        "paid_cents": 5000,
        "first_meeting_starts_at": START,
        "full_refund_days": 7,
        **kwargs,
    }
    assert refund_policy_decide(**arguments).refund_cents == refund


def test_nothing_paid_nothing_refunded():
    decision = refund_policy_decide(
        paid_cents=0,
        first_meeting_starts_at=START,
        cancelled_at=START - dt.timedelta(days=30),
        full_refund_days=7,
    )
    assert decision.refund_cents == 0


@pytest.mark.parametrize("override", [-1, 3001])
def test_staff_override_bounded(override):
    with pytest.raises(PolicyError, match=r"\$30.00"):
        refund_policy_decide(
            paid_cents=5000,
            already_refunded_cents=2000,
            first_meeting_starts_at=START,
            cancelled_at=START,
            staff_override_cents=override,
            full_refund_days=7,
        )


@pytest.mark.parametrize(("days", "words"), [(7, "at least 7 days before"), (1, "at least 1 day")])
def test_policy_text_says_the_number_of_days(days, words):
    assert words in policy_text(full_refund_days=days)
