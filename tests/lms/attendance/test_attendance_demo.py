"""The demo data lets a facilitator try the portal at once: a finished session with results,
one under way today with the demo participant to check in."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import TrainingApproval
from lms.demo import TRAININGS
from lms.models import Evaluation, Session, TechnicalAssistanceRequest

pytestmark = pytest.mark.django_db


def test_demo_facilitator_sees_results_and_a_session_to_check_in(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    settings.DEBUG = False
    assert Evaluation.objects.count() == len(TRAININGS)
    # One approval per body the training's CE credentials name, plus a certificate of
    # attendance; the first training is also approved by ASWB ACE (several boards).
    assert TrainingApproval.objects.count() == sum(len(spec[8]) + 1 for spec in TRAININGS) + 1
    assert TrainingApproval.objects.filter(body__slug="aswb-ace").count() == 1
    assert TrainingApproval.objects.filter(body__slug="il-social-work").count() == sum(
        "social-work" in spec[8] for spec in TRAININGS
    )
    assert TechnicalAssistanceRequest.objects.count() == 1
    assert client.login(email="facilitator@demo.test", password="coalition-demo")
    index = client.get(reverse("lms:facilitate")).content.decode()
    assert "Past sessions" in index
    past = Session.objects.filter(
        registrations__person__email="attendee1@demo.test",
        starts_at__lt=timezone.now() - dt.timedelta(days=1),
    ).get()
    results = client.get(reverse("lms:facilitate_evaluation", args=[past.pk])).content.decode()
    # Five demo attendees and Pat, the demo participant, answered it.
    assert "6 responses" in results
    today = (
        Session.objects.filter(registrations__person__email="attendee1@demo.test")
        .exclude(pk=past.pk)
        .get()
    )
    meeting = today.meetings.get()
    page = client.get(
        reverse("lms:facilitate_meeting", args=[today.pk, meeting.pk])
    ).content.decode()
    assert "Maria Demo" in page and "not checked in" in page
