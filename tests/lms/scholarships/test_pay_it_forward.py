"""Pay-it-forward money from the supporter tier: the default supporter fund made by migration
receives the surplus; a refund through Stripe (localstripe) takes it back with a debit entry,
surplus first, once per refunded cent; the revenue report shows it on its own line."""

import pytest
from django.utils import timezone

from lms.models import Refund, ScholarshipFund, ScholarshipLedgerEntry
from lms.rules.scholarships import supporter_surplus_to_reverse
from lms.selectors.reports import ReportFilters, revenue_report
from lms.services.payments import payment_submit
from lms.services.refunds import refund_create
from lms.services.registrations import registration_confirm, registration_create
from lms.services.scholarship_ledger import (
    DEFAULT_SUPPORTER_FUND,
    fund_position_read,
    supporter_fund_current,
)
from tests.factories import ProfileFactory, paid_session

Kind = ScholarshipLedgerEntry.Kind


@pytest.mark.parametrize(
    ("credited", "debited", "refunded", "expected"),
    [
        (3500, 0, 0, 0),
        (3500, 0, 2000, 2000),  # the surplus is refunded first
        (3500, 2000, 5000, 1500),  # a second refund takes back only what is left
        (3500, 3500, 8500, 0),  # never twice
        (3500, 0, 8500, 3500),  # never more than was credited
        (0, 0, 8500, 0),
    ],
)
def test_surplus_to_reverse(credited, debited, refunded, expected):
    assert (
        supporter_surplus_to_reverse(
            credited_cents=credited, debited_cents=debited, refunded_cents=refunded
        )
        == expected
    )


@pytest.mark.django_db
def test_the_default_supporter_fund_exists_from_the_start_and_takes_the_surplus():
    fund = ScholarshipFund.objects.get(name=DEFAULT_SUPPORTER_FUND)
    assert fund.sponsor_kind == ScholarshipFund.SponsorKind.SUPPORTER_TIER
    assert supporter_fund_current() == fund
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["supporter"], attested=True
    )
    registration_confirm(registration=registration, now=timezone.now())
    assert fund_position_read(fund=fund).credited_cents == registration.scholarship_fund_cents > 0
    # Even switched off, the default fund still takes the surplus rather than nothing.
    ScholarshipFund.objects.filter(pk=fund.pk).update(is_active=False)
    assert supporter_fund_current() == fund


@pytest.mark.django_db
@pytest.mark.stripe
def test_refunds_of_a_supporter_registration_take_the_surplus_back(
    stripe_quiet, django_capture_on_commit_callbacks
):
    fund = ScholarshipFund.objects.get(name=DEFAULT_SUPPORTER_FUND)
    session, tiers = paid_session(meeting__days_ahead=30)
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["supporter"], attested=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        payment_submit(
            registration_id=registration.pk,
            person=registration.person,
            payment_method_id="pm_card_visa",
        )
    registration.refresh_from_db()
    surplus = registration.scholarship_fund_cents
    assert registration.status == "confirmed"
    assert fund_position_read(fund=fund).held_cents == surplus
    payment = registration.payments.get()

    with django_capture_on_commit_callbacks(execute=True):
        refund_create(payment=payment, amount_cents=2000, reason="staff", note="part")
    assert Refund.objects.get().status == Refund.Status.SUCCEEDED
    debits = ScholarshipLedgerEntry.objects.filter(fund=fund, kind=Kind.DEBIT)
    assert list(debits.values_list("amount_cents", flat=True)) == [2000]
    assert fund_position_read(fund=fund).held_cents == surplus - 2000

    payment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        refund_create(
            payment=payment, amount_cents=payment.refundable_cents, reason="staff", note="rest"
        )
    assert sorted(debits.values_list("amount_cents", flat=True)) == sorted([2000, surplus - 2000])
    assert fund_position_read(fund=fund).held_cents == 0

    # The revenue report shows the pay-it-forward apart: taken in, given back, kept.
    report = revenue_report(ReportFilters())
    (pay_it_forward,) = [t for t in report.tables if t.key == "pay_it_forward"]
    assert pay_it_forward.rows == [[fund.name, surplus, surplus, 0]]
