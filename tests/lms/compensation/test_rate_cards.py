import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lms.models import RateCard
from tests.factories import FacilitatorFactory, RateCardFactory

pytestmark = pytest.mark.django_db


def card(**kwargs):
    defaults = {
        "name": "New card",
        "lead_hourly_cents": 8000,
        "co_hourly_cents": 5500,
        "effective_from": dt.date(2026, 6, 1),
    }
    return RateCard(**{**defaults, **kwargs})


def test_an_overlapping_standard_card_is_refused_with_a_clear_error():
    RateCardFactory(name="Standard 2026", effective_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError) as refused:
        card().full_clean()
    message = " ".join(refused.value.messages)
    assert "overlap the rate card “Standard 2026” (Jan 1, 2026 – open-ended)" in message
    assert "among standard cards" in message


def test_cards_that_follow_each_other_are_accepted():
    RateCardFactory(effective_from=dt.date(2026, 1, 1), effective_until=dt.date(2026, 5, 31))
    card().full_clean()


def test_overlap_is_checked_per_facilitator():
    okafor, lee = FacilitatorFactory(), FacilitatorFactory()
    RateCardFactory(name="Okafor 2026", facilitator=okafor, effective_from=dt.date(2026, 1, 1))
    RateCardFactory(effective_from=dt.date(2026, 1, 1))  # the standard card does not clash
    card(facilitator=lee).full_clean()
    with pytest.raises(ValidationError, match="Okafor 2026"):
        card(facilitator=okafor, effective_until=dt.date(2026, 12, 31)).full_clean()


def test_a_card_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="on or after the first day"):
        card(effective_until=dt.date(2026, 5, 1)).full_clean()


def test_editing_a_card_does_not_clash_with_itself():
    existing = RateCardFactory(effective_from=dt.date(2026, 1, 1))
    existing.lead_hourly_cents = 8000
    existing.full_clean()
