"""Sliding-scale pricing: one pure function from plain values to a quote. No database, no Stripe.

Order of the sums (each step works on what the step before left):

1. The tier's price. Pay what you can: the amount chosen, which must lie between the tier's
   minimum and maximum. Supporter: the standard price plus a "pay it forward" line, the
   surplus above the standard tier, which goes to the scholarship fund.
2. The partner discount (a percentage) for people whose organization is a coalition partner
   with current partner support. Not on supporter or pay-what-you-can tiers, where the person
   chose to pay more or what they can.
3. A discount code: a percentage of what is left, or a fixed amount (never more than what is
   left). Not on pay-what-you-can tiers. Neither discount touches the pay-it-forward line.
4. A scholarship award, never more than what is left.

Percentages round half up to the cent. The total can never go below zero.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lms.errors import DomainError
from lms.rules.money import dollars

ORGANIZATION = "organization"
COMMUNITY = "community"
STANDARD = "standard"
SUPPORTER = "supporter"
PAY_WHAT_YOU_CAN = "pwyc"
KINDS = (ORGANIZATION, COMMUNITY, STANDARD, SUPPORTER, PAY_WHAT_YOU_CAN)


class PricingError(DomainError):
    """The inputs do not make a price (for example an amount outside the tier's bounds)."""


@dataclass(frozen=True)
class TierPrice:
    kind: str
    label: str
    price_cents: int
    minimum_cents: int | None = None
    maximum_cents: int | None = None


@dataclass(frozen=True)
class DiscountTerms:
    code: str
    percent_off: int | None = None
    amount_off_cents: int | None = None


@dataclass(frozen=True)
class LineItem:
    kind: str  # tier, pay_it_forward, partner_discount, discount_code, scholarship
    label: str
    amount_cents: int  # negative for reductions

    def as_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "amount_cents": self.amount_cents}


@dataclass(frozen=True)
class Quote:
    line_items: tuple[LineItem, ...]
    total_cents: int
    scholarship_fund_cents: int  # the pay-it-forward part of the total

    @property
    def is_free(self) -> bool:
        return self.total_cents == 0


def percent_of(amount_cents: int, percent: int | Decimal) -> int:
    """`percent`% of `amount_cents`, rounded half up to the cent."""
    exact = Decimal(amount_cents) * Decimal(percent) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def quote_compute(
    *,
    tier: TierPrice,
    standard_price_cents: int | None = None,
    chosen_amount_cents: int | None = None,
    partner_discount_percent: int = 0,
    is_partner: bool = False,
    discount: DiscountTerms | None = None,
    scholarship_award_cents: int = 0,
) -> Quote:
    """The price of one registration as line items and a total, in integer cents."""
    if tier.kind not in KINDS:
        raise PricingError(f"Unknown tier kind {tier.kind!r}.")
    if tier.price_cents < 0 or scholarship_award_cents < 0:
        raise PricingError("Prices and awards cannot be negative.")
    if not 0 <= partner_discount_percent <= 100:
        raise PricingError("A partner discount is between 0 and 100 percent.")

    items: list[LineItem] = []
    surplus = 0
    if tier.kind == PAY_WHAT_YOU_CAN:
        base = _pay_what_you_can_amount(tier, chosen_amount_cents)
        items.append(LineItem("tier", f"{tier.label} (amount you chose)", base))
    elif tier.kind == SUPPORTER and standard_price_cents is not None:
        base = min(standard_price_cents, tier.price_cents)
        surplus = tier.price_cents - base
        items.append(LineItem("tier", f"{tier.label}: standard rate", base))
        if surplus:
            items.append(
                LineItem("pay_it_forward", "Pay it forward to the scholarship fund", surplus)
            )
    else:
        base = tier.price_cents
        items.append(LineItem("tier", tier.label, base))

    discountable = base
    if is_partner and partner_discount_percent and tier.kind not in (SUPPORTER, PAY_WHAT_YOU_CAN):
        off = percent_of(discountable, partner_discount_percent)
        items.append(
            LineItem(
                "partner_discount",
                f"Coalition partner discount ({partner_discount_percent}%)",
                -off,
            )
        )
        discountable -= off

    if discount is not None:
        if tier.kind == PAY_WHAT_YOU_CAN:
            raise PricingError(
                "Discount codes do not apply to pay what you can: choose the amount you can pay."
            )
        off = _discount_amount(discount, discountable)
        if off:
            label = (
                f"Discount code {discount.code} ({discount.percent_off}%)"
                if discount.percent_off is not None
                else f"Discount code {discount.code}"
            )
            items.append(LineItem("discount_code", label, -off))
            discountable -= off

    total = discountable + surplus
    if scholarship_award_cents:
        award = min(scholarship_award_cents, total)
        if award:
            items.append(LineItem("scholarship", "Scholarship", -award))
            total -= award
    # A scholarship covers the pay-it-forward part last, so what goes to the fund is never
    # more than what is actually paid.
    return Quote(
        line_items=tuple(items),
        total_cents=max(total, 0),
        scholarship_fund_cents=min(surplus, max(total, 0)),
    )


def _pay_what_you_can_amount(tier: TierPrice, chosen_amount_cents: int | None) -> int:
    if chosen_amount_cents is None:
        raise PricingError("Enter the amount you can pay.")
    minimum = tier.minimum_cents or 0
    if chosen_amount_cents < minimum:
        raise PricingError(f"The amount you can pay starts at {dollars(minimum)}.")
    if tier.maximum_cents is not None and chosen_amount_cents > tier.maximum_cents:
        raise PricingError(f"The amount you can pay goes up to {dollars(tier.maximum_cents)}.")
    return chosen_amount_cents


def _discount_amount(discount: DiscountTerms, remaining_cents: int) -> int:
    if (discount.percent_off is None) == (discount.amount_off_cents is None):
        raise PricingError("A discount is either a percentage or an amount off.")
    if discount.percent_off is not None:
        if not 0 <= discount.percent_off <= 100:
            raise PricingError("A percentage off is between 0 and 100.")
        return percent_of(remaining_cents, discount.percent_off)
    if discount.amount_off_cents < 0:
        raise PricingError("An amount off cannot be negative.")
    return min(discount.amount_off_cents, remaining_cents)
