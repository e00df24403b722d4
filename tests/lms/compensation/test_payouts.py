"""Paying approved statements: check/ACH records, Stripe Connect transfers, W-9 rule."""

import datetime as dt

import pytest
import time_machine
from wagtail.models import ModelLogEntry

from lms.models import ConnectStatus, Payout, PayStatement
from lms.payments.connect_events import handle_connect_event
from lms.services.compensation import (
    PayStatementError,
    connect_onboarding_link,
    pay_statement_approve,
    pay_statement_pay_by_connect,
    pay_statement_record_payment,
)
from tests.factories import FacilitatorPayProfileFactory, PayStatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance():
    return UserFactory(email="finance@example.org")


@pytest.fixture
def profile():
    return FacilitatorPayProfileFactory(legal_name="Amara N. Okafor")


@pytest.fixture
def approved(profile, finance):
    statement = PayStatementFactory(facilitator=profile.facilitator, pay_cents=45000)
    return pay_statement_approve(statement=statement, by=finance)


def test_record_a_check_payment(approved, finance):
    result = pay_statement_record_payment(
        statement=approved, method="check", reference="1042", paid_on=dt.date.today(), by=finance
    )
    approved.refresh_from_db()
    assert result.created and result.succeeded
    assert approved.status == PayStatement.Status.PAID
    assert approved.paid_on == dt.date.today()
    assert result.payout.amount_cents == 45000 and result.payout.reference == "1042"
    assert ModelLogEntry.objects.filter(action="lms.pay_statement.pay").count() == 1


def test_paying_again_does_nothing(approved, finance):
    first = pay_statement_record_payment(
        statement=approved, method="ach", reference="T-1", paid_on=dt.date.today(), by=finance
    )
    again = pay_statement_record_payment(
        statement=approved, method="check", reference="9999", paid_on=dt.date.today(), by=finance
    )
    assert not again.created
    assert again.payout == first.payout
    assert Payout.objects.count() == 1


def test_no_payment_without_a_w9(approved, profile, finance):
    profile.w9_received_on = None
    profile.save()
    with pytest.raises(PayStatementError, match=r"No W-9 is on file for Amara N\. Okafor"):
        pay_statement_record_payment(
            statement=approved, method="check", reference="1", paid_on=dt.date.today(), by=finance
        )
    approved.refresh_from_db()
    assert approved.status == PayStatement.Status.APPROVED
    assert not Payout.objects.exists()


def test_a_draft_cannot_be_paid(profile, finance):
    draft = PayStatementFactory(facilitator=profile.facilitator)
    with pytest.raises(PayStatementError, match="Approve the statement before paying"):
        pay_statement_record_payment(
            statement=draft, method="check", reference="1", paid_on=dt.date.today(), by=finance
        )


@pytest.mark.parametrize(
    ("method", "reference", "paid_on", "message"),
    [
        ("stripe_connect", "1", dt.date(2026, 1, 5), "by check or ACH"),
        ("check", "  ", dt.date(2026, 1, 5), "check number"),
        ("check", "1", dt.date(2026, 3, 1), "not in the future"),
    ],
)
def test_record_payment_input_is_checked(approved, finance, method, reference, paid_on, message):
    with (
        time_machine.travel(dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)),
        pytest.raises(PayStatementError, match=message),
    ):
        pay_statement_record_payment(
            statement=approved, method=method, reference=reference, paid_on=paid_on, by=finance
        )


def connected(profile, status=ConnectStatus.ENABLED):
    profile.connect_account_id = "acct_1QxRkP2eZvKYlo2C"
    profile.connect_status = status
    profile.payout_method = "stripe_connect"
    profile.save()
    return profile


def test_pay_by_stripe_connect(stripe_connect, approved, profile, finance):
    connected(profile)
    result = pay_statement_pay_by_connect(statement=approved, by=finance)
    approved.refresh_from_db()
    assert result.succeeded
    assert approved.status == PayStatement.Status.PAID
    assert result.payout.stripe_transfer_id.startswith("tr_")
    (request,) = stripe_connect.received("POST", "/v1/transfers")
    assert request.params["amount"] == "45000"
    assert request.params["destination"] == "acct_1QxRkP2eZvKYlo2C"
    assert request.idempotency_key == f"coalition-pay-statement-{approved.pk}-attempt-1"
    # A second press does not reach Stripe again.
    again = pay_statement_pay_by_connect(statement=approved, by=finance)
    assert not again.created
    assert len(stripe_connect.received("POST", "/v1/transfers")) == 1


def test_failed_transfer_leaves_the_statement_approved_and_unpaid_with_the_error(
    stripe_connect, approved, profile, finance
):
    connected(profile)
    stripe_connect.transfer_outcome = "transfer_failed"
    result = pay_statement_pay_by_connect(statement=approved, by=finance)
    approved.refresh_from_db()
    assert not result.succeeded
    assert approved.status == PayStatement.Status.APPROVED
    assert approved.paid_on is None
    assert approved.payout_error.startswith("You have insufficient available funds")
    assert result.payout.status == Payout.Status.FAILED
    assert ModelLogEntry.objects.filter(action="lms.pay_statement.payout_failed").count() == 1

    # Funds arrive; the retry is a new attempt with its own idempotency key and succeeds.
    stripe_connect.transfer_outcome = "transfer_succeeded"
    retry = pay_statement_pay_by_connect(statement=approved, by=finance)
    approved.refresh_from_db()
    assert retry.succeeded and approved.status == PayStatement.Status.PAID
    assert approved.payout_error == ""
    keys = [r.idempotency_key for r in stripe_connect.received("POST", "/v1/transfers")]
    assert keys == [
        f"coalition-pay-statement-{approved.pk}-attempt-1",
        f"coalition-pay-statement-{approved.pk}-attempt-2",
    ]


def test_connect_needs_an_enabled_account(stripe_connect, approved, profile, finance):
    with pytest.raises(PayStatementError, match="has not set up direct deposit"):
        pay_statement_pay_by_connect(statement=approved, by=finance)
    connected(profile, status=ConnectStatus.ONBOARDING)
    with pytest.raises(PayStatementError, match="Onboarding not finished"):
        pay_statement_pay_by_connect(statement=approved, by=finance)
    assert not stripe_connect.received("POST", "/v1/transfers")


def test_connect_switched_off(settings, approved, profile, finance):
    settings.STRIPE_CONNECT_ENABLED = False
    connected(profile)
    with pytest.raises(PayStatementError, match="switched off"):
        pay_statement_pay_by_connect(statement=approved, by=finance)


def test_onboarding_link_creates_the_account_once(stripe_connect, profile, finance):
    urls = [
        connect_onboarding_link(
            profile=profile,
            refresh_url="http://testserver/facilitate/pay/connect/",
            return_url="http://testserver/facilitate/pay/",
            by=finance,
        )
        for _ in range(2)
    ]
    profile.refresh_from_db()
    assert profile.connect_account_id == "acct_1QxRkP2eZvKYlo2C"
    assert profile.connect_status == ConnectStatus.ONBOARDING
    assert profile.payout_method == "stripe_connect"
    assert all(
        url.startswith("https://connect.stripe.com/setup/e/acct_1QxRkP2eZvKYlo2C/") for url in urls
    )
    assert len(stripe_connect.received("POST", "/v1/accounts")) == 1
    assert len(stripe_connect.received("POST", "/v1/account_links")) == 2


@pytest.mark.parametrize(
    ("outcome", "status"),
    [("account_enabled", ConnectStatus.ENABLED), ("account_restricted", ConnectStatus.RESTRICTED)],
)
def test_account_updated_event_rereads_the_account(stripe_connect, profile, outcome, status):
    connected(profile, status=ConnectStatus.ONBOARDING)
    stripe_connect.account_outcome = outcome
    event = {
        "id": "evt_1",
        "type": "account.updated",
        # The payload says nothing useful: the handler must ask Stripe.
        "data": {"object": {"id": "acct_1QxRkP2eZvKYlo2C", "object": "account"}},
    }
    result = handle_connect_event(event)
    profile.refresh_from_db()
    assert profile.connect_status == status
    assert result.endswith(status.label)
    assert stripe_connect.received("GET", "/v1/accounts/acct_1QxRkP2eZvKYlo2C")


def test_other_events_are_not_ours(stripe_connect):
    assert (
        handle_connect_event({"type": "payment_intent.succeeded", "data": {"object": {}}}) is None
    )

    class StoredEvent:
        type = "account.updated"
        object_id = "acct_unknown"

    assert (
        handle_connect_event(StoredEvent()) == "no facilitator has connected account acct_unknown"
    )
