"""Brand colours: readable on white, a darker shade computed, bad input refused in words."""

import pytest

from lms.rules.colours import ColourError, check_brand_colour, contrast_ratio, darker


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#0b5cad", "#ffffff", 6.67),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA
    ],
)
def test_contrast_ratio(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.05)
    assert contrast_ratio(second, first) == pytest.approx(ratio, abs=0.05)


@pytest.mark.parametrize(
    ("colour", "amount", "expected"),
    [("#0b5cad", 0.25, "#084582"), ("#ffffff", 0.5, "#808080"), ("#000000", 0.25, "#000000")],
)
def test_darker(colour, amount, expected):
    assert darker(colour, amount) == expected


@pytest.mark.parametrize("colour", ["#0B5CAD", "#1d4f91", "#767676"])
def test_readable_colours_pass_in_lower_case(colour):
    assert check_brand_colour(colour) == colour.lower()


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        ("#f2b400", "too light to read on white"),
        ("#777777", "too light"),
        ("blue", "like #0b5cad"),
        ("#0b5cad;}", "like #0b5cad"),
        ("", "like #0b5cad"),
    ],
)
def test_unreadable_or_malformed_colours_are_refused(colour, message):
    with pytest.raises(ColourError, match=message):
        check_brand_colour(colour)
