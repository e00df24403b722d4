"""Holding, confirming, expiring and cancelling registrations through the real services."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import Refund, Registration, Session
from lms.selectors import registrations as selectors
from lms.services.registrations import (
    RegistrationError,
    registration_cancel,
    registration_create,
)
from lms.tasks import registrations as tasks
from tests.factories import (
    DiscountCodeFactory,
    OrganizationFactory,
    PaymentFactory,
    ProfileFactory,
    SessionFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return ProfileFactory().user


def attachment_names(message) -> list[str]:
    return [
        part.get_filename() if hasattr(part, "get_filename") else part[0]
        for part in message.attachments
    ]


def actions(instance) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_paid_session_holds_a_seat_at_the_server_price(person, settings):
    settings.SEAT_HOLD_MINUTES = 20
    session, tiers = paid_session()
    now = timezone.now()
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True, now=now
    )
    assert registration.status == Registration.Status.PENDING_PAYMENT
    assert registration.amount_cents == 5000
    assert registration.hold_expires_at == now + dt.timedelta(minutes=20)
    assert registration.attested_at == now
    assert registration.quote == [{"kind": "tier", "label": "Standard rate", "amount_cents": 5000}]
    assert actions(registration) == ["lms.registration.hold"]
    assert selectors.seats_left(session=session, now=timezone.now()) == 19


@pytest.mark.parametrize(
    ("format", "attachments", "says"),
    [
        ("in_person", ["training.ics", "check-in-qr.png"], "Check-in at the door"),
        ("virtual", ["training.ics"], "Joining online"),
    ],
)
def test_free_session_confirms_at_once_and_emails(
    person, django_capture_on_commit_callbacks, format, attachments, says
):
    session = SessionFactory(
        training__fee_schedule=None, format=format, online_link="https://zoom.example/j/1"
    )
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(session=session, person=person)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_cents == 0
    assert actions(registration) == ["lms.registration.confirm"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("You are registered")
    # The email fits the format: a door code in person, the join link online.
    assert attachment_names(mail.outbox[0]) == attachments
    html = mail.outbox[0].alternatives[0][0]
    assert says in html
    assert ("cid:check-in-qr" in html) == (format == "in_person")


def test_a_full_discount_needs_no_payment(person):
    session, tiers = paid_session()
    DiscountCodeFactory(code="STAFFGUEST", percent_off=100)
    registration = registration_create(
        session=session,
        person=person,
        tier=tiers["standard"],
        attested=True,
        discount_code="staffguest",
    )
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.amount_cents == 0


def test_registering_twice_is_refused(person):
    session, tiers = paid_session()
    registration_create(session=session, person=person, tier=tiers["standard"], attested=True)
    with pytest.raises(RegistrationError, match="already hold a seat"):
        registration_create(session=session, person=person, tier=tiers["community"], attested=True)
    assert Registration.objects.filter(session=session).count() == 1


def test_the_database_refuses_a_second_active_registration(person):
    session = SessionFactory()
    Registration.objects.create(
        session=session, person=person, status=Registration.Status.CONFIRMED
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            session=session, person=person, status=Registration.Status.PENDING_PAYMENT
        )
    # A cancelled one does not count: the person may register again.
    Registration.objects.filter(session=session).update(status=Registration.Status.CANCELLED)
    Registration.objects.create(
        session=session, person=person, status=Registration.Status.CONFIRMED
    )


@pytest.mark.parametrize(
    ("session_kwargs", "message"),
    [
        ({"status": Session.Status.CANCELLED}, "has been cancelled"),
        ({"status": Session.Status.COMPLETED}, "already taken place"),
        ({"registration_closes_at": timezone.now() - dt.timedelta(minutes=1)}, "has closed"),
        ({"registration_opens_at": timezone.now() + dt.timedelta(days=2)}, "Registration opens"),
    ],
)
def test_closed_sessions_say_why(person, session_kwargs, message):
    session, tiers = paid_session(**session_kwargs)
    with pytest.raises(RegistrationError, match=message):
        registration_create(session=session, person=person, tier=tiers["standard"], attested=True)
    assert not Registration.objects.exists()


def test_a_started_session_is_closed(person):
    session, tiers = paid_session(meeting__days_ahead=-1)
    with pytest.raises(RegistrationError, match="already started"):
        registration_create(session=session, person=person, tier=tiers["standard"], attested=True)


def test_a_full_session_says_so():
    session, tiers = paid_session(capacity=2)
    for _ in range(2):
        registration_create(
            session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
        )
    with pytest.raises(RegistrationError, match="This session is full"):
        registration_create(
            session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
        )
    assert Registration.objects.filter(session=session).count() == 2


def test_an_expired_hold_frees_its_seat_for_the_next_person():
    session, tiers = paid_session(capacity=1)
    first = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    later = first.hold_expires_at + dt.timedelta(seconds=1)
    second = registration_create(
        session=session,
        person=ProfileFactory().user,
        tier=tiers["standard"],
        attested=True,
        now=later,
    )
    first.refresh_from_db()
    assert first.status == Registration.Status.EXPIRED
    assert second.status == Registration.Status.PENDING_PAYMENT
    assert actions(first) == ["lms.registration.hold", "lms.registration.expire"]


def test_the_scheduled_task_expires_only_stale_holds():
    session, tiers = paid_session()
    stale = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    fresh = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    Registration.objects.filter(pk=stale.pk).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert tasks.holds_expire() == 1
    assert tasks.holds_expire() == 0  # safe to run twice
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Registration.Status.EXPIRED
    assert fresh.status == Registration.Status.PENDING_PAYMENT


def test_registering_again_after_an_expired_hold(person):
    session, tiers = paid_session()
    first = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    Registration.objects.filter(pk=first.pk).update(status=Registration.Status.EXPIRED)
    second = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    assert second.pk != first.pk


def test_profile_must_be_complete():
    person = UserFactory()
    session, tiers = paid_session()
    with pytest.raises(RegistrationError, match="complete your profile"):
        registration_create(session=session, person=person, tier=tiers["standard"], attested=True)
    ProfileFactory(user=person, license_type="LCSW", license_number="")
    with pytest.raises(RegistrationError, match="license number"):
        registration_create(session=session, person=person, tier=tiers["standard"], attested=True)


def test_attestation_and_tier_are_required(person):
    session, tiers = paid_session()
    _, other_tiers = paid_session()
    with pytest.raises(RegistrationError, match="fits you"):
        registration_create(session=session, person=person, tier=tiers["standard"], attested=False)
    with pytest.raises(RegistrationError, match="choose a fee tier"):
        registration_create(session=session, person=person, tier=None, attested=True)
    with pytest.raises(RegistrationError, match="not offered for this session"):
        registration_create(
            session=session, person=person, tier=other_tiers["standard"], attested=True
        )


def test_pay_what_you_can_bounds_give_a_clear_message(person):
    session, tiers = paid_session()
    with pytest.raises(RegistrationError, match=r"starts at \$5\.00"):
        registration_create(
            session=session,
            person=person,
            tier=tiers["pwyc"],
            attested=True,
            chosen_amount_cents=100,
        )
    registration = registration_create(
        session=session, person=person, tier=tiers["pwyc"], attested=True, chosen_amount_cents=1250
    )
    assert registration.amount_cents == 1250
    assert registration.chosen_amount_cents == 1250


def test_partner_discount_needs_current_partner_support():
    session, tiers = paid_session(partner_discount_percent=15)
    today = timezone.localdate()
    current = OrganizationFactory(
        is_coalition_partner=True, partner_support_paid_on=today - dt.timedelta(days=30)
    )
    lapsed = OrganizationFactory(
        is_coalition_partner=True, partner_support_paid_on=today - dt.timedelta(days=400)
    )
    with_discount = registration_create(
        session=session,
        person=ProfileFactory(organization=current).user,
        tier=tiers["organization"],
        attested=True,
    )
    without = registration_create(
        session=session,
        person=ProfileFactory(organization=lapsed).user,
        tier=tiers["organization"],
        attested=True,
    )
    assert with_discount.amount_cents == 3825
    assert without.amount_cents == 4500


def test_supporter_surplus_is_recorded_for_the_scholarship_fund(person):
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=person, tier=tiers["supporter"], attested=True
    )
    assert registration.amount_cents == 8500
    assert registration.scholarship_fund_cents == 3500


def test_discount_code_rules():
    session, tiers = paid_session()
    now = timezone.now()
    DiscountCodeFactory(code="ONCE", percent_off=20, max_uses=1)
    DiscountCodeFactory(code="OLD", percent_off=20, valid_until=now - dt.timedelta(days=1))
    DiscountCodeFactory(code="SOON", percent_off=20, valid_from=now + dt.timedelta(days=1))
    DiscountCodeFactory(
        code="ELSEWHERE", percent_off=20, fee_schedule=paid_session()[0].training.fee_schedule
    )
    DiscountCodeFactory(code="OFF", percent_off=20, is_active=False)
    first = registration_create(
        session=session,
        person=ProfileFactory().user,
        tier=tiers["standard"],
        attested=True,
        discount_code=" once ",
    )
    assert first.amount_cents == 4000
    assert first.discount_code.code == "ONCE"
    for code, message in [
        ("ONCE", "used up"),
        ("OLD", "expired"),
        ("SOON", "not valid yet"),
        ("ELSEWHERE", "not for this training"),
        ("OFF", "does not exist"),
        ("NOPE", "does not exist"),
    ]:
        with pytest.raises(RegistrationError, match=message):
            registration_create(
                session=session,
                person=ProfileFactory().user,
                tier=tiers["standard"],
                attested=True,
                discount_code=code,
            )
    # A use is given back when the registration that used it is cancelled.
    registration_cancel(registration=first, by=first.person)
    registration_create(
        session=session,
        person=ProfileFactory().user,
        tier=tiers["standard"],
        attested=True,
        discount_code="ONCE",
    )


def test_cancelling_a_hold_frees_the_seat_and_refunds_nothing(
    person, django_capture_on_commit_callbacks
):
    session, tiers = paid_session(capacity=1)
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = registration_cancel(
            registration=registration, by=person, reason="Change of plans"
        )
    assert outcome.refund_cents == 0
    assert outcome.registration.status == Registration.Status.CANCELLED
    assert selectors.seats_left(session=session, now=timezone.now()) == 1
    assert actions(registration) == ["lms.registration.hold", "lms.registration.cancel"]
    assert mail.outbox[-1].subject.startswith("Registration cancelled")
    # Cancelling again changes nothing.
    assert registration_cancel(registration=registration, by=person).refund_cents == 0


def _paid(registration):
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CONFIRMED)
    return PaymentFactory(registration=registration)


def test_cancelling_a_week_ahead_refunds_in_full(person):
    session, tiers = paid_session(meeting__days_ahead=14)
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    payment = _paid(registration)
    outcome = registration_cancel(registration=registration, by=person)
    assert outcome.refund_cents == 5000
    refund = Refund.objects.get(payment=payment)
    assert (refund.amount_cents, refund.status, refund.reason) == (
        5000,
        "pending",
        "participant_cancelled",
    )
    payment.refresh_from_db()
    assert payment.refunded_cents == 5000
    assert actions(payment) == ["lms.payment.refund"]


def test_cancelling_late_refunds_nothing_unless_staff_say_so(person):
    session, tiers = paid_session(meeting__days_ahead=3)
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    _paid(registration)
    assert registration_cancel(registration=registration, by=person).refund_cents == 0
    assert not Refund.objects.exists()

    other = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    payment = _paid(other)
    staff = UserFactory(is_staff=True)
    outcome = registration_cancel(
        registration=other, by=staff, reason="Family emergency", refund_override_cents=2500
    )
    assert outcome.refund_cents == 2500
    refund = Refund.objects.get(payment=payment)
    assert (refund.amount_cents, refund.reason, refund.requested_by) == (2500, "staff", staff)


def test_reminders_go_once_each(django_capture_on_commit_callbacks):
    session = SessionFactory(training__fee_schedule=None, meeting__days_ahead=6)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(session=session, person=ProfileFactory().user)
    mail.outbox.clear()
    # Registered just now: no 7-day reminder on top of the confirmation.
    assert tasks.reminders_send() == 0
    Registration.objects.filter(pk=registration.pk).update(
        confirmed_at=timezone.now() - dt.timedelta(days=2)
    )
    assert tasks.reminders_send() == 1
    assert tasks.reminders_send() == 0
    assert mail.outbox[0].subject.startswith("In 7 days")
    assert session.online_link in mail.outbox[0].body
    day_before = session.starts_at - dt.timedelta(hours=20)
    assert tasks.reminders_send(now=day_before) == 1
    assert tasks.reminders_send(now=day_before) == 0
    assert mail.outbox[1].subject.startswith("Tomorrow")


def test_pending_registrations_get_no_join_link_in_reminders():
    session, tiers = paid_session(meeting__days_ahead=1)
    registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    assert tasks.reminders_send(now=session.starts_at - dt.timedelta(hours=2)) == 0
