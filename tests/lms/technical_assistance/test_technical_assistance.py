"""TA requests: the public form, the staff queue's transitions and the email at each change."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.errors import TransitionRefused
from lms.models import TechnicalAssistanceRequest
from lms.services.technical_assistance import (
    TechnicalAssistanceError,
    ta_request_change,
    ta_request_check_change,
    ta_request_create,
)
from tests.factories import StaffFactory, TrainingFactory

pytestmark = pytest.mark.django_db
Status = TechnicalAssistanceRequest.Status


@pytest.fixture
def staff():
    user = StaffFactory(first_name="Sam", last_name="Rivera", groups=["Program staff"])
    return user


def test_partner_organization_asks_without_an_account(client, django_capture_on_commit_callbacks):
    training = TrainingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("lms:technical_assistance"),
            {
                "topic": "Supervision policy after the reframing training",
                "details": "We want to rewrite our intake script.",
                "requester_name": "Dana Whitfield",
                "requester_email": "Dana@Prairie-Housing.org",
                "organization_name": "Prairie State Housing Collaborative",
                "urgency": "soon",
                "preferred_contact": "video",
                "training": training.pk,
            },
        )
    assert response.status_code == 200 and "Request received" in response.content.decode()
    request = TechnicalAssistanceRequest.objects.get()
    assert request.requester_email == "dana@prairie-housing.org" and request.training == training
    assert request.status == Status.NEW and request.requester is None
    assert mail.outbox[0].to == ["dana@prairie-housing.org"]


def test_phone_contact_needs_a_phone(client):
    response = client.post(
        reverse("lms:technical_assistance"),
        {
            "topic": "x",
            "requester_name": "A",
            "requester_email": "a@b.org",
            "urgency": "routine",
            "preferred_contact": "phone",
        },
    )
    assert "Give a phone number" in response.content.decode()
    assert not TechnicalAssistanceRequest.objects.exists()


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (current, new, new in TechnicalAssistanceRequest.TRANSITIONS[current])
        for current in Status.values
        for new in Status.values
        if new != current
    ],
)
def test_transitions_table(current, new, allowed, staff):
    if allowed:
        ta_request_check_change(current=current, status=new, owner=staff)
    else:
        with pytest.raises(TransitionRefused, match="cannot go from"):
            ta_request_check_change(current=current, status=new, owner=staff)


def test_assigning_needs_an_owner():
    with pytest.raises(TechnicalAssistanceError, match="Choose an owner"):
        ta_request_check_change(current=Status.NEW, status=Status.ASSIGNED, owner=None)


def test_each_change_emails_the_requester(staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = ta_request_create(
            topic="Data dashboards", requester_name="Lee", requester_email="lee@agency.org"
        )
        ta_request_change(request=request, status=Status.ASSIGNED, owner=staff, by=staff)
        ta_request_change(
            request=request, status=Status.ASSIGNED, owner=staff, by=staff
        )  # no change
        ta_request_change(
            request=request,
            status=Status.IN_PROGRESS,
            owner=staff,
            note="Call booked for Tuesday.",
            by=staff,
        )
        ta_request_change(request=request, status=Status.CLOSED, owner=staff, by=staff)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "We received your technical-assistance request",
        "Your technical-assistance request is assigned",
        "Your technical-assistance request is in progress",
        "Your technical-assistance request is closed",
    ]
    assert "Call booked for Tuesday." in mail.outbox[2].body
    assert "Sam Rivera is looking after it" in mail.outbox[1].body
    request.refresh_from_db()
    assert request.closed_at is not None


def test_staff_queue_in_the_admin(client, staff, django_capture_on_commit_callbacks):
    request = ta_request_create(
        topic="Board training", requester_name="Lee", requester_email="lee@agency.org"
    )
    client.force_login(staff)
    assert client.get(reverse("technical_assistance:index")).status_code == 200
    url = reverse("technical_assistance:edit", args=[request.pk])
    response = client.post(url, {"status": "in_progress", "owner": "", "staff_note": ""})
    assert "cannot go from “New” to “In progress”" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"status": "assigned", "owner": staff.pk, "staff_note": "Sam will call."}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ASSIGNED and request.owner == staff
    assert mail.outbox[-1].subject.endswith("is assigned")
