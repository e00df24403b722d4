import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from cms.models import HomePage
from lms.models import Session, Training, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_serves_a_home_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Training.objects.count(), Session.objects.count(), User.objects.count())
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert (Training.objects.count(), Session.objects.count(), User.objects.count()) == counts
    # One home page per language: the English one and the editors' Spanish translation.
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == ["en", "es"]
    # The REST API's demo key (printed once, the previous run's revoked) reads Prairie State's
    # registrations: its coordinator's invoiced group.
    key = re.search(r"Bearer (cce_\S+)'", output.getvalue()).group(1)
    registrations = client.get("/api/v1/registrations/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert registrations.status_code == 200 and registrations.json()["count"] >= 1
    # The coalition's webhook endpoint to the demo receiver, once.
    from lms.models import WebhookEndpoint

    assert (
        WebhookEndpoint.objects.filter(organization=None, url__endswith="/dev/webhooks/").count()
        == 1
    )

    settings.DEBUG = False
    response = client.get("/")
    assert response.status_code == 200
    assert "Trainings for a stronger human-services sector" in response.content.decode()
    assert client.login(email="staff@demo.test", password="coalition-demo")
    home = client.get("/admin/")
    assert home.status_code == 200
    # The Needs attention panel has work in each of these lines.
    for line in ("scholarships", "payments", "invoices", "ta_requests", "session_reports"):
        assert f'data-work-queue="{line}"' in home.content.decode(), line
    # One erasure request made by letter, waiting for staff to press "Erase now".
    from lms.models import ErasureRequest

    (request,) = ErasureRequest.objects.all()
    assert (request.status, request.channel) == ("confirmed", "letter")
    listing = client.get("/admin/erasure-requests/").content.decode()
    assert f"/admin/erasure-requests/inspect/{request.pk}/" in listing


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")


def test_seed_demo_builds_the_catalogue_the_journey_needs(client, settings):
    from django.utils import timezone

    from cms.models import StandardPage, TrainingCatalogPage, TrainingPage
    from lms.models import Registration
    from lms.selectors.catalogue import sessions_with_figures

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False

    assert Training.objects.count() >= 8
    english = TrainingPage.objects.live().filter(locale__language_code="en")
    assert english.count() == Training.objects.count()
    # Three trainings are translated into Spanish; their facts stay the English page's record.
    spanish = TrainingPage.objects.live().filter(locale__language_code="es")
    assert spanish.count() == 3 and not spanish.filter(training__isnull=False).exists()
    assert [page.url for page in TrainingCatalogPage.objects.order_by("locale__language_code")] == [
        "/trainings/",
        "/es/trainings/",
    ]
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {
        "about",
        "policies",
        "scholarships",
    }
    upcoming = sessions_with_figures(
        Session.objects.filter(starts_at__gte=timezone.now(), status=Session.Status.SCHEDULED)
    )
    assert upcoming.count() >= 20
    full = [s for s in upcoming if s.seats_left == 0]
    assert len(full) >= 2
    assert all(
        s.registrations.filter(status=Registration.Status.CONFIRMED).count() == s.capacity
        for s in full
    )
    assert upcoming.filter(format="virtual").exists()
    assert {"Chicago", "Springfield", "Carbondale"} <= set(
        upcoming.filter(format="in_person").values_list("city", flat=True)
    )
    assert upcoming.filter(training__fee_schedule__isnull=True).exists()  # free ones
    assert client.get("/trainings/?format=virtual&credential=social-work").status_code == 200
    # CE hours come from the demo's approvals, and none grants more than its sessions allow.
    from certificates.models import TrainingApproval
    from certificates.selectors import approval_hours_warnings

    assert (
        "3 CE hours for LCSW, LSW"
        in client.get("/trainings/reframing-human-services-telling-our-story/").content.decode()
    )
    assert "<dt>CE hours</dt><dd>3 CE hours (" in client.get("/trainings/").content.decode()
    approvals = TrainingApproval.objects.select_related("body", "training")
    assert approvals.exists()
    assert [w for a in approvals for w in approval_hours_warnings(approval=a)] == []


def test_seed_demo_issues_certificates_to_try(client, settings):
    from pypdf import PdfReader

    from certificates.models import Certificate

    settings.DEBUG = True
    call_command("seed_demo")
    counts = dict(Certificate.objects.values_list("status").annotate(n=Count("pk")))
    call_command("seed_demo")
    assert dict(Certificate.objects.values_list("status").annotate(n=Count("pk"))) == counts
    settings.DEBUG = False

    assert counts[Certificate.Status.VALID] >= 5
    assert counts[Certificate.Status.SUPERSEDED] == 1
    superseded = Certificate.objects.get(status=Certificate.Status.SUPERSEDED)
    assert superseded.superseded_by.printed_name == "Dev Demo-Patel"
    # A certificate of attendance for the attendee without a license, CE for the others.
    kinds = set(
        Certificate.objects.filter(status=Certificate.Status.VALID).values_list(
            "approval__body__is_certificate_of_attendance", flat=True
        )
    )
    assert kinds == {True, False}

    assert client.login(email="participant@demo.test", password="coalition-demo")
    # Pat (LSW) attended a training approved by several boards: one certificate per board
    # that covers social workers, each listing the training's other approvals below its own.
    mine = {
        c.approval.body.slug: c
        for c in Certificate.objects.filter(
            registration__person__email="participant@demo.test",
            registration__session__training__title__startswith="Reframing",
            status=Certificate.Status.VALID,
        )
    }
    assert set(mine) >= {"il-social-work", "aswb-ace"}
    page = client.get("/my/certificates/").content.decode()
    assert all(c.serial in page for c in mine.values())
    ace = mine["aswb-ace"]
    text = " ".join("".join(p.extract_text() for p in PdfReader(ace.pdf.open()).pages).split())
    assert "Pat Johnson" in text and ace.serial in text
    assert "This training also holds these approvals" in text
    assert {a["body"] for a in ace.other_approvals} >= {
        "Illinois social work (IDFPR)",
        "Illinois professional counselors (IDFPR)",
        "Illinois marriage and family therapists (IDFPR)",
    }
    # The renewal tracker: LCSW's requirement, Pat's outside CE (one accepted, one pending).
    from certificates.models import OutsideCredit, RenewalRequirement

    assert RenewalRequirement.objects.filter(credential__code="LCSW").exists()
    statuses = sorted(
        OutsideCredit.objects.filter(person__email="participant@demo.test").values_list(
            "status", flat=True
        )
    )
    assert statuses == ["accepted", "pending"]
    renewal = client.get("/my/renewal/").content.decode()
    assert "Ethics and Boundaries in Rural Practice" in renewal and "Waiting for staff" in renewal
    assert "Still needed" in renewal
    # An in-person meeting with check-outs.
    from lms.models import AttendanceRecord

    assert AttendanceRecord.objects.filter(checked_out_at__isnull=False).count() >= 3
    assert AttendanceRecord.objects.filter(whole_meeting_confirmed_at__isnull=False).exists()
    # A roster export: the social-work board's roster of the finished session, marked sent.
    from certificates.models import RosterExport

    [export] = RosterExport.objects.all()
    # A conference: the finished session and an afternoon session give Pat one combined
    # certificate listing both.
    from certificates.transcripts import conference_certificates_for

    combined = {
        c.body_name: c
        for c in conference_certificates_for(person=mine["il-social-work"].registration.person)
    }
    social_work = combined["Illinois social work (IDFPR)"]
    assert len(social_work.sessions) == 2
    assert "Download the combined certificate for Coalition Fall Conference" in page
    assert export.reported and export.certificates.exists() and export.file
    verify_page = client.get(superseded.get_verify_url().removeprefix(settings.SITE_URL))
    assert "<strong>superseded</strong>" in verify_page.content.decode()
    assert superseded.superseded_by.serial in verify_page.content.decode()


def test_seed_demo_is_idempotent_just_after_midnight(settings):
    """The check-in demo session starts an hour before "now": just after midnight in Chicago
    that is yesterday, which once made every run add a session."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    settings.DEBUG = True
    with time_machine.travel(dt.datetime(2026, 11, 23, 0, 10, tzinfo=ZoneInfo("America/Chicago"))):
        call_command("seed_demo")
        sessions = Session.objects.count()
        call_command("seed_demo")
    assert Session.objects.count() == sessions


def test_seed_demo_shows_session_operations(client, settings):
    """A session cancelled by staff (its registrants cancelled), a message sent, a walk-in
    checked in at the session under way; each on the session's operations page."""
    from lms.models import SessionCancellation, SessionMessage, StaffAddition

    settings.DEBUG = True
    call_command("seed_demo")
    cancellation = SessionCancellation.objects.get()
    assert cancellation.session.status == "cancelled" and cancellation.finished_at
    assert len(cancellation.registration_ids) == 2
    assert set(cancellation.session.registrations.values_list("status", flat=True)) == {"cancelled"}
    message = SessionMessage.objects.get()
    assert message.deliveries.filter(sent_at__isnull=False).count() >= 1
    walk_in = StaffAddition.objects.get(registration__person__email="walkin@demo.test")
    assert walk_in.registration.attendance.exists()
    settings.DEBUG = False
    assert client.login(email="staff@demo.test", password="coalition-demo")
    page = client.get(f"/admin/sessions/operations/{message.session_id}/").content.decode()
    assert "Parking today" in page and "walkin@demo.test" in page
