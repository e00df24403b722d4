"""Properties of the pricing function over generated inputs (hypothesis): whatever the tier,
discounts and award, the total is never negative, the lines add up to it, reductions never
exceed what they reduce, and the pay-it-forward part never exceeds what is paid."""

from hypothesis import assume, given
from hypothesis import strategies as st

from lms.rules.pricing import (
    COMMUNITY,
    ORGANIZATION,
    PAY_WHAT_YOU_CAN,
    STANDARD,
    SUPPORTER,
    DiscountTerms,
    PricingError,
    TierPrice,
    quote_compute,
)

cents = st.integers(min_value=0, max_value=10_000_000)
percent = st.integers(min_value=0, max_value=100)
discounts = st.one_of(
    st.none(),
    st.builds(DiscountTerms, code=st.just("CODE"), percent_off=percent),
    st.builds(DiscountTerms, code=st.just("CODE"), amount_off_cents=cents),
)


@st.composite
def tiers(draw):
    kind = draw(st.sampled_from([ORGANIZATION, COMMUNITY, STANDARD, SUPPORTER, PAY_WHAT_YOU_CAN]))
    if kind == PAY_WHAT_YOU_CAN:
        minimum = draw(cents)
        maximum = draw(st.one_of(st.none(), st.integers(minimum, minimum + 1_000_000)))
        return TierPrice(kind, "Pay what you can", 0, minimum, maximum)
    return TierPrice(kind, kind.title(), draw(cents))


@given(
    tier=tiers(),
    standard=st.one_of(st.none(), cents),
    chosen=st.one_of(st.none(), cents),
    partner_percent=percent,
    is_partner=st.booleans(),
    discount=discounts,
    award=cents,
)
def test_totals_are_never_negative_and_the_lines_add_up(
    tier, standard, chosen, partner_percent, is_partner, discount, award
):
    try:
        quote = quote_compute(
            tier=tier,
            standard_price_cents=standard,
            chosen_amount_cents=chosen,
            partner_discount_percent=partner_percent,
            is_partner=is_partner,
            discount=discount,
            scholarship_award_cents=award,
        )
    except PricingError:
        # Refusals are for pay-what-you-can amounts out of bounds and codes on that tier.
        assert tier.kind == PAY_WHAT_YOU_CAN
        return
    assert quote.total_cents >= 0
    assert sum(item.amount_cents for item in quote.line_items) == quote.total_cents
    assert 0 <= quote.scholarship_fund_cents <= quote.total_cents
    charged = sum(i.amount_cents for i in quote.line_items if i.amount_cents > 0)
    reductions = -sum(i.amount_cents for i in quote.line_items if i.amount_cents < 0)
    assert reductions <= charged
    # Nothing costs more than the tier (plus the pay-it-forward surplus) asked.
    ceiling = chosen if tier.kind == PAY_WHAT_YOU_CAN else tier.price_cents
    assert quote.total_cents <= ceiling


@given(tier=tiers(), award=cents)
def test_a_scholarship_never_raises_the_price(tier, award):
    assume(tier.kind != PAY_WHAT_YOU_CAN)
    without = quote_compute(tier=tier)
    with_award = quote_compute(tier=tier, scholarship_award_cents=award)
    assert with_award.total_cents == max(without.total_cents - award, 0)


@given(price=st.integers(-10_000_000, -1))
def test_negative_prices_are_refused(price):
    try:
        quote_compute(tier=TierPrice(STANDARD, "Standard", price))
    except PricingError:
        return
    raise AssertionError("a negative price made a quote")
