"""Sign-in sheets of gatherings: matched, created for review, previewed, applied once, audited."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    AttendanceSource,
    EventKind,
    Organization,
    Registration,
    SignInSheet,
    User,
)
from lms.services.gatherings import (
    sign_in_sheet_apply,
    sign_in_sheet_plan,
    sign_in_sheet_upload,
)
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

SHEET = (
    "Name,Email,Organization,Signature\n"
    "Ana Ruiz,ANA@goodneighbors.org,  good   NEIGHBORS ,AR\n"  # known person, known org
    "Bo Chen,bo@newplace.org,New Place Collective,BC\n"  # new person, new org
    "Cy Diaz,cy@agency.org,,CD\n"  # registered already, no organization
    ",nobody@x.org,Somewhere,\n"  # no name: skipped
    "Di Eze,not-an-email,Somewhere,\n"  # bad email: skipped
)


@pytest.fixture
def lac():
    training = TrainingFactory(kind=EventKind.LAC_MEETING, region="South")
    return SessionFactory(training=training, meeting__days_ahead=-1, capacity=2)


@pytest.fixture
def people(lac):
    good = OrganizationFactory(name="Good Neighbors")
    ana = ProfileFactory(user__email="ana@goodneighbors.org", organization=None).user
    cy = ProfileFactory(user__email="cy@agency.org").user
    registered = RegistrationFactory(session=lac, person=cy)
    return {"good": good, "ana": ana, "cy": cy, "registered": registered}


def upload(lac, text=SHEET, by=None):
    return sign_in_sheet_upload(
        meeting=lac.meetings.get(), file_name="south.csv", data=text.encode(), by=by
    )


def test_the_preview_says_what_each_row_will_do_and_changes_nothing(lac, people):
    sheet = upload(lac)
    plans, problems = sign_in_sheet_plan(sheet=sheet)
    assert problems == []
    summaries = [plan.summary for plan in plans]
    assert summaries[0] == (
        "matched ana@goodneighbors.org; organization Good Neighbors; registered as a walk-in."
    )
    assert summaries[1] == (
        "new person (for review); new organization “New Place Collective” (for review); "
        "registered as a walk-in."
    )
    assert summaries[2] == "matched cy@agency.org; no organization; already registered."
    assert summaries[3] == "Skipped: no name."
    assert summaries[4] == "Skipped: “not-an-email” is not an email address."
    assert not User.objects.filter(email="bo@newplace.org").exists()
    assert not AttendanceRecord.objects.exists()


def test_applying_records_attendance_creates_for_review_and_is_done_once(lac, people):
    staff = StaffFactory(groups=["Program staff"])
    sheet = sign_in_sheet_apply(sheet=upload(lac, by=staff), by=staff)
    assert sheet.applied_at is not None
    assert [line["result"] for line in sheet.outcome] == [
        "attended",
        "attended",
        "attended",
        "skipped",
        "skipped",
    ]
    meeting = lac.meetings.get()
    records = AttendanceRecord.objects.filter(meeting=meeting)
    assert records.count() == 3
    assert {r.source for r in records} == {AttendanceSource.SIGN_IN_SHEET}
    assert all(r.arrived_at == meeting.starts_at for r in records)  # after the meeting
    ana = Registration.objects.get(session=lac, person=people["ana"])
    assert ana.status == Registration.Status.CONFIRMED
    assert ana.organization == people["good"]
    people["ana"].profile.refresh_from_db()
    assert people["ana"].profile.organization == people["good"]  # had none: now has one
    bo = User.objects.get(email="bo@newplace.org")
    assert bo.profile.needs_review and bo.profile.printed_name == "Bo Chen"
    new_place = Organization.objects.get(name="New Place Collective")
    assert new_place.needs_review
    assert not people["good"].needs_review
    assert Registration.objects.get(session=lac, person=bo).organization == new_place
    # Capacity 2 with one registered: people who came are recorded all the same.
    assert Registration.objects.filter(session=lac, status="confirmed").count() == 3
    assert Organization.objects.filter(name__iexact="good neighbors").count() == 1

    again = sign_in_sheet_apply(sheet=sheet, by=staff)
    assert again.applied_at == sheet.applied_at
    assert AttendanceRecord.objects.filter(meeting=meeting).count() == 3
    entry = ModelLogEntry.objects.get(action="lms.attendance.sign_in_sheet")
    assert entry.data["attended"] == 3 and entry.data["skipped"] == 2
    assert entry.data["new_people"] == 1 and entry.data["new_organizations"] == 1
    assert ModelLogEntry.objects.filter(action="lms.registration.sign_in_sheet").count() == 2


def test_an_unpaid_seat_is_skipped_with_its_reason(lac):
    person = ProfileFactory(user__email="pay@later.org").user
    RegistrationFactory(session=lac, person=person, status=Registration.Status.PENDING_PAYMENT)
    sheet = sign_in_sheet_apply(
        sheet=upload(lac, "name,email,organization\nPat,pay@later.org,\n"), by=None
    )
    assert sheet.outcome == [
        {
            "line": 2,
            "result": "skipped",
            "errors": ["pay@later.org has an unpaid seat: settle it first"],
        }
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,email\nAna,a@b.org\n", "missing: organization"),
        ("", "The file is empty."),
    ],
)
def test_a_sheet_without_rows_is_refused(lac, text, message):
    with pytest.raises(DomainError) as caught:
        upload(lac, text)
    assert message in caught.value.message
    assert not SignInSheet.objects.exists()


def test_a_ce_training_takes_no_sign_in_sheet():
    session = SessionFactory(meeting__days_ahead=-1)
    with pytest.raises(DomainError, match="for gatherings"):
        upload(session)


def test_staff_upload_preview_and_apply_in_the_admin(client, lac, people):
    client.force_login(StaffFactory(groups=["Program staff"]))
    meeting = lac.meetings.get()
    response = client.post(
        reverse("lms_gatherings:sign_in_sheet_upload"),
        {"meeting": meeting.pk, "sheet": SimpleUploadedFile("south.csv", SHEET.encode())},
    )
    sheet = SignInSheet.objects.get()
    preview_url = reverse("lms_gatherings:sign_in_sheet", args=[sheet.pk])
    assert response.status_code == 302 and response["Location"] == preview_url
    preview = client.get(preview_url).content.decode()
    assert "new organization “New Place Collective” (for review)" in preview
    assert "Skipped: no name." in preview
    assert "Record attendance" in preview
    assert not AttendanceRecord.objects.exists()
    response = client.post(preview_url, follow=True)
    assert "Attendance recorded for 3 people; 2 rows skipped." in response.content.decode()
    assert AttendanceRecord.objects.filter(meeting=meeting).count() == 3
    listing = client.get(reverse("lms_gatherings:sign_in_sheets")).content.decode()
    assert "south.csv" in listing


def test_a_ce_meeting_is_not_offered_and_a_bad_file_is_an_error_on_the_form(client, lac):
    client.force_login(StaffFactory(groups=["Program staff"]))
    ce_meeting = SessionFactory(meeting__days_ahead=-1).meetings.get()
    url = reverse("lms_gatherings:sign_in_sheet_upload")
    page = client.get(url).content.decode()
    assert f'value="{lac.meetings.get().pk}"' in page
    assert f'value="{ce_meeting.pk}"' not in page
    response = client.post(
        url,
        {
            "meeting": lac.meetings.get().pk,
            "sheet": SimpleUploadedFile("x.csv", b"who,what\n1,2\n"),
        },
    )
    assert response.status_code == 200
    assert "missing: name, email, organization" in response.content.decode()


def test_finance_may_not_upload(client, lac):
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get(reverse("lms_gatherings:sign_in_sheet_upload"))
    # Wagtail's "no permission" bounce to the dashboard, with its message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_uploaded_during_the_meeting_the_arrival_is_now(lac):
    meeting = lac.meetings.get()
    now = meeting.starts_at + dt.timedelta(minutes=20)
    assert now < meeting.ends_at
    sheet = upload(lac, "name,email,organization\nAna,ana@x.org,\n")
    sign_in_sheet_apply(sheet=sheet, by=None, now=now)
    record = AttendanceRecord.objects.get()
    assert record.arrived_at == now
    assert timezone.is_aware(record.arrived_at)
