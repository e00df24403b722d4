"""The retention schedule: the daily task purges what is past its period (settings
RETENTION_*), leaves what is not, and says what it purged (a RetentionRun row, the audit
log, the admin's Retention runs)."""

import datetime as dt
import logging

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from lms.models import (
    ErasureRequest,
    ParticipantDemographics,
    RetentionRun,
    StripeEvent,
    User,
    VirtualAttendanceReport,
    VirtualAttendanceRow,
)
from lms.services.demographics import demographics_save
from lms.tasks.privacy import retention_run
from tests.factories import MeetingFactory, RegistrationFactory, StaffFactory, UserFactory
from tests.lms.privacy.records import old

pytestmark = pytest.mark.django_db

YEAR = 365


def answered(*, joined_days: int, login_days: int | None, answered_days: int) -> User:
    person = UserFactory()
    User.objects.filter(pk=person.pk).update(
        date_joined=old(joined_days),
        last_login=None if login_days is None else old(login_days),
    )
    demographics_save(
        person=person,
        race_ethnicity=["race_asian"],
        difficulties={},
        today=timezone.localdate() - dt.timedelta(days=answered_days),
    )
    return person


def unconfirmed(*, joined_days: int, **kwargs) -> User:
    person = UserFactory(verified=False, **kwargs)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    User.objects.filter(pk=person.pk).update(date_joined=old(joined_days))
    return person


def virtual_report(*, uploaded_days: int) -> VirtualAttendanceReport:
    meeting = MeetingFactory()
    report = VirtualAttendanceReport.objects.create(
        meeting=meeting, platform="zoom", file_name="participants.csv"
    )
    VirtualAttendanceReport.objects.filter(pk=report.pk).update(uploaded_at=old(uploaded_days))
    VirtualAttendanceRow.objects.create(
        report=report,
        line_number=1,
        name="Jordan Zoom",
        email="jordan@agency.org",
        joined_at=meeting.starts_at,
        left_at=meeting.ends_at,
    )
    return report


def stripe_event(*, received_days: int, processed: bool) -> StripeEvent:
    event = StripeEvent.objects.create(
        event_id=f"evt_{received_days}_{processed}",
        type="payment_intent.succeeded",
        object_id="pi_1",
        payload={"data": {"object": {"receipt_email": "payer@agency.org"}}},
        processed_at=timezone.now() if processed else None,
    )
    StripeEvent.objects.filter(pk=event.pk).update(received_at=old(received_days))
    return event


def test_the_daily_run_purges_what_is_past_its_period_and_nothing_else(caplog):
    inactive = answered(joined_days=6 * YEAR, login_days=4 * YEAR, answered_days=4 * YEAR)
    never_signed_in = answered(joined_days=4 * YEAR, login_days=None, answered_days=4 * YEAR)
    recent_login = answered(joined_days=6 * YEAR, login_days=30, answered_days=4 * YEAR)
    registered_lately = answered(joined_days=6 * YEAR, login_days=4 * YEAR, answered_days=4 * YEAR)
    RegistrationFactory(person=registered_lately)
    answered_lately = answered(joined_days=6 * YEAR, login_days=4 * YEAR, answered_days=10)

    stale_account = unconfirmed(joined_days=40)
    new_account = unconfirmed(joined_days=10)
    holding_a_record = unconfirmed(joined_days=40)
    RegistrationFactory(person=holding_a_record)
    staff_account = unconfirmed(joined_days=40, is_staff=True)
    confirmed_account = UserFactory()
    User.objects.filter(pk=confirmed_account.pk).update(date_joined=old(400))

    old_report = virtual_report(uploaded_days=400)
    new_report = virtual_report(uploaded_days=30)

    old_processed = stripe_event(received_days=100, processed=True)
    old_unprocessed = stripe_event(received_days=100, processed=False)
    new_processed = stripe_event(received_days=10, processed=True)

    stale_link = ErasureRequest.objects.create(person=UserFactory(), channel="self_service")
    ErasureRequest.objects.filter(pk=stale_link.pk).update(requested_at=old(3))
    fresh_link = ErasureRequest.objects.create(person=UserFactory(), channel="self_service")
    past_retention = ErasureRequest.objects.create(
        person=UserFactory(),
        channel="letter",
        status=ErasureRequest.Status.COMPLETED,
        retained_until=timezone.localdate() - dt.timedelta(days=1),
        email_digest="e" * 64,
        license_digest="l" * 64,
    )
    within_retention = ErasureRequest.objects.create(
        person=UserFactory(),
        channel="letter",
        status=ErasureRequest.Status.COMPLETED,
        retained_until=timezone.localdate() + dt.timedelta(days=1),
        email_digest="e" * 64,
    )

    with caplog.at_level(logging.INFO, logger="lms.services.privacy"):
        purged = retention_run()

    assert purged == {
        "demographic_answers_of_inactive_people": 2,
        "unconfirmed_accounts": 1,
        "virtual_report_lines_anonymised": 1,
        "webhook_payloads": 1,
        "erasure_links_expired": 1,
        "erased_people_past_retention": 1,
        "stripe_customers_renamed_late": 0,
    }
    kept_answers = set(ParticipantDemographics.objects.values_list("person", flat=True))
    assert kept_answers == {recent_login.pk, registered_lately.pk, answered_lately.pk}
    assert inactive.pk not in kept_answers and never_signed_in.pk not in kept_answers

    assert not User.objects.filter(pk=stale_account.pk).exists()
    assert (
        User.objects.filter(
            pk__in=[new_account.pk, holding_a_record.pk, staff_account.pk, confirmed_account.pk]
        ).count()
        == 4
    )

    assert list(old_report.rows.values_list("name", "email")) == [("", "")]
    assert list(new_report.rows.values_list("name", "email")) == [
        ("Jordan Zoom", "jordan@agency.org")
    ]
    old_processed.refresh_from_db()
    assert old_processed.payload == {} and old_processed.event_id == "evt_100_True"
    for event in (old_unprocessed, new_processed):
        event.refresh_from_db()
        assert event.payload != {}

    assert ErasureRequest.objects.get(pk=stale_link.pk).status == ErasureRequest.Status.EXPIRED
    assert ErasureRequest.objects.get(pk=fresh_link.pk).status == (
        ErasureRequest.Status.AWAITING_CONFIRMATION
    )
    past_retention.refresh_from_db()
    within_retention.refresh_from_db()
    assert (past_retention.email_digest, past_retention.license_digest) == ("", "")
    assert within_retention.email_digest == "e" * 64

    run = RetentionRun.objects.get()
    assert run.purged == purged and run.total == 7 and run.finished_at
    assert run.periods["records_years"] == 6 and run.periods["webhook_payload_days"] == 90
    entry = ModelLogEntry.objects.get(action="lms.privacy.retention_run")
    assert entry.data == purged and entry.object_id == str(run.pk)
    assert "unconfirmed_accounts 1" in caplog.text


def test_a_second_run_finds_nothing_more():
    stripe_event(received_days=100, processed=True)
    virtual_report(uploaded_days=400)
    assert sum(retention_run().values()) == 2
    assert sum(retention_run().values()) == 0
    assert RetentionRun.objects.count() == 2


def test_the_periods_are_settings(settings):
    settings.RETENTION_WEBHOOK_PAYLOAD_DAYS = 200
    settings.RETENTION_VIRTUAL_REPORT_DAYS = 30
    event = stripe_event(received_days=100, processed=True)
    report = virtual_report(uploaded_days=40)
    purged = retention_run()
    assert purged["webhook_payloads"] == 0 and purged["virtual_report_lines_anonymised"] == 1
    event.refresh_from_db()
    assert event.payload != {}
    assert list(report.rows.values_list("name", flat=True)) == [""]


def test_the_schedule_runs_the_task_daily():
    schedule = Schedule.objects.get(func="lms.tasks.privacy.retention_run")
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1


def test_staff_see_what_each_run_purged(client):
    stripe_event(received_days=100, processed=True)
    retention_run()
    run = RetentionRun.objects.get()
    client.force_login(StaffFactory(groups=["Program staff"]))
    listing = client.get("/admin/retention-runs/").content.decode()
    assert "webhook payloads: 1" in listing
    assert f"/admin/retention-runs/inspect/{run.pk}/" in listing
    assert client.get(f"/admin/retention-runs/inspect/{run.pk}/").status_code == 200


def test_a_stripe_customer_an_erasure_could_not_rename_is_renamed_by_the_next_run(
    localstripe, django_capture_on_commit_callbacks
):
    from lms.models import StripeCustomer
    from lms.payments import stripe_gateway
    from lms.services.privacy import erasure_request_create, person_erase

    person = UserFactory(first_name="Quinn", last_name="Late")
    customer_id = stripe_gateway.customer_create(
        email=person.email, name="Quinn Late", person_id=person.pk
    )
    StripeCustomer.objects.create(person=person, customer_id=customer_id)
    staff = StaffFactory(groups=["Program staff"])
    request = erasure_request_create(
        person=person, channel="phone", by=staff, identity_check="Called back"
    )
    person_erase(request=request, by=staff)  # its task is not run: as if Stripe was down
    assert StripeCustomer.objects.filter(person=person).exists()

    assert retention_run()["stripe_customers_renamed_late"] == 1
    assert not StripeCustomer.objects.filter(person=person).exists()
    import stripe

    customer = stripe.StripeClient(
        "sk_test_localstripe", base_addresses={"api": localstripe.api_base}
    ).v1.customers.retrieve(customer_id)
    request.refresh_from_db()
    assert customer.name == request.pseudonym and customer.email.endswith("@erased.invalid")
