"""One refund decision (registration_refund_decide) for the staff preview, the participant's
cancel page and the cancellation itself, with the policy worded from the setting."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from lms.models import Payment, Refund, Registration
from lms.services.registrations import (
    cancellation_policy_text,
    registration_cancel,
    registration_create,
    registration_refund_decide,
)
from tests.factories import ProfileFactory, UserFactory, paid_session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fourteen_days(settings):
    settings.CANCELLATION_FULL_REFUND_DAYS = 14


def paid_registration(*, days_ahead: int):
    session, tiers = paid_session(meeting__days_ahead=days_ahead)
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CONFIRMED)
    Payment.objects.create(
        registration=registration,
        amount_cents=5000,
        status=Payment.Status.SUCCEEDED,
        stripe_payment_intent_id=f"pi_policy_{registration.pk}",
    )
    registration.refresh_from_db()
    return registration


def program_staff():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Program staff"))
    return user


@pytest.mark.parametrize(("days_ahead", "refund_cents"), [(10, 0), (20, 5000)])
def test_the_decision_reads_the_setting(days_ahead, refund_cents):
    registration = paid_registration(days_ahead=days_ahead)
    decision = registration_refund_decide(registration=registration, now=timezone.now())
    assert decision.refund_cents == refund_cents
    assert "14 days" in decision.explanation


def test_the_policy_in_words_follows_the_setting(settings):
    assert "at least 14 days before the first meeting" in cancellation_policy_text()
    settings.CANCELLATION_FULL_REFUND_DAYS = 1
    assert "at least 1 day before the first meeting" in cancellation_policy_text()


def test_staff_preview_participant_page_and_service_agree(client):
    """14-day policy, session 10 days out, $50 paid: nothing comes back, everywhere."""
    registration = paid_registration(days_ahead=10)

    client.force_login(program_staff())
    preview = client.get(reverse("lms_registrations:cancel", args=[registration.pk]))
    assert "The policy gives $0.00" in preview.content.decode()

    client.force_login(registration.person)
    page = client.get(reverse("lms:registration_cancel", args=[registration.pk])).content.decode()
    assert "back on your card" not in page
    assert "less than 14 days before the first meeting: no refund" in page
    assert "at least 14 days before the first meeting" in page
    assert "7 days" not in page

    outcome = registration_cancel(registration=registration, by=registration.person)
    assert outcome.refund_cents == 0
    assert not Refund.objects.exists()


def test_staff_cancel_refunds_what_the_preview_showed(client):
    registration = paid_registration(days_ahead=20)
    client.force_login(program_staff())
    url = reverse("lms_registrations:cancel", args=[registration.pk])
    assert "The policy gives $50.00" in client.get(url).content.decode()
    client.post(url, {"reason": "Moved to another cohort"})
    assert Refund.objects.get().amount_cents == 5000
