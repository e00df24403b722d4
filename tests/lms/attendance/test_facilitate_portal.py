"""The facilitator portal: who may see what (the permission matrix), check-in by QR token and
roster, corrections, materials, and the session report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lms.models import (
    AttendanceRecord,
    AttendanceSource,
    MeetingDelivery,
    Registration,
    SessionMaterial,
    SessionReport,
)
from lms.services.attendance import (
    attendance_check_in,
    registration_checkin_token,
    registration_checkin_url,
    registration_from_checkin_token,
    session_report_reopen,
)
from lms.services.virtual_reports import AttendanceError
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(time_machine):
    """Two sessions, each with its own facilitator; a participant in the first. It is 10:00
    in Chicago and the first session's meeting began at 9:30."""
    time_machine.move_to(dt.datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("America/Chicago")))
    mine = SessionFactory(meeting=False)
    start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=30)
    MeetingFactory(session=mine, starts_at=start, minutes=180)
    other = SessionFactory(meeting__days_ahead=0)
    lead = FacilitatorFactory(user=UserFactory(email="lead@coalition.test"), name="Amara Okafor")
    stranger = FacilitatorFactory(user=UserFactory(), name="Other Trainer")
    SessionFacilitatorFactory(session=mine, facilitator=lead, role="lead")
    SessionFacilitatorFactory(session=other, facilitator=stranger, role="lead")
    participant = RegistrationFactory(
        session=mine,
        person=ProfileFactory(pronouns="they/them", accessibility_needs="Captions, please").user,
    )
    material = SessionMaterial.objects.create(
        session=mine, title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")
    )
    return {
        "mine": mine,
        "other": other,
        "lead": lead,
        "stranger": stranger,
        "participant": participant,
        "meeting": mine.meetings.get(),
        "material": material,
    }


def session_urls(world):
    s, m, r = world["mine"], world["meeting"], world["participant"]
    return [
        reverse("lms:facilitate_session", args=[s.pk]),
        reverse("lms:facilitate_meeting", args=[s.pk, m.pk]),
        reverse("lms:facilitate_attendance_edit", args=[s.pk, m.pk, r.pk]),
        reverse("lms:facilitate_virtual_report", args=[s.pk, m.pk]),
        reverse("lms:facilitate_report", args=[s.pk]),
        reverse("lms:facilitate_evaluation", args=[s.pk]),
    ]


def post_urls(world):
    s, m = world["mine"], world["meeting"]
    return [
        reverse("lms:facilitate_check_in", args=[s.pk, m.pk]),
        reverse("lms:facilitate_material_upload", args=[s.pk]),
        reverse("lms:facilitate_material_withdraw", args=[s.pk, world["material"].pk]),
        reverse("lms:facilitate_report", args=[s.pk]),
    ]


@pytest.mark.parametrize(
    ("who", "index_status", "page_status"),
    [("own", 200, 200), ("other", 200, 404), ("participant", 403, 403), ("anonymous", 302, 302)],
)
def test_permission_matrix(client, world, who, index_status, page_status):
    user = {
        "own": world["lead"].user,
        "other": world["stranger"].user,
        "participant": world["participant"].person,
        "anonymous": None,
    }[who]
    if user:
        client.force_login(user)
    index = client.get(reverse("lms:facilitate"))
    assert index.status_code == index_status
    if who == "other":
        assert world["mine"].training.title not in index.content.decode()
    for url in session_urls(world):
        response = client.get(url)
        assert response.status_code == page_status, url
        if who == "anonymous":
            assert response["Location"].startswith(reverse("account_login"))
    for url in post_urls(world):
        assert client.post(url, {"registration": world["participant"].pk}).status_code in (
            {page_status} if page_status != 200 else {200, 302}
        ), url
    checked_in = AttendanceRecord.objects.filter(registration=world["participant"]).exists()
    assert checked_in == (who == "own")
    withdrawn = SessionMaterial.objects.get(pk=world["material"].pk).withdrawn_at is not None
    assert withdrawn == (who == "own")


def test_roster_shows_what_participants_chose_to_share(client, world):
    client.force_login(world["lead"].user)
    page = client.get(reverse("lms:facilitate_session", args=[world["mine"].pk])).content.decode()
    assert "they/them" in page and "Captions, please" in page
    assert world["participant"].person.profile.organization.name in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("own", 200),
        ("other", 404),
        ("participant", 200),
        ("unregistered", 404),
        ("staff", 200),
        ("anonymous", 302),
    ],
)
def test_material_download_matrix(client, world, who, status):
    staff = StaffFactory(groups=["Program staff"])
    user = {
        "own": world["lead"].user,
        "other": world["stranger"].user,
        "participant": world["participant"].person,
        "unregistered": UserFactory(),
        "staff": staff,
        "anonymous": None,
    }[who]
    if user:
        client.force_login(user)
    response = client.get(reverse("lms:material_download", args=[world["material"].pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 slides"
        assert response["Content-Disposition"].startswith("attachment")


def test_materials_are_not_under_media_url(world, settings):
    path = world["material"].file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_cancelled_registrant_cannot_download(client, world):
    Registration.objects.filter(pk=world["participant"].pk).update(status="cancelled")
    client.force_login(world["participant"].person)
    assert (
        client.get(reverse("lms:material_download", args=[world["material"].pk])).status_code == 404
    )


def test_material_upload_refuses_other_types(client, world):
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_material_upload", args=[world["mine"].pk])
    response = client.post(
        url, {"title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ")}, follow=True
    )
    assert "cannot be shared" in response.content.decode()
    client.post(url, {"title": "Handout", "file": SimpleUploadedFile("handout.pdf", b"%PDF")})
    assert SessionMaterial.objects.filter(title="Handout").exists()
    assert not SessionMaterial.objects.filter(title="Script").exists()


def test_checkin_code_and_url_from_the_confirmation(world):
    registration = world["participant"]
    code = registration_checkin_token(registration)
    assert code == registration.check_in_code and len(code) >= 16
    assert registration_from_checkin_token(code) == registration
    assert registration_from_checkin_token(f"  {code}\n") == registration  # a handheld scanner
    url = registration_checkin_url(registration)
    assert url.endswith(f"/check-in/{code}/")
    assert registration_from_checkin_token(url) == registration
    assert reverse("lms:facilitate_checkin_token", args=[code]) == f"/check-in/{code}/"
    changed = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert registration_from_checkin_token(changed) is None
    assert registration_from_checkin_token("CI-1-0000") is None
    assert registration_from_checkin_token("") is None


def test_scan_checks_in_once_and_answers_json(client, world):
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_check_in", args=[world["mine"].pk, world["meeting"].pk])
    token = registration_checkin_token(world["participant"])
    first = client.post(url, {"code": token}, headers={"Accept": "application/json"})
    assert (
        first.status_code == 200
        and first.json()["ok"]
        and "checked in at" in first.json()["message"]
    )
    again = client.post(url, {"code": token}, headers={"Accept": "application/json"})
    assert "already checked in" in again.json()["message"]
    record = AttendanceRecord.objects.get(registration=world["participant"])
    assert record.source == AttendanceSource.QR_CHECK_IN
    bad = client.post(
        url, {"code": "AAAAAAAAAAAAAAAAAAAAAA"}, headers={"Accept": "application/json"}
    )
    assert bad.status_code == 400 and not bad.json()["ok"]


def test_scan_of_another_sessions_code_is_refused(client, world):
    stranger_registration = RegistrationFactory(session=world["other"])
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_check_in", args=[world["mine"].pk, world["meeting"].pk])
    response = client.post(
        url,
        {"code": registration_checkin_token(stranger_registration)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert not AttendanceRecord.objects.exists()


def test_qr_url_opened_with_the_phone_camera(client, world):
    client.force_login(world["lead"].user)
    url = reverse(
        "lms:facilitate_checkin_token", args=[registration_checkin_token(world["participant"])]
    )
    assert b"Check in now" in client.get(url).content
    client.post(url)
    assert AttendanceRecord.objects.filter(
        registration=world["participant"], arrived_at__isnull=False
    ).exists()
    client.force_login(world["stranger"].user)
    assert client.get(url).status_code == 404


def test_check_in_rules(world):
    meeting, registration = world["meeting"], world["participant"]
    with pytest.raises(AttendanceError, match="opens two hours before"):
        attendance_check_in(
            registration=registration,
            meeting=meeting,
            by=None,
            now=meeting.starts_at - dt.timedelta(hours=3),
        )
    pending = RegistrationFactory(session=world["mine"], status=Registration.Status.PENDING_PAYMENT)
    with pytest.raises(AttendanceError, match="not a confirmed participant"):
        attendance_check_in(registration=pending, meeting=meeting, by=None, now=meeting.starts_at)
    # Marked from the roster after the meeting: counted from the scheduled start.
    record, created = attendance_check_in(
        registration=registration,
        meeting=meeting,
        by=None,
        now=meeting.ends_at + dt.timedelta(days=1),
    )
    assert created and record.arrived_at == meeting.starts_at and record.minutes_present == 180


def test_correct_arrival_and_departure(client, world):
    client.force_login(world["lead"].user)
    meeting = world["meeting"]
    local_start = timezone.localtime(meeting.starts_at)
    url = reverse(
        "lms:facilitate_attendance_edit",
        args=[world["mine"].pk, meeting.pk, world["participant"].pk],
    )
    arrive = (local_start + dt.timedelta(minutes=20)).strftime("%H:%M")
    leave = (local_start + dt.timedelta(minutes=150)).strftime("%H:%M")
    # A correction needs its reason; the record keeps it and who made it.
    response = client.post(url, {"arrived": arrive, "left": leave})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    reason = "Joined by phone; not in the Zoom report."
    assert client.post(url, {"arrived": arrive, "left": leave, "reason": reason}).status_code == 302
    record = AttendanceRecord.objects.get(registration=world["participant"])
    assert record.minutes_present == 130 and record.source == AttendanceSource.CORRECTION
    assert record.correction_reason == reason and record.recorded_by == world["lead"].user
    response = client.post(url, {"arrived": leave, "left": arrive, "reason": reason})
    assert "departure must be after the arrival" in response.content.decode()
    client.post(url, {"arrived": "", "left": "", "reason": "Left before the start."})
    assert not AttendanceRecord.objects.get(registration=world["participant"]).is_present


def test_roster_search(client, world):
    RegistrationFactory(
        session=world["mine"], person=UserFactory(first_name="Zelda", last_name="Quinn")
    )
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_meeting", args=[world["mine"].pk, world["meeting"].pk])
    page = client.get(url, {"q": "zelda"}).content.decode()
    assert "Zelda Quinn" in page and world["participant"].person.last_name not in page


def _report_post(world, **overrides):
    meeting = world["meeting"]
    start = timezone.localtime(meeting.starts_at)
    data = {
        f"m{meeting.pk}-delivered": "yes",
        f"m{meeting.pk}-actual_start": (start + dt.timedelta(minutes=5)).strftime("%H:%M"),
        f"m{meeting.pk}-actual_end": (start + dt.timedelta(minutes=190)).strftime("%H:%M"),
        f"m{meeting.pk}-role_{world['lead'].pk}": "lead",
        "notes": "Room was cold; started five minutes late.",
    }
    data.update(overrides)
    return data


def test_session_report_draft_file_and_reopen(client, world):
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_report", args=[world["mine"].pk])
    assert client.post(url, _report_post(world, save="1")).status_code == 302
    report = SessionReport.objects.get(session=world["mine"])
    assert report.status == SessionReport.Status.DRAFT
    meeting = world["meeting"]
    bad = client.post(
        url, _report_post(world, file="1", **{f"m{meeting.pk}-role_{world['lead'].pk}": ""})
    )
    assert "say who facilitated" in bad.content.decode()
    assert client.post(url, _report_post(world, file="1")).status_code == 302
    report.refresh_from_db()
    assert report.status == SessionReport.Status.FILED and report.filed_by == world["lead"].user
    delivery = MeetingDelivery.objects.get(meeting=meeting)
    assert delivery.actual_minutes == 185
    assert [(f.facilitator, f.role) for f in delivery.facilitators.all()] == [
        (world["lead"], "lead")
    ]
    # Filed means final for the facilitator; staff can reopen.
    client.post(url, _report_post(world, file="1", notes="changed"))
    report.refresh_from_db()
    assert report.notes == "Room was cold; started five minutes late."
    session_report_reopen(report=report, by=None, reason="wrong end time")
    report.refresh_from_db()
    assert report.status == SessionReport.Status.DRAFT


def test_session_report_notes_have_a_cap(client, world):
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_report", args=[world["mine"].pk])
    response = client.post(url, _report_post(world, save="1", notes="n" * 2_000_000))
    assert response.status_code == 200
    assert "Please keep this to 5,000 characters or fewer" in response.content.decode()
    assert not SessionReport.objects.filter(session=world["mine"]).exists()


def test_session_report_cancelled_meeting(client, world):
    second_start = world["meeting"].starts_at + dt.timedelta(days=7)
    second = MeetingFactory(session=world["mine"], starts_at=second_start, minutes=120)
    client.force_login(world["lead"].user)
    data = _report_post(world, file="1", **{f"m{second.pk}-delivered": "no"})
    assert (
        client.post(reverse("lms:facilitate_report", args=[world["mine"].pk]), data).status_code
        == 302
    )
    cancelled = MeetingDelivery.objects.get(meeting=second)
    assert cancelled.status == "cancelled" and cancelled.actual_minutes == 0


def test_participants_find_materials(client, world):
    client.force_login(world["participant"].person)
    page = client.get(reverse("lms:session_materials", args=[world["mine"].pk]))
    assert page.status_code == 200 and "Slides" in page.content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("lms:session_materials", args=[world["mine"].pk])).status_code == 404


def test_oversized_upload_is_refused_without_reading_it_all(client, world, settings):
    settings.VIRTUAL_REPORT_MAX_BYTES = 1000
    client.force_login(world["lead"].user)
    url = reverse("lms:facilitate_virtual_report", args=[world["mine"].pk, world["meeting"].pk])
    big = SimpleUploadedFile("huge.csv", b"Name,Join Time\n" + b"x" * 50_000)
    page = client.post(url, {"report": big}).content.decode()
    assert "The report was not imported" in page
    assert "The file is larger than 1000\xa0bytes" in page


def test_my_sessions_show_counts_today_and_the_meeting_under_way(client, world):
    session = world["mine"]
    RegistrationFactory(session=session)  # a second confirmed participant, not checked in
    RegistrationFactory(session=session, status=Registration.Status.CANCELLED)
    attendance_check_in(registration=world["participant"], meeting=world["meeting"], by=None)
    client.force_login(world["lead"].user)
    page = client.get("/facilitate/").content.decode()
    assert "<strong>2</strong> registered · <strong>1</strong> checked in" in page
    assert '<span class="badge ok">Today</span>' in page
    detail = client.get(reverse("lms:facilitate_session", args=[session.pk])).content.decode()
    assert '<span class="badge ok">under way</span>' in detail
    assert ">current<" not in detail
