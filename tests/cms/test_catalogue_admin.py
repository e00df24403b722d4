"""Staff manage trainings, sessions (with meetings and facilitators), fee schedules and
facilitators in the Wagtail admin."""

import datetime as dt

import pytest
from django.utils import timezone

from lms.models import DeliveryFormat, FeeSchedule, Session
from tests.factories import (
    AudienceFactory,
    FacilitatorFactory,
    RegistrationFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/trainings/",
        "/admin/trainings/new/",
        "/admin/sessions/",
        "/admin/sessions/new/",
        "/admin/fee_schedules/",
        "/admin/fee_schedules/new/",
        "/admin/topics/",
        "/admin/audiences/",
        "/admin/ce_credentials/",
        "/admin/snippets/lms/facilitator/",
        "/admin/snippets/lms/facilitator/add/",
    ],
)
def test_program_staff_reach_the_catalogue_screens(staff_client, url):
    SessionFactory()
    FacilitatorFactory()
    assert staff_client.get(url).status_code == 200


def test_participants_cannot_reach_them(client):
    client.force_login(UserFactory())
    assert client.get("/admin/sessions/").status_code == 302


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _session_form(session, *, capacity, meetings, facilitator=None):
    data = {
        "training": session.training_id,
        "format": DeliveryFormat.VIRTUAL,
        "status": Session.Status.SCHEDULED,
        "capacity": capacity,
        "venue_name": "",
        "venue_address": "",
        "city": "",
        "online_link": "https://zoom.example/j/2",
        "time_zone": "America/Chicago",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "fee_schedule": "",
        "meetings-TOTAL_FORMS": len(meetings),
        "meetings-INITIAL_FORMS": sum(1 for m in meetings if m.get("id")),
        "meetings-MIN_NUM_FORMS": 1,
        "meetings-MAX_NUM_FORMS": 1000,
        "assignments-TOTAL_FORMS": 1 if facilitator else 0,
        "assignments-INITIAL_FORMS": 0,
        "assignments-MIN_NUM_FORMS": 0,
        "assignments-MAX_NUM_FORMS": 1000,
    }
    for i, meeting in enumerate(meetings):
        for key, value in meeting.items():
            data[f"meetings-{i}-{key}"] = value
    if facilitator:
        data["assignments-0-facilitator"] = facilitator.pk
        data["assignments-0-role"] = "lead"
    return data


def test_editing_meetings_keeps_the_session_start_in_step(staff_client):
    session = SessionFactory(meeting__days_ahead=10)
    old = session.meetings.get()
    earlier = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=3)
    facilitator = FacilitatorFactory()
    data = _session_form(
        session,
        capacity=25,
        facilitator=facilitator,
        meetings=[
            {
                "id": old.pk,
                "starts_at": _local(old.starts_at),
                "ends_at": _local(old.ends_at),
                "break_minutes": 0,
                "DELETE": "on",
            },
            {
                "starts_at": _local(earlier),
                "ends_at": _local(earlier + dt.timedelta(hours=2)),
                "break_minutes": 15,
            },
        ],
    )
    response = staff_client.post(f"/admin/sessions/edit/{session.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.capacity == 25
    assert session.starts_at == earlier
    assert list(session.meetings.values_list("break_minutes", flat=True)) == [15]
    assert list(session.facilitators.all()) == [facilitator]


def test_capacity_cannot_drop_below_seats_held(staff_client):
    session = SessionFactory(capacity=5)
    RegistrationFactory.create_batch(3, session=session)
    meeting = session.meetings.get()
    data = _session_form(
        session,
        capacity=2,
        meetings=[
            {
                "id": meeting.pk,
                "starts_at": _local(meeting.starts_at),
                "ends_at": _local(meeting.ends_at),
                "break_minutes": 0,
            }
        ],
    )
    response = staff_client.post(f"/admin/sessions/edit/{session.pk}/", data)
    assert response.status_code == 200
    assert "3 seats are already held" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 5


def test_waitlist_priority_is_set_on_the_session_and_needs_its_band(staff_client):
    session = SessionFactory()
    meeting = session.meetings.get()
    data = _session_form(
        session,
        capacity=20,
        meetings=[
            {
                "id": meeting.pk,
                "starts_at": _local(meeting.starts_at),
                "ends_at": _local(meeting.ends_at),
                "break_minutes": 0,
            }
        ],
    )
    page = staff_client.get(f"/admin/sessions/edit/{session.pk}/").content.decode()
    assert "Waitlist priority" in page
    data["waitlist_priority"] = "budget_band"
    response = staff_client.post(f"/admin/sessions/edit/{session.pk}/", data)
    assert "Choose the budget band that goes first on the waitlist." in response.content.decode()
    data["waitlist_priority_budget_band"] = "under_500k"
    response = staff_client.post(f"/admin/sessions/edit/{session.pk}/", data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.waitlist_priority, session.waitlist_priority_budget_band) == (
        "budget_band",
        "under_500k",
    )


def test_fee_schedule_is_saved_with_its_tiers(staff_client):
    data = {
        "name": "Community sliding scale",
        "partner_discount_percent": 10,
        "tiers-TOTAL_FORMS": 2,
        "tiers-INITIAL_FORMS": 0,
        "tiers-MIN_NUM_FORMS": 1,
        "tiers-MAX_NUM_FORMS": 1000,
    }
    # Staff type prices in dollars, like every other amount in the admin.
    for i, (kind, label, typed) in enumerate(
        [("community", "Community", "25"), ("standard", "Standard", "1,050.50")]
    ):
        data |= {
            f"tiers-{i}-kind": kind,
            f"tiers-{i}-label": label,
            f"tiers-{i}-price_cents": typed,
            f"tiers-{i}-sort_order": i,
            f"tiers-{i}-description": "",
            f"tiers-{i}-budget_band": "",
            f"tiers-{i}-minimum_cents": "",
            f"tiers-{i}-maximum_cents": "",
        }
    response = staff_client.post("/admin/fee_schedules/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    schedule = FeeSchedule.objects.get(name="Community sliding scale")
    assert list(schedule.tiers.values_list("price_cents", flat=True)) == [2500, 105050]


def test_training_form_offers_audiences_and_leaves_ce_to_approvals(staff_client):
    training = TrainingFactory()
    AudienceFactory(name="Supervisors and managers")
    response = staff_client.get(f"/admin/trainings/edit/{training.pk}/")
    content = response.content.decode()
    assert "Supervisors and managers" in content
    # CE hours and credentials are the approvals' (CE credit → CE approvals), not the form's.
    assert "CE hours come from the training&#x27;s CE approvals" in content
    assert "Social work (LSW, LCSW)" not in content


@pytest.mark.parametrize(
    ("start", "chosen", "saved", "error"),
    [
        ("scheduled", "cancelled", "scheduled", "Use “Cancel session”"),
        ("cancelled", "scheduled", "cancelled", "cannot be reopened"),
        ("scheduled", "completed", "completed", None),
        ("completed", "scheduled", "scheduled", None),
    ],
)
def test_the_session_form_follows_the_state_machine(staff_client, start, chosen, saved, error):
    """Cancelling goes through "Cancel session" (refunds, emails); the form may mark a session
    completed and correct that, never reopen a cancelled one."""
    session = SessionFactory(meeting__days_ahead=10, status=start)
    meeting = session.meetings.get()
    data = _session_form(
        session,
        capacity=20,
        meetings=[
            {
                "id": meeting.pk,
                "starts_at": _local(meeting.starts_at),
                "ends_at": _local(meeting.ends_at),
                "break_minutes": 0,
            }
        ],
    )
    data["status"] = chosen
    response = staff_client.post(f"/admin/sessions/edit/{session.pk}/", data)
    session.refresh_from_db()
    assert session.status == saved
    if error:
        assert error in str(response.context["form"].errors["status"])
    else:
        assert response.status_code == 302
