"""The pricing rules as a table of exact cases (integer cents, half up to the cent)."""

import pytest

from lms.rules.pricing import DiscountTerms, PricingError, TierPrice, percent_of, quote_compute

ORG_SMALL = TierPrice("organization", "Organization – budget under $500K", 4500)
COMMUNITY = TierPrice("community", "Community rate", 2500)
STANDARD = TierPrice("standard", "Standard rate", 5000)
SUPPORTER = TierPrice("supporter", "Supporter", 8500)
PWYC = TierPrice("pwyc", "Pay what you can", 2000, minimum_cents=500, maximum_cents=5000)
TEN_PERCENT = DiscountTerms("TEN", percent_off=10)
TWENTY_DOLLARS = DiscountTerms("TWENTY", amount_off_cents=2000)
ALL_OFF = DiscountTerms("FREE", percent_off=100)


def items(quote):
    return [(item.kind, item.amount_cents) for item in quote.line_items]


@pytest.mark.parametrize(
    ("kwargs", "total", "lines", "fund"),
    [
        # each tier at its price
        ({"tier": ORG_SMALL}, 4500, [("tier", 4500)], 0),
        ({"tier": COMMUNITY}, 2500, [("tier", 2500)], 0),
        ({"tier": STANDARD}, 5000, [("tier", 5000)], 0),
        # supporter: the standard part plus the surplus for the scholarship fund
        (
            {"tier": SUPPORTER, "standard_price_cents": 5000},
            8500,
            [("tier", 5000), ("pay_it_forward", 3500)],
            3500,
        ),
        # supporter without a standard tier in the schedule: no surplus line
        ({"tier": SUPPORTER}, 8500, [("tier", 8500)], 0),
        # partner discount 15% of 4500 = 675 exactly
        (
            {"tier": ORG_SMALL, "is_partner": True, "partner_discount_percent": 15},
            3825,
            [("tier", 4500), ("partner_discount", -675)],
            0,
        ),
        # no partner: the schedule's discount does not apply
        (
            {"tier": ORG_SMALL, "is_partner": False, "partner_discount_percent": 15},
            4500,
            [("tier", 4500)],
            0,
        ),
        # partner discount never on supporter (they chose to pay more)
        (
            {
                "tier": SUPPORTER,
                "standard_price_cents": 5000,
                "is_partner": True,
                "partner_discount_percent": 15,
            },
            8500,
            [("tier", 5000), ("pay_it_forward", 3500)],
            3500,
        ),
        # discount codes: a percentage, a fixed amount
        (
            {"tier": STANDARD, "discount": TEN_PERCENT},
            4500,
            [("tier", 5000), ("discount_code", -500)],
            0,
        ),
        (
            {"tier": STANDARD, "discount": TWENTY_DOLLARS},
            3000,
            [("tier", 5000), ("discount_code", -2000)],
            0,
        ),
        # stacking order: partner first, then the code on what is left: 4500 - 675 = 3825; 10% = 382.5 -> 383
        (
            {
                "tier": ORG_SMALL,
                "is_partner": True,
                "partner_discount_percent": 15,
                "discount": TEN_PERCENT,
            },
            3442,
            [("tier", 4500), ("partner_discount", -675), ("discount_code", -383)],
            0,
        ),
        # a code on a supporter tier reduces the standard part, never the pay-it-forward
        (
            {"tier": SUPPORTER, "standard_price_cents": 5000, "discount": TEN_PERCENT},
            8000,
            [("tier", 5000), ("pay_it_forward", 3500), ("discount_code", -500)],
            3500,
        ),
        # rounding half up: 15% of 2990 = 448.5 -> 449; 15% of 2999 = 449.85 -> 450
        (
            {
                "tier": TierPrice("community", "C", 2990),
                "is_partner": True,
                "partner_discount_percent": 15,
            },
            2541,
            [("tier", 2990), ("partner_discount", -449)],
            0,
        ),
        (
            {
                "tier": TierPrice("community", "C", 2999),
                "is_partner": True,
                "partner_discount_percent": 15,
            },
            2549,
            [("tier", 2999), ("partner_discount", -450)],
            0,
        ),
        # never below zero: a fixed amount larger than the price takes it to zero, not below
        (
            {"tier": COMMUNITY, "discount": DiscountTerms("BIG", amount_off_cents=9999)},
            0,
            [("tier", 2500), ("discount_code", -2500)],
            0,
        ),
        ({"tier": STANDARD, "discount": ALL_OFF}, 0, [("tier", 5000), ("discount_code", -5000)], 0),
        # pay what you can at its bounds
        ({"tier": PWYC, "chosen_amount_cents": 500}, 500, [("tier", 500)], 0),
        ({"tier": PWYC, "chosen_amount_cents": 5000}, 5000, [("tier", 5000)], 0),
        # pay what you can ignores the partner discount
        (
            {
                "tier": PWYC,
                "chosen_amount_cents": 1234,
                "is_partner": True,
                "partner_discount_percent": 15,
            },
            1234,
            [("tier", 1234)],
            0,
        ),
        # a scholarship award lowers the total, never below zero
        (
            {"tier": STANDARD, "scholarship_award_cents": 3000},
            2000,
            [("tier", 5000), ("scholarship", -3000)],
            0,
        ),
        (
            {"tier": STANDARD, "discount": TEN_PERCENT, "scholarship_award_cents": 10000},
            0,
            [("tier", 5000), ("discount_code", -500), ("scholarship", -4500)],
            0,
        ),
        # a free tier
        ({"tier": TierPrice("community", "Free for students", 0)}, 0, [("tier", 0)], 0),
    ],
)
def test_quote(kwargs, total, lines, fund):
    quote = quote_compute(**kwargs)
    assert quote.total_cents == total
    assert items(quote) == lines
    assert quote.scholarship_fund_cents == fund
    assert quote.is_free == (total == 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tier": PWYC, "chosen_amount_cents": 499}, r"starts at \$5\.00"),
        ({"tier": PWYC, "chosen_amount_cents": 5001}, r"goes up to \$50\.00"),
        ({"tier": PWYC}, "Enter the amount"),
        (
            {"tier": PWYC, "chosen_amount_cents": 1000, "discount": TEN_PERCENT},
            "do not apply to pay what you can",
        ),
        ({"tier": STANDARD, "discount": DiscountTerms("BAD")}, "either a percentage or an amount"),
        (
            {"tier": STANDARD, "discount": DiscountTerms("BAD", percent_off=150)},
            "between 0 and 100",
        ),
        ({"tier": TierPrice("mystery", "?", 100)}, "Unknown tier"),
        (
            {"tier": STANDARD, "partner_discount_percent": 101, "is_partner": True},
            "between 0 and 100",
        ),
    ],
)
def test_quote_refuses(kwargs, message):
    with pytest.raises(PricingError, match=message):
        quote_compute(**kwargs)


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [
        (4500, 15, 675),
        (2990, 15, 449),
        (2999, 15, 450),
        (1, 50, 1),
        (3, 50, 2),
        (0, 15, 0),
        (5000, 100, 5000),
    ],
)
def test_percent_of_rounds_half_up(amount, percent, expected):
    assert percent_of(amount, percent) == expected


def test_scholarship_covers_the_pay_it_forward_part_last():
    # A supporter with an award: the fund gets only what is actually paid above standard.
    quote = quote_compute(tier=SUPPORTER, standard_price_cents=5000, scholarship_award_cents=7000)
    assert quote.total_cents == 1500
    assert quote.scholarship_fund_cents == 1500
