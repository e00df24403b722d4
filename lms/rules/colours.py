"""Brand colours staff choose: readable on white (WCAG AA for text, 4.5:1) and a darker shade
for hover and borders, computed rather than asked for."""

import re

from lms.errors import DomainError

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5


class ColourError(DomainError):
    """A colour that cannot be used, with the reason in words."""


def _channels(hex_colour: str) -> tuple[int, int, int]:
    if not HEX.match(hex_colour or ""):
        raise ColourError("Use a colour written like #0b5cad (a # and six hexadecimal digits).")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _luminance(hex_colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darker(hex_colour: str, amount: float = 0.25) -> str:
    """The same hue, `amount` closer to black: "#0b5cad" → "#084582"."""
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in _channels(hex_colour))


def check_brand_colour(hex_colour: str) -> str:
    """The colour in lower case, or ColourError when white text on it (buttons) or it as text
    on white (links) would be hard to read."""
    ratio = contrast_ratio(hex_colour, "#ffffff")
    if ratio < AA_TEXT:
        raise ColourError(
            f"This colour is too light to read on white ({ratio:.1f}:1; at least {AA_TEXT}:1 is "
            "needed). Choose a darker shade."
        )
    return hex_colour.lower()
