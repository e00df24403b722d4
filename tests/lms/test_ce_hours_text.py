from decimal import Decimal

import pytest
from django.utils import translation

from lms.languages import ce_hours_text


@pytest.mark.parametrize(
    ("language", "hours", "text"),
    [
        ("en", Decimal("3.00"), "3 CE hours"),
        ("en", Decimal("1.00"), "1 CE hour"),
        ("en", Decimal("1.004"), "1 CE hour"),
        ("en", Decimal("2.50"), "2.5 CE hours"),
        ("en", Decimal("0.5"), "0.5 CE hours"),
        ("en", 0, "0 CE hours"),
        ("es", Decimal("1.00"), "1 hora de educación continua (CE)"),
        ("es", Decimal("2.50"), "2.5 horas de educación continua (CE)"),
    ],
)
def test_ce_hours_text(language, hours, text):
    with translation.override(language):
        assert ce_hours_text(hours) == text
