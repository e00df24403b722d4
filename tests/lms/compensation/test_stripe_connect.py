"""lms.payments.stripe_connect over real HTTP against recorded Stripe responses."""

import pytest

from lms.payments import stripe_connect as connect


def test_account_create_sends_an_idempotency_key_and_reads_the_state(stripe_connect):
    state = connect.account_create(
        email="amara.okafor@example.org", facilitator_id=1, idempotency_key="acct-key-1"
    )
    assert state.id == "acct_1QxRkP2eZvKYlo2C"
    assert not state.payouts_enabled and not state.transfers_active
    (request,) = stripe_connect.received("POST", "/v1/accounts")
    assert request.idempotency_key == "acct-key-1"
    assert request.params["type"] == "express"
    assert request.params["capabilities"] == {"transfers": {"requested": "true"}}
    assert request.params["metadata"] == {"facilitator": "1"}


def test_account_link_is_for_onboarding(stripe_connect):
    url = connect.account_link_create(
        account_id="acct_1QxRkP2eZvKYlo2C",
        refresh_url="http://testserver/facilitate/pay/connect/",
        return_url="http://testserver/facilitate/pay/?connect=returned",
    )
    assert url.startswith("https://connect.stripe.com/setup/e/acct_1QxRkP2eZvKYlo2C/")
    (request,) = stripe_connect.received("POST", "/v1/account_links")
    assert request.params["type"] == "account_onboarding"
    assert request.params["return_url"].endswith("?connect=returned")


@pytest.mark.parametrize(
    ("outcome", "enabled", "reason"),
    [("account_enabled", True, ""), ("account_restricted", False, "requirements.past_due")],
)
def test_account_retrieve(stripe_connect, outcome, enabled, reason):
    stripe_connect.account_outcome = outcome
    state = connect.account_retrieve(account_id="acct_TEST123")
    assert state.id == "acct_TEST123"
    assert (state.payouts_enabled and state.transfers_active) is enabled
    assert state.disabled_reason == reason


def test_transfer_succeeds_and_a_repeated_key_replays_the_same_transfer(stripe_connect):
    kwargs = {
        "account_id": "acct_1QxRkP2eZvKYlo2C",
        "amount_cents": 45000,
        "description": "Pay statement PS-000001",
        "metadata": {"pay_statement": 1},
        "transfer_group": "pay-statement-1",
        "idempotency_key": "pay-statement-1-attempt-1",
    }
    first = connect.transfer_create(**kwargs)
    again = connect.transfer_create(**kwargs)
    assert first == again
    assert first.amount_cents == 45000
    assert first.destination == "acct_1QxRkP2eZvKYlo2C"
    keys = [r.idempotency_key for r in stripe_connect.received("POST", "/v1/transfers")]
    assert keys == ["pay-statement-1-attempt-1", "pay-statement-1-attempt-1"]


def test_failed_transfer_raises_with_stripes_message(stripe_connect):
    stripe_connect.transfer_outcome = "transfer_failed"
    with pytest.raises(connect.ConnectError) as failure:
        connect.transfer_create(
            account_id="acct_1QxRkP2eZvKYlo2C",
            amount_cents=45000,
            description="Pay statement PS-000001",
            metadata={},
            transfer_group="pay-statement-1",
            idempotency_key="k",
        )
    assert failure.value.message.startswith("You have insufficient available funds")
    assert failure.value.code == "balance_insufficient"
