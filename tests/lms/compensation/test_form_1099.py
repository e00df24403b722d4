"""The year-end 1099-NEC list across the 2025/2026 threshold change."""

import csv
import datetime as dt
import io

import pytest

from lms.models import Form1099Threshold
from lms.selectors.compensation import form_1099_csv, form_1099_rows, form_1099_threshold_cents
from tests.factories import FacilitatorFactory, FacilitatorPayProfileFactory
from tests.factories.compensation import paid_statement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "cents"), [(2024, 60000), (2025, 60000), (2026, 200000), (2027, 200000)]
)
def test_thresholds_are_data_seeded_by_migration(year, cents):
    assert form_1099_threshold_cents(year=year) == cents


def test_a_new_threshold_row_takes_over_from_its_year():
    Form1099Threshold.objects.create(applies_from_year=2027, amount_cents=205000)
    assert form_1099_threshold_cents(year=2026) == 200000
    assert form_1099_threshold_cents(year=2027) == 205000


def test_the_same_pay_is_reportable_in_2025_but_not_in_2026():
    profile = FacilitatorPayProfileFactory(legal_name="Luis Hernández")
    # $900 in 2025: over $600. $1,500 in 2026: under $2,000. Paid dates decide the year.
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2025, 12, 30), pay_cents=90000)
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2026, 1, 2), pay_cents=60000)
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2026, 6, 2), pay_cents=90000)

    (row_2025,) = form_1099_rows(year=2025)
    (row_2026,) = form_1099_rows(year=2026)
    assert (row_2025.paid_cents, row_2025.threshold_cents, row_2025.reportable) == (
        90000,
        60000,
        True,
    )
    assert (row_2026.paid_cents, row_2026.threshold_cents, row_2026.reportable) == (
        150000,
        200000,
        False,
    )
    assert row_2026.statements == 2


def test_exactly_at_the_threshold_is_reportable():
    profile = FacilitatorPayProfileFactory()
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2026, 3, 1), pay_cents=200000)
    assert form_1099_rows(year=2026)[0].reportable
    profile_2025 = FacilitatorPayProfileFactory()
    paid_statement(
        facilitator=profile_2025.facilitator, paid_on=dt.date(2025, 3, 1), pay_cents=59999
    )
    assert not form_1099_rows(year=2025)[0].reportable


def test_expenses_are_not_income_and_missing_w9_is_flagged():
    without_w9 = FacilitatorFactory(name="Jordan Lee")
    paid_statement(
        facilitator=without_w9,
        paid_on=dt.date(2025, 5, 1),
        pay_cents=55000,
        expenses_cents=20000,  # $550 pay + $200 travel: $750 paid out, but under $600 of pay
    )
    (row,) = form_1099_rows(year=2025)
    assert (row.paid_cents, row.expenses_cents, row.reportable) == (55000, 20000, False)
    assert "W-9 missing" in row.flags
    assert "no pay profile (legal name, address)" in row.flags


def test_csv_export():
    profile = FacilitatorPayProfileFactory(legal_name="=HYPERLINK(1)", email="a@example.org")
    paid_statement(facilitator=profile.facilitator, paid_on=dt.date(2026, 11, 1), pay_cents=250050)
    rows = list(csv.DictReader(io.StringIO(form_1099_csv(year=2026))))
    assert len(rows) == 1
    row = rows[0]
    assert row["Legal name"] == "'=HYPERLINK(1)"  # no formula in a spreadsheet
    assert row["Paid (USD, 1099-NEC box 1)"] == "2500.50"
    assert row["1099-NEC threshold (USD)"] == "2000.00"
    assert row["Reaches threshold"] == "yes"
    assert row["W-9 received"] == "2026-01-15"
    assert row["Mailing address"] == "200 W Adams St, Chicago, IL 60606"
