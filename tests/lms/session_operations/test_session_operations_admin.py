"""Session operations in the staff admin, by the buttons on the session's row and page: cancel
(with its progress), message registrants (preview, send, once each), add a walk-in after the
session started and check them in."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import (
    AttendanceRecord,
    Registration,
    Session,
    SessionMessage,
    SessionMessageDelivery,
    StaffAddition,
    WaitlistEntry,
)
from lms.services.session_operations import session_message_send
from lms.tasks import session_operations as tasks
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


def program_staff():
    user = UserFactory(is_staff=True, email="program@coalition.test")
    user.groups.add(Group.objects.get(name="Program staff"))
    return user


def test_session_row_and_page_offer_the_operations(client):
    session, _ = paid_session()
    client.force_login(program_staff())
    listing = client.get(reverse("sessions:index")).content.decode()
    edit = client.get(reverse("sessions:edit", args=[session.pk])).content.decode()
    for name in ("operations", "cancel", "message", "add_registration"):
        url = reverse(f"sessions:{name}", args=[session.pk])
        assert url in listing, name
        assert url in edit, name


def test_finance_may_not_cancel_a_session(client):
    session, _ = paid_session()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Finance"))
    client.force_login(user)
    response = client.post(
        reverse("sessions:cancel", args=[session.pk]), {"reason": "x", "confirm": "on"}
    )
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert Session.objects.get(pk=session.pk).status == "scheduled"


def test_staff_cancel_from_the_admin_and_see_progress(client, django_capture_on_commit_callbacks):
    session = SessionFactory(meeting__days_ahead=3)
    RegistrationFactory.create_batch(2, session=session)
    client.force_login(program_staff())
    url = reverse("sessions:cancel", args=[session.pk])
    page = client.get(url).content.decode()
    assert "2 confirmed and 0 held registrations will be cancelled" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Snow storm", "confirm": "on"}, follow=True)
    # Until the background run has gone, the page says it is under way.
    assert "In progress." in response.content.decode()
    page = client.get(reverse("sessions:operations", args=[session.pk])).content.decode()
    assert "Registrations cancelled: 2 of 2" in page
    assert "Done." in page
    assert {r.status for r in Registration.objects.filter(session=session)} == {"cancelled"}
    assert len(mail.outbox) == 2
    # Cancelled: no more cancel or add buttons; the edit form cannot reopen it.
    listing = client.get(reverse("sessions:index")).content.decode()
    assert reverse("sessions:cancel", args=[session.pk]) not in listing
    assert reverse("sessions:add_registration", args=[session.pk]) not in listing


def test_message_preview_then_send_once_each(client, django_capture_on_commit_callbacks):
    session = SessionFactory()
    confirmed = RegistrationFactory.create_batch(2, session=session)
    RegistrationFactory(session=session, status=Registration.Status.PENDING_PAYMENT)
    waiting = WaitlistEntry.objects.create(session=session, person=UserFactory(), position=1)
    client.force_login(program_staff())
    url = reverse("sessions:message", args=[session.pk])
    data = {"audience": "confirmed", "subject": "Room change", "body": "We moved to room 4."}
    preview = client.post(url, data).content.decode()
    assert "Preview" in preview and "to 2 people" in preview
    assert SessionMessage.objects.count() == 0 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "send": "1"})
    response = client.get(reverse("sessions:operations", args=[session.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.person.email for r in confirmed)
    assert mail.outbox[0].subject == "Room change"
    assert "We moved to room 4." in mail.outbox[0].body
    page = response.content.decode()
    assert "Room change" in page and "2 of 2" in page
    message = SessionMessage.objects.get()
    # The task run twice sends nothing more; a second delivery row cannot exist.
    assert tasks.session_message_send(message.pk) == 0
    assert len(mail.outbox) == 2
    with pytest.raises(IntegrityError):
        SessionMessageDelivery.objects.create(
            message=message, person=confirmed[0].person, email="x@y.org"
        )
    assert waiting.person.email not in [m.to[0] for m in mail.outbox]


@pytest.mark.parametrize(
    ("audience", "who"),
    [
        ("confirmed", {"c"}),
        ("pending", {"p"}),
        ("waitlist", {"w", "o"}),
        ("all", {"c", "p", "w", "o"}),
    ],
)
def test_message_audiences(audience, who, django_capture_on_commit_callbacks):
    from lms.selectors.session_operations import message_recipients

    session = SessionFactory()
    people = {key: UserFactory(email=f"{key}@x.org") for key in "cpwoe"}
    RegistrationFactory(session=session, person=people["c"])
    RegistrationFactory(session=session, person=people["p"], status="pending_payment")
    RegistrationFactory(session=session, person=people["e"], status="cancelled")
    WaitlistEntry.objects.create(session=session, person=people["w"], position=1)
    WaitlistEntry.objects.create(session=session, person=people["o"], position=2, status="offered")
    found = {user.email[0] for user in message_recipients(session=session, audience=audience)}
    assert found == who


def test_a_failed_email_is_given_back_for_the_next_run():
    session = SessionFactory()
    RegistrationFactory.create_batch(2, session=session)
    message = SessionMessage.objects.create(
        session=session, audience="confirmed", subject="Hi", body="Hello"
    )
    for registration in session.registrations.all():
        SessionMessageDelivery.objects.create(
            message=message, person=registration.person, email=registration.person.email
        )

    def broken(delivery):
        raise OSError("mail server down")

    with pytest.raises(OSError):
        session_message_send(message_id=message.pk, send=broken)
    assert message.deliveries.filter(sent_at__isnull=True).count() == 2
    assert tasks.session_message_send(message.pk) == 2
    assert SessionMessage.objects.get(pk=message.pk).finished_at is not None


def started_session(capacity=20):
    session, tiers = paid_session(capacity=capacity, meeting=False)
    start = timezone.now() - dt.timedelta(minutes=30)
    MeetingFactory(session=session, starts_at=start, minutes=180)
    session.refresh_from_db()
    return session, tiers


def test_walk_in_after_the_start_paid_cash_then_checked_in(client):
    session, tiers = started_session()
    staff = program_staff()
    client.force_login(staff)
    response = client.post(
        reverse("sessions:add_registration", args=[session.pk]),
        {
            "email": "walkin@agency.org",
            "name": "Robin Walker",
            "tier": tiers["standard"].pk,
            "settlement": "cash",
            "reference": "Receipt 17",
        },
        follow=True,
    )
    assert "walkin@agency.org is added (confirmed)" in response.content.decode()
    registration = Registration.objects.get(person__email="walkin@agency.org")
    assert (registration.status, registration.amount_cents) == ("confirmed", 5000)
    assert registration.person.profile.printed_name == "Robin Walker"
    addition = registration.staff_addition
    assert (addition.settlement, addition.reference, addition.added_by) == (
        "cash",
        "Receipt 17",
        staff,
    )
    # The facilitator finds them on the roster and checks them in.
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"))
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    meeting = session.meetings.get()
    client.force_login(lead.user)
    roster = client.get(
        reverse("lms:facilitate_meeting", args=[session.pk, meeting.pk])
    ).content.decode()
    assert "Robin Walker" in roster
    client.post(
        reverse("lms:facilitate_check_in", args=[session.pk, meeting.pk]),
        {"registration": registration.pk},
    )
    record = AttendanceRecord.objects.get(registration=registration, meeting=meeting)
    assert record.is_present and record.minutes_present > 0


def test_over_capacity_needs_a_reason_and_is_logged(client):
    session, _tiers = started_session(capacity=1)
    RegistrationFactory(session=session)
    client.force_login(program_staff())
    url = reverse("sessions:add_registration", args=[session.pk])
    data = {"email": "extra@agency.org", "name": "Extra Person", "settlement": "complimentary"}
    data["reason"] = "Facilitator's guest"
    refused = client.post(url, data).content.decode()
    assert "give a reason to add a seat over capacity" in refused
    assert not Registration.objects.filter(person__email="extra@agency.org").exists()
    client.post(url, {**data, "capacity_override_reason": "Extra chair in the room"})
    registration = Registration.objects.get(person__email="extra@agency.org")
    assert (registration.status, registration.amount_cents) == ("confirmed", 0)
    logged = ModelLogEntry.objects.for_instance(session).get(action="lms.session.capacity_override")
    assert logged.data["reason"] == "Extra chair in the room"


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"settlement": "complimentary"}, "Say why the seat is complimentary."),
        ({"settlement": "check", "tier": "standard"}, "Enter the check number."),
        ({"settlement": "cash"}, "Choose the fee tier the person pays."),
        ({"settlement": "invoice", "tier": "standard"}, "set the person's organization first"),
    ],
)
def test_walk_in_refusals(client, fields, refusal):
    session, tiers = started_session()
    client.force_login(program_staff())
    if "tier" in fields:
        fields = {**fields, "tier": tiers[fields["tier"]].pk}
    page = client.post(
        reverse("sessions:add_registration", args=[session.pk]),
        {"email": "someone@agency.org", "name": "Some One", **fields},
    ).content.decode()
    assert refusal.replace("'", "&#x27;") in page
    assert not StaffAddition.objects.exists()


def test_invoiced_and_card_link_settlements(client, django_capture_on_commit_callbacks):
    session, tiers = started_session()
    client.force_login(program_staff())
    url = reverse("sessions:add_registration", args=[session.pk])
    member = ProfileFactory(organization=OrganizationFactory()).user
    client.post(
        url,
        {"email": member.email, "tier": tiers["standard"].pk, "settlement": "invoice"},
    )
    invoiced = Registration.objects.get(person=member)
    assert invoiced.status == "confirmed"
    assert invoiced.staff_addition.invoice.total_cents == 5000
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "email": "card@agency.org",
                "name": "Card Payer",
                "tier": tiers["standard"].pk,
                "settlement": "card_link",
            },
        )
    held = Registration.objects.get(person__email="card@agency.org")
    assert held.status == "pending_payment"
    link = next(m for m in mail.outbox if m.to == ["card@agency.org"])
    assert reverse("lms:registration_detail", args=[held.pk]) in link.body
