"""Money and hours as people read and type them. Pure: no Django, no database.

Money is integer cents everywhere inside the product; this module is the one place that turns
cents into words ("$1,234.50") and words typed by a person into cents. Hours are Decimals;
`hours_text` is the one way they are shown (3.00 → "3", 1.5833 → "1.58").
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from lms.errors import DomainError

# No fee, award, credit or refund here comes near a million dollars; anything larger typed into
# a form is a mistake (or an attack) and is refused with a clear message.
MAX_AMOUNT_CENTS = 100_000_000

# Digits with commas only as thousands separators, in their place ("1,500.00", "1500", ".50").
# "5,5" or "1,5" is not an amount: reading it as 55 or 15 would charge what nobody meant.
_AMOUNT = re.compile(r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<cents>\d{1,2}))?")


class AmountError(DomainError):
    """An amount typed by a person that is not one we can read without guessing."""


def dollars(cents: int, *, brief: bool = False) -> str:
    """Cents for people: "$1,234.50", "-$5.00". `brief` drops zero cents ("$25", "$25.50"),
    as the catalogue's price lines do."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    if brief and rest == 0:
        return f"{sign}${whole:,}"
    return f"{sign}${whole:,}.{rest:02d}"


def dollars_plain(cents: int) -> str:
    """Cents as a plain decimal for a form field or a spreadsheet cell: 123450 → "1234.50"."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def cents_from_dollars(raw: str) -> int:
    """An amount typed in dollars ("45", "$1,200.50", ".50") to integer cents, or AmountError
    with a sentence for the person who typed it. Refuses negatives, more than two decimals,
    commas anywhere but between groups of three digits, and anything that is not plain digits
    (NaN, Infinity, exponents, full-width digits)."""
    text = (raw or "").strip()
    text = text.removeprefix("$").strip()
    if text.startswith("-"):
        raise AmountError("Enter an amount of $0.00 or more.")
    match = _AMOUNT.fullmatch(text) if text.isascii() else None
    if not match or not (match["whole"] or match["cents"]):
        if re.fullmatch(r"[\d,]*\.\d{3,}", text):
            raise AmountError("Enter dollars and at most two decimals (cents), like 12.50.")
        if "," in text:
            raise AmountError(
                "Use a comma only between thousands, like 1,500.00, and a period before cents, "
                "like 5.50."
            )
        raise AmountError("Enter an amount in dollars, like 45 or 12.50.")
    whole = int((match["whole"] or "0").replace(",", ""))
    cents = whole * 100 + int((match["cents"] or "0").ljust(2, "0"))
    if cents > MAX_AMOUNT_CENTS:
        raise AmountError(f"Enter an amount up to {dollars(MAX_AMOUNT_CENTS)}.")
    return cents


def hours_text(hours: Decimal | int | str) -> str:
    """Hours as people read them, to the hundredth: 3.00 → "3", 2.50 → "2.5", 1.5833 → "1.58"."""
    rounded = Decimal(hours).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
