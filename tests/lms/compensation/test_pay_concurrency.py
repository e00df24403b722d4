"""Two staff press "pay" at the same moment: exactly one payout (PostgreSQL row locks)."""

import datetime as dt

import pytest

from lms.models import ConnectStatus, Payout, PayStatement
from lms.services.compensation import pay_statement_pay_by_connect, pay_statement_record_payment
from tests.factories import FacilitatorPayProfileFactory, PayStatementFactory, UserFactory
from tests.fixtures.races import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approved():
    profile = FacilitatorPayProfileFactory(
        connect_account_id="acct_1QxRkP2eZvKYlo2C",
        connect_status=ConnectStatus.ENABLED,
        payout_method="stripe_connect",
    )
    return PayStatementFactory(
        facilitator=profile.facilitator,
        status=PayStatement.Status.APPROVED,
        number=1,
        pay_cents=45000,
    )


def test_two_check_payments_at_once_record_one_payout(approved):
    alice, bob = UserFactory(), UserFactory()

    def pay(user, reference):
        return lambda: pay_statement_record_payment(
            statement=approved,
            method="check",
            reference=reference,
            paid_on=dt.date.today(),
            by=user,
        )

    race = run_together(pay(alice, "1042"), pay(bob, "1043"))
    assert race.raised == []
    assert sorted(result.created for result in race.returned) == [False, True]
    assert Payout.objects.count() == 1
    approved.refresh_from_db()
    assert approved.status == PayStatement.Status.PAID


def test_two_connect_payments_at_once_make_one_transfer(approved, stripe_connect):
    stripe_connect.transfer_delay = 0.5  # the first payer is still talking to Stripe
    alice, bob = UserFactory(), UserFactory()
    race = run_together(
        lambda: pay_statement_pay_by_connect(statement=approved, by=alice),
        lambda: pay_statement_pay_by_connect(statement=approved, by=bob),
    )
    assert race.raised == []
    assert len(stripe_connect.received("POST", "/v1/transfers")) == 1
    assert Payout.objects.filter(status=Payout.Status.SUCCEEDED).count() == 1
    assert sorted(result.created for result in race.returned) == [False, True]
