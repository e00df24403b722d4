"""The one money module: cents to words, words typed by a person to cents, and hours."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.rules.money import (
    MAX_AMOUNT_CENTS,
    AmountError,
    cents_from_dollars,
    dollars,
    dollars_plain,
    hours_text,
)


@pytest.mark.parametrize(
    ("cents", "text", "brief"),
    [
        (0, "$0.00", "$0"),
        (5, "$0.05", "$0.05"),
        (2500, "$25.00", "$25"),
        (2550, "$25.50", "$25.50"),
        (120000, "$1,200.00", "$1,200"),
        (123456789, "$1,234,567.89", "$1,234,567.89"),
        (-500, "-$5.00", "-$5"),
        (-1, "-$0.01", "-$0.01"),
    ],
)
def test_dollars(cents, text, brief):
    assert dollars(cents) == text
    assert dollars(cents, brief=True) == brief


@pytest.mark.parametrize(
    ("cents", "text"), [(0, "0.00"), (7, "0.07"), (123450, "1234.50"), (-250, "-2.50")]
)
def test_dollars_plain(cents, text):
    assert dollars_plain(cents) == text


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("45", 4500),
        ("45.5", 4550),
        ("12.50", 1250),
        (".50", 50),
        ("0", 0),
        ("$1,200.50", 120050),
        ("$ 1,500", 150000),
        ("1,500.00", 150000),
        ("12,345.67", 1234567),
        ("999,999.99", 99999999),
        ("  75.00  ", 7500),
        ("1500", 150000),
        ("1000000", MAX_AMOUNT_CENTS),
    ],
)
def test_amounts_read(typed, cents):
    assert cents_from_dollars(typed) == cents


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        # A comma is a thousands separator only between groups of three digits: reading "5,5"
        # as $55.00 or "1,5" as $15.00 would charge what nobody meant.
        ("5,5", "comma only between thousands"),
        ("1,5", "comma only between thousands"),
        ("1,50", "comma only between thousands"),
        ("12,50", "comma only between thousands"),
        ("1,5000", "comma only between thousands"),
        ("1500,00", "comma only between thousands"),
        (",500", "comma only between thousands"),
        ("1,500,", "comma only between thousands"),
        ("-5", "$0.00 or more"),
        ("12.345", "at most two decimals"),
        ("1,500.005", "at most two decimals"),
        ("", "like 45 or 12.50"),
        ("$", "like 45 or 12.50"),
        (".", "like 45 or 12.50"),
        ("abc", "like 45 or 12.50"),
        ("NaN", "like 45 or 12.50"),
        ("Infinity", "like 45 or 12.50"),
        ("1e3", "like 45 or 12.50"),
        ("４５", "like 45 or 12.50"),  # full-width digits
        ("45 00", "like 45 or 12.50"),
        ("1000000.01", "up to $1,000,000.00"),
    ],
)
def test_amounts_refused(typed, says):
    with pytest.raises(AmountError) as refused:
        cents_from_dollars(typed)
    assert says in refused.value.message


@given(st.integers(min_value=0, max_value=MAX_AMOUNT_CENTS))
def test_what_is_shown_reads_back(cents):
    """Whatever we show or prefill in a form, a person can type back and get the same cents."""
    assert cents_from_dollars(dollars(cents)) == cents
    assert cents_from_dollars(dollars_plain(cents)) == cents


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (Decimal("3.00"), "3"),
        (Decimal("2.50"), "2.5"),
        (Decimal("1.25"), "1.25"),
        (Decimal("1.5833"), "1.58"),
        (Decimal("1.005"), "1.01"),  # half up, as pay lines round
        (Decimal("10.00"), "10"),
        (Decimal("0"), "0"),
        (3, "3"),
        ("0.50", "0.5"),
    ],
)
def test_hours_text(hours, text):
    assert hours_text(hours) == text
