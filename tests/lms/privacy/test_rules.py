"""The privacy rules (lms.rules.privacy) as tables: what blocks an erasure, initials, how
long kept records stay linkable, and where each retention period starts."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.errors import DomainError
from lms.rules.privacy import (
    ErasureFacts,
    ErasureRefused,
    RetentionPolicy,
    erasure_blockers,
    erasure_check,
    initials,
    retained_until,
    retention_cutoffs,
    years_after,
)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (ErasureFacts(), []),
        (ErasureFacts(is_staff=True), ["This is a staff account: an administrator closes it."]),
        (
            ErasureFacts(upcoming_trainings=("Ethics 101", "Supervision")),
            [
                "Cancel your registration for “Ethics 101” first (it has not ended yet).",
                "Cancel your registration for “Supervision” first (it has not ended yet).",
            ],
        ),
        (
            ErasureFacts(waitlisted_trainings=("Ethics 101",)),
            ["Leave the waitlist for “Ethics 101” first."],
        ),
        (
            ErasureFacts(open_payments=1),
            ["A card payment is still under way; wait for it to finish."],
        ),
        (
            ErasureFacts(pending_scholarship_applications=2),
            ["A scholarship application is waiting for a decision."],
        ),
        (
            ErasureFacts(open_group_holds=1, open_invoices=1),
            [
                "Seats you hold for a group are waiting for payment.",
                "An invoice for a group you registered is still open.",
            ],
        ),
    ],
)
def test_erasure_blockers(facts, expected):
    assert erasure_blockers(facts) == expected


def test_a_facilitator_is_closed_by_staff():
    (reason,) = erasure_blockers(ErasureFacts(is_facilitator=True))
    assert "facilitator" in reason and "program staff" in reason


def test_erasure_check_lists_every_reason_as_a_domain_error():
    with pytest.raises(ErasureRefused) as refused:
        erasure_check(ErasureFacts(is_staff=True, open_invoices=1))
    assert isinstance(refused.value, DomainError)
    assert len(refused.value.lines) == 2
    erasure_check(ErasureFacts())  # nothing blocks: no error


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pat Johnson", "P. J."),
        ("Ana María Pérez-Soto", "A. M. P. S."),
        ("  keisha   brown ", "K. B."),
        ("Émile Zola", "É. Z."),
        ("O'Brien", "O."),
        ("Dr. Lee", "D. L."),
        ("", ""),
        ("1234 ---", ""),
    ],
)
def test_initials(name, expected):
    assert initials(name) == expected


@given(st.text(max_size=60))
def test_initials_never_hold_more_than_one_letter_per_word(name):
    result = initials(name)
    assert all(len(part) == 2 and part.endswith(".") for part in result.split())
    assert len(result.split()) <= len(name.replace("-", " ").split())


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2026, 3, 12), 6, dt.date(2032, 3, 12)),
        (dt.date(2028, 2, 29), 6, dt.date(2034, 2, 28)),
        (dt.date(2028, 2, 29), 4, dt.date(2032, 2, 29)),
        (dt.date(2028, 2, 29), -3, dt.date(2025, 2, 28)),
    ],
)
def test_years_after(day, years, expected):
    assert years_after(day, years) == expected


def test_retained_until_counts_from_the_last_record():
    assert retained_until(last_record_on=dt.date(2026, 5, 1), years=6) == dt.date(2032, 5, 1)
    assert retained_until(last_record_on=None, years=6) is None


POLICY = RetentionPolicy(
    records_years=6,
    demographics_inactive_years=3,
    unconfirmed_account_days=30,
    virtual_report_days=365,
    webhook_payload_days=90,
    erasure_link_hours=48,
)


def test_retention_cutoffs():
    now = dt.datetime(2028, 2, 29, 3, 30, tzinfo=dt.UTC)
    cutoffs = retention_cutoffs(now=now, policy=POLICY)
    assert cutoffs.demographics_inactive_since == dt.datetime(2025, 2, 28, 3, 30, tzinfo=dt.UTC)
    assert cutoffs.unconfirmed_joined_before == dt.datetime(2028, 1, 30, 3, 30, tzinfo=dt.UTC)
    assert cutoffs.virtual_report_uploaded_before == dt.datetime(2027, 3, 1, 3, 30, tzinfo=dt.UTC)
    assert cutoffs.webhook_received_before == dt.datetime(2027, 12, 1, 3, 30, tzinfo=dt.UTC)
    assert cutoffs.erasure_link_sent_before == dt.datetime(2028, 2, 27, 3, 30, tzinfo=dt.UTC)
    assert cutoffs.records_retained_until_before == dt.date(2028, 2, 29)


def test_a_period_of_zero_is_refused():
    from dataclasses import replace

    with pytest.raises(DomainError):
        retention_cutoffs(
            now=dt.datetime.now(dt.UTC), policy=replace(POLICY, virtual_report_days=0)
        )
