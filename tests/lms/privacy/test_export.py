"""Download my data: the ZIP a participant gets from /my/privacy/, opened and read back."""

import csv
import io
import json
import zipfile

import pytest
from wagtail.models import ModelLogEntry

from tests.lms.privacy.records import two_people_with_records

pytestmark = pytest.mark.django_db

KINDS = [
    "account",
    "profile",
    "registrations",
    "payments",
    "refunds",
    "scholarship_applications",
    "scholarship_awards",
    "attendance",
    "virtual_attendance",
    "evaluations",
    "technical_assistance",
    "demographic_answers",
    "demographic_answer_reads",
    "waitlists",
    "groups_coordinated",
    "erasure_requests",
    "certificates",
    "ce_from_elsewhere",
]


def download(client, person) -> zipfile.ZipFile:
    client.force_login(person)
    response = client.post("/my/privacy/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="coalition-ce-my-data-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive, kind) -> list[dict]:
    return json.loads(archive.read(f"{kind}.json"))


def csv_rows(archive, kind) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(f"{kind}.csv").decode())))


def test_the_zip_holds_a_json_and_a_csv_file_per_kind_and_a_readme(client):
    a, _b = two_people_with_records()
    archive = download(client, a.person)
    names = set(archive.namelist())
    assert names == {"README.txt"} | {f"{kind}.{ext}" for kind in KINDS for ext in ("json", "csv")}
    readme = archive.read("README.txt").decode()
    assert "- certificates: Your CE certificates (1)" in readme
    assert "- registrations: Your registrations (2)" in readme


def test_every_kind_holds_the_persons_own_data(client):
    a, _b = two_people_with_records()
    archive = download(client, a.person)
    marks = a.markers

    (account,) = rows(archive, "account")
    assert account["email"] == marks["email"]
    assert account["email_addresses"] == [f"{marks['email']} (verified)"]
    (profile,) = rows(archive, "profile")
    assert profile["license_number"] == marks["license"]
    assert profile["phone"] == marks["phone"]
    assert profile["accessibility_needs"] == marks["accessibility"]

    registrations = {r["training"]: r for r in rows(archive, "registrations")}
    assert registrations["Trauma-Informed Supervision"]["staff_notes"] == marks["staff_note"]
    assert registrations["Cancelled training alpha"]["status"] == "Cancelled"
    cancelled = registrations["Cancelled training alpha"]
    assert cancelled["cancellation_reason"] == marks["cancellation"]
    (payment,) = rows(archive, "payments")
    assert (payment["amount"], payment["card_last4"], payment["status"]) == (
        "50.00",
        "4242",
        "Paid",
    )
    (refund,) = rows(archive, "refunds")
    assert refund["amount"] == "10.00" and refund["payment"] == payment["payment"]

    (application,) = rows(archive, "scholarship_applications")
    assert application["need_statement"] == marks["need"]
    (award,) = rows(archive, "scholarship_awards")
    assert (award["amount"], award["status"]) == ("20.00", "Used")

    (attendance,) = rows(archive, "attendance")
    assert attendance["minutes_present"] == 180
    assert attendance["arrived"].startswith("2026-03-12T09:00:00")
    (line,) = rows(archive, "virtual_attendance")
    assert line["name_in_report"] == marks["zoom_name"]

    (certificate,) = rows(archive, "certificates")
    assert certificate["verification_code"] == marks["certificate_code"]
    assert certificate["verify_at"].endswith(f"/verify/{marks['certificate_code']}/")
    assert certificate["printed_name"] == marks["printed_name"]
    assert certificate["license_number"] == marks["license"]

    answers = {row["question"]: row for row in rows(archive, "evaluations")}
    assert answers["What will you change?"]["comment"] == marks["comment"]

    details = sorted(row["details"] for row in rows(archive, "technical_assistance"))
    assert details == sorted([marks["ta_details"], marks["anonymous_ta"]])

    (demographics,) = rows(archive, "demographic_answers")
    assert demographics["race_and_ethnicity"] == [
        "Black or African American",
        "Hispanic or Latino/Latiné",
    ]
    assert demographics["Do you have difficulty seeing, even if wearing glasses?"] == (
        "Some difficulty"
    )
    (read,) = rows(archive, "demographic_answer_reads")
    assert read["what"] == "Demographic answers, page 1 of 1"
    (waitlist,) = rows(archive, "waitlists")
    assert waitlist["status"] == "Left the waitlist"


def test_the_csv_files_say_what_the_json_files_say(client):
    a, _b = two_people_with_records()
    archive = download(client, a.person)
    (demographics,) = csv_rows(archive, "demographic_answers")
    assert (
        demographics["race_and_ethnicity"] == "Black or African American; Hispanic or Latino/Latiné"
    )
    for kind in KINDS:
        from_json, from_csv = rows(archive, kind), csv_rows(archive, kind)
        assert len(from_json) == len(from_csv), kind
        for json_row, csv_row in zip(from_json, from_csv, strict=True):
            assert list(json_row) == list(csv_row), kind
            for key, value in json_row.items():
                if isinstance(value, str):
                    assert csv_row[key] == value, (kind, key)


def test_another_persons_data_is_never_in_the_zip(client):
    a, b = two_people_with_records()
    archive = download(client, a.person)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    for what, marker in b.markers.items():
        assert marker not in everything, f"{what} of the other person is in the export"
    for what, marker in a.markers.items():
        assert marker in everything, f"{what} is missing"


def test_the_download_is_in_the_audit_log(client):
    a, _b = two_people_with_records()
    download(client, a.person)
    entry = ModelLogEntry.objects.get(action="lms.privacy.export")
    assert entry.user_id == a.person.pk and entry.object_id == str(a.person.pk)
    assert entry.data["sections"]["certificates"] == 1
    assert a.markers["license"] not in json.dumps(entry.data)


def test_the_download_is_a_post_from_a_signed_in_person(client):
    assert client.post("/my/privacy/download/").status_code == 302
    a, _b = two_people_with_records()
    client.force_login(a.person)
    assert client.get("/my/privacy/download/").status_code == 405


def test_the_privacy_page_is_a_click_away_from_my_trainings(client):
    a, _b = two_people_with_records()
    client.force_login(a.person)
    dashboard = client.get("/my/").content.decode()
    assert 'href="/my/privacy/"' in dashboard
    page = client.get("/my/privacy/").content.decode()
    assert 'action="/my/privacy/download/"' in page
    assert "Download my data (ZIP)" in page


def test_the_csv_files_cannot_run_a_formula_typed_into_the_profile(client):
    """The ZIP's CSV files go through the one export helper (lms.exports), like every other."""
    a, _b = two_people_with_records()
    a.person.profile.printed_name = '=HYPERLINK("http://evil.example","Click")'
    a.person.profile.save()
    archive = download(client, a.person)
    (profile,) = csv_rows(archive, "profile")
    assert profile["printed_name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert rows(archive, "profile")[0]["printed_name"].startswith("=HYPERLINK")
