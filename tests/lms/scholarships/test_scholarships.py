"""Applying, awarding, declining, using and releasing scholarships through the real services."""

import pytest
from django.core import mail
from django.utils import timezone

from lms.errors import TransitionRefused
from lms.models import (
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    ScholarshipLedgerEntry,
)
from lms.services.registrations import (
    registration_cancel,
    registration_confirm,
    registration_create,
)
from lms.services.scholarship_ledger import fund_position_read
from lms.services.scholarships import (
    ScholarshipError,
    registration_finish_without_payment,
    scholarship_apply,
    scholarship_award,
    scholarship_decline,
)
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    ScholarshipFundFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, is_superuser=True)


def apply(session, tiers, person, fund, **kwargs):
    return scholarship_apply(
        session=session,
        person=person,
        fund=fund,
        tier=tiers["standard"],
        attested=True,
        need_statement="My agency cannot pay this year.",
        coverage=kwargs.pop("coverage", "full"),
        **kwargs,
    )


def test_applying_holds_the_seat_until_the_decision_deadline(settings):
    settings.SCHOLARSHIP_DECISION_HOURS = 48
    session, tiers = paid_session()
    person = ProfileFactory().user
    fund = ScholarshipFundFactory(credit_cents=20000)
    application = apply(session, tiers, person, fund)
    registration = application.registration
    assert registration.status == Registration.Status.PENDING_PAYMENT
    assert application.amount_requested_cents == 5000
    assert registration.hold_expires_at == application.decision_due_at
    assert (application.decision_due_at - application.created_at).total_seconds() > 47 * 3600


def test_a_waiting_application_lapses_with_its_seat_and_the_lapse_is_logged(staff):
    from wagtail.models import ModelLogEntry

    session, tiers = paid_session()
    person = ProfileFactory().user
    application = apply(session, tiers, person, ScholarshipFundFactory(credit_cents=20000))
    registration_cancel(registration=application.registration, by=person, reason="Plans changed")
    application.refresh_from_db()
    assert application.status == ScholarshipApplication.Status.LAPSED
    assert application.decided_at is not None
    entry = ModelLogEntry.objects.get(action="lms.scholarship.lapse")
    assert entry.object_id == str(application.pk)
    assert entry.data == {"why": "Plans changed"}
    assert entry.user == person


def test_an_ineligible_applicant_is_refused_with_the_reason_and_nothing_is_saved():
    session, tiers = paid_session()
    organization = OrganizationFactory(budget_band="over_5m")
    person = ProfileFactory(organization=organization).user
    fund = ScholarshipFundFactory(credit_cents=20000, budget_band_max="under_500k")
    with pytest.raises(ScholarshipError) as refused:
        apply(session, tiers, person, fund)
    assert refused.value.message == (
        "This fund is for organizations with a budget under $500K or smaller."
    )
    assert not Registration.objects.filter(person=person).exists()
    assert not ScholarshipApplication.objects.exists()


def test_a_full_award_needs_no_card_and_is_spent_on_confirmation(
    staff, django_capture_on_commit_callbacks
):
    session, tiers = paid_session()
    person = ProfileFactory().user
    fund = ScholarshipFundFactory(credit_cents=20000)
    application = apply(session, tiers, person, fund)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        award = scholarship_award(application=application, by=staff, message="Welcome!")
    registration = Registration.objects.get(pk=application.registration_id)
    assert award.amount_cents == 5000
    assert registration.amount_cents == 0
    assert registration.quote[-1]["kind"] == "scholarship"
    assert fund_position_read(fund=fund).available_cents == 15000
    assert "awarded a scholarship of $50.00" in mail.outbox[0].body
    assert "no card needed" in mail.outbox[0].body

    registration_finish_without_payment(registration=registration, person=person)
    registration.refresh_from_db()
    award.refresh_from_db()
    position = fund_position_read(fund=fund)
    assert registration.status == Registration.Status.CONFIRMED
    assert not registration.payments.exists()
    assert award.status == ScholarshipAward.Status.USED
    assert (position.held_cents, position.available_cents) == (15000, 15000)


def test_a_partial_award_lowers_the_charge(staff):
    session, tiers = paid_session()
    person = ProfileFactory().user
    fund = ScholarshipFundFactory(credit_cents=20000)
    application = apply(session, tiers, person, fund, coverage="amount", amount_cents=3000)
    scholarship_award(application=application, amount_cents=2000, by=staff)
    registration = Registration.objects.get(pk=application.registration_id)
    assert registration.amount_cents == 3000
    with pytest.raises(ScholarshipError, match="still has an amount to pay"):
        registration_finish_without_payment(registration=registration, person=person)


def test_cancelling_releases_the_award_back_to_the_fund(staff):
    session, tiers = paid_session()
    person = ProfileFactory().user
    fund = ScholarshipFundFactory(credit_cents=20000)
    application = apply(session, tiers, person, fund)
    award = scholarship_award(application=application, by=staff)
    registration_cancel(registration=application.registration, by=person, reason="sick")
    award.refresh_from_db()
    assert award.status == ScholarshipAward.Status.RELEASED
    assert fund_position_read(fund=fund).available_cents == 20000
    kinds = list(ScholarshipLedgerEntry.objects.filter(fund=fund).values_list("kind", flat=True))
    assert kinds == ["credit", "commitment", "release"]


def test_an_award_larger_than_the_fund_is_refused(staff):
    session, tiers = paid_session()
    fund = ScholarshipFundFactory(credit_cents=4000)
    application = apply(session, tiers, ProfileFactory().user, fund)
    with pytest.raises(ScholarshipError) as refused:
        scholarship_award(application=application, by=staff)
    assert refused.value.message == (
        f"The fund {fund.name} has $40.00 left to award; this award needs $50.00."
    )
    application.refresh_from_db()
    assert application.status == ScholarshipApplication.Status.PENDING
    assert not ScholarshipAward.objects.exists()
    assert Registration.objects.get(pk=application.registration_id).amount_cents == 5000


def test_declining_needs_a_message_and_tells_the_applicant(
    staff, django_capture_on_commit_callbacks
):
    session, tiers = paid_session()
    person = ProfileFactory().user
    application = apply(session, tiers, person, ScholarshipFundFactory(credit_cents=100))
    with pytest.raises(ScholarshipError):
        scholarship_decline(application=application, by=staff, message=" ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        scholarship_decline(application=application, by=staff, message="The fund is spent.")
    application.refresh_from_db()
    assert application.status == ScholarshipApplication.Status.DECLINED
    assert "The fund is spent." in mail.outbox[0].body
    with pytest.raises(TransitionRefused, match="from “Declined” to “Awarded”"):
        scholarship_award(application=application, by=staff)


def test_supporter_surplus_is_credited_to_the_supporter_fund():
    fund = ScholarshipFundFactory(sponsor_kind=ScholarshipFund.SponsorKind.SUPPORTER_TIER)
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["supporter"], attested=True
    )
    registration_confirm(registration=registration, now=timezone.now())
    registration_confirm(registration=registration, now=timezone.now())  # idempotent
    assert fund_position_read(fund=fund).credited_cents == 3500
