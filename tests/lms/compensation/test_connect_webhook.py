"""account.updated through the payments webhook endpoint: signed, stored once, then the
account is re-read from Stripe (recorded Connect responses) and the pay profile follows."""

import pytest

from lms.models import ConnectStatus, StripeEvent
from tests.factories import FacilitatorPayProfileFactory
from tests.fixtures.payments import signed_event

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture
def onboarding_profile():
    return FacilitatorPayProfileFactory(
        connect_account_id="acct_1QxRkP2eZvKYlo2C", connect_status=ConnectStatus.ONBOARDING
    )


def post(client, payload, signature, capture):
    with capture(execute=True):
        return client.post(
            WEBHOOK,
            payload,
            content_type="application/json",
            headers={"stripe-signature": signature},
        )


@pytest.mark.parametrize("which_secret", ["STRIPE_CONNECT_WEBHOOK_SECRET", "STRIPE_WEBHOOK_SECRET"])
def test_account_updated_enables_direct_deposit(
    client,
    settings,
    stripe_connect,
    onboarding_profile,
    django_capture_on_commit_callbacks,
    which_secret,
):
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_connect_endpoint"
    payload, signature = signed_event(
        secret=getattr(settings, which_secret),
        event_id="evt_acct_updated_1",
        event_type="account.updated",
        data_object={"id": "acct_1QxRkP2eZvKYlo2C", "object": "account"},
    )
    response = post(client, payload, signature, django_capture_on_commit_callbacks)
    assert (response.status_code, response.content) == (200, b"ok")
    onboarding_profile.refresh_from_db()
    assert onboarding_profile.connect_status == ConnectStatus.ENABLED
    event = StripeEvent.objects.get(event_id="evt_acct_updated_1")
    assert event.result == f"facilitator pay profile {onboarding_profile.pk}: Payouts enabled"
    assert stripe_connect.received("GET", "/v1/accounts/acct_1QxRkP2eZvKYlo2C")


def test_a_wrongly_signed_connect_event_is_refused(
    client, settings, stripe_connect, onboarding_profile, django_capture_on_commit_callbacks
):
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = "whsec_connect_endpoint"
    payload, signature = signed_event(
        secret="whsec_someone_else",
        event_id="evt_forged",
        event_type="account.updated",
        data_object={"id": "acct_1QxRkP2eZvKYlo2C", "object": "account"},
    )
    response = post(client, payload, signature, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    onboarding_profile.refresh_from_db()
    assert onboarding_profile.connect_status == ConnectStatus.ONBOARDING
