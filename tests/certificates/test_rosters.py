"""Licensing-board rosters: the rows (pure), the CE Broker upload, refusals of bad license
numbers, the export log, and the reporting status with days left; the XLSX read back and
compared cell by cell with the certificates."""

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
import time_machine
from openpyxl import load_workbook

from certificates.models import AccreditingBody, Certificate, RosterExport
from certificates.rosters import (
    Completion,
    ce_broker_rows,
    license_number_problem,
    reporting_days_left,
    roster_rows,
)
from certificates.services import registration_certificates_issue
from lms.models import Profile, Registration

from .helpers import certified_session

IL = r"^\d{3}\.\d{6}$"


@pytest.mark.parametrize(
    ("number", "pattern", "problem"),
    [
        ("149.087321", IL, ""),
        (" 149.087321 ", IL, ""),
        ("", IL, "no license number"),
        ("   ", "", "no license number"),
        ("149087321", IL, "not in the board's format"),
        ("LCSW", "", "does not look like one"),
        ("149 087", "", "does not look like one"),
        ("CADC-77120", "", ""),
        ("149.087321", "([", "not a valid pattern"),
    ],
)
def test_license_number_problem(number, pattern, problem):
    found = license_number_problem(number, pattern)
    assert (problem in found) if problem else found == ""


def _completion(serial, name, number, hours, approved=None, license_type="LCSW"):
    return Completion(
        serial=serial,
        name=name,
        license_type=license_type,
        license_number=number,
        license_state="IL",
        dates=[dt.date(2026, 3, 12), dt.date(2026, 3, 19)],
        hours=hours,
        approved_hours=approved or hours,
        course_number="20-123456",
        course_id="T7",
    )


FULL = _completion("CE-1", "Bea Full", "149.000001", {"general": D("2"), "ethics": D("1")})
PART = _completion(
    "CE-2",
    "Al Partial",
    "149.000002",
    {"general": D("1"), "ethics": D("0.5")},
    approved={"general": D("2"), "ethics": D("1")},
)
NO_NUMBER = _completion("CE-3", "Cy None", "", {"general": D("3")})
BAD_NUMBER = _completion("CE-4", "Di Bad", "149-2", {"general": D("3")})
NO_CODE = _completion("CE-5", "Ed Other", "149.000005", {"general": D("3")}, license_type="LMFT")


def test_plain_roster_rows_have_a_column_per_category_and_sort_by_name():
    rows = roster_rows([FULL, PART], {"general": "General", "ethics": "Ethics"})
    assert rows == [
        ["Name", "License type", "License number", "License state", "First date",
         "Last date", "General hours", "Ethics hours", "Total hours", "Certificate serial"],
        ["Al Partial", "LCSW", "149.000002", "IL", dt.date(2026, 3, 12), dt.date(2026, 3, 19),
         D("1"), D("0.5"), D("1.5"), "CE-2"],
        ["Bea Full", "LCSW", "149.000001", "IL", dt.date(2026, 3, 12), dt.date(2026, 3, 19),
         D("2"), D("1"), D("3"), "CE-1"],
    ]  # fmt: skip


def test_ce_broker_rows_full_partial_and_refused():
    rows, refused = ce_broker_rows(
        [FULL, PART, NO_NUMBER, BAD_NUMBER, NO_CODE],
        provider_number="50-1234",
        profession_codes={"LCSW": "CSW"},
        subject_codes={"general": "GEN", "ethics": "ETH"},
        license_pattern=IL,
    )
    base = ["1234", "123456", "T7", ""]
    last = dt.date(2026, 3, 19)
    assert rows == [
        [*base, "149.000002", last, "State=IL", "Profession=CSW", "GEN", D("1")],
        [*base, "149.000002", last, "State=IL", "Profession=CSW", "ETH", D("0.5")],
        [*base, "149.000001", last, "State=IL", "Profession=CSW", "", ""],
    ]
    assert [(r.serial, r.reason) for r in refused] == [
        ("CE-3", "no license number"),
        ("CE-4", "license number 149-2 is not in the board's format"),
        ("CE-5", "no CE Broker profession code for LMFT"),
    ]


def test_ce_broker_refuses_partial_credit_where_the_board_gives_none():
    rows, refused = ce_broker_rows(
        [PART],
        provider_number="1234",
        profession_codes={"LCSW": "CSW"},
        subject_codes={"general": "GEN", "ethics": "ETH"},
        partial_allowed=False,
    )
    assert rows == []
    assert "partial credit" in refused[0].reason


@pytest.mark.parametrize(
    ("last", "today", "left"),
    [
        (dt.date(2026, 3, 12), dt.date(2026, 3, 12), 30),
        (dt.date(2026, 3, 12), dt.date(2026, 4, 10), 1),
        (dt.date(2026, 3, 12), dt.date(2026, 4, 11), 0),
        (dt.date(2026, 3, 12), dt.date(2026, 4, 15), -4),
    ],
)
def test_days_left(last, today, left):
    assert reporting_days_left(last_date=last, deadline_days=30, today=today) == left


# --- Through the admin ---------------------------------------------------------------------


def _session_with_certificates():
    """Three LSW participants with social-work certificates; one without a license number
    and one with a malformed one."""
    session, approval, registrations = certified_session(participants=4)
    Profile.objects.filter(user=registrations[1].person).update(license_number="")
    Profile.objects.filter(user=registrations[2].person).update(license_number="15O.1OOOO2")
    for registration in Registration.objects.filter(pk__in=[r.pk for r in registrations]):
        registration_certificates_issue(registration=registration)
    body = approval.body
    body.license_number_pattern = IL
    body.reporting_required = True
    body.save()
    return session, body


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _export(client, **data):
    response = client.post("/admin/roster-exports/board/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    export = RosterExport.objects.latest("pk")
    assert response["Location"] == f"/admin/roster-exports/inspect/{export.pk}/"
    return export


@pytest.mark.django_db
def test_roster_xlsx_read_back_matches_the_certificates_cell_by_cell(staff_client):
    session, body = _session_with_certificates()
    export = _export(staff_client, body=body.pk, session=session.pk, format="xlsx", reported="on")
    download = staff_client.get(f"/admin/roster-exports/{export.pk}/download/")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert cells[0] == [
        "Name", "License type", "License number", "License state", "First date", "Last date",
        "General hours", "Ethics hours", "Total hours", "Certificate serial",
    ]  # fmt: skip
    certificates = Certificate.objects.filter(
        registration__session=session, approval__body=body, status=Certificate.Status.VALID
    ).order_by("printed_name")
    good = [c for c in certificates if not license_number_problem(c.license_number, IL)]
    assert len(good) == 2 and len(cells) == 3
    for row, certificate in zip(cells[1:], good, strict=True):
        profile = certificate.registration.person.profile
        assert row == [
            certificate.printed_name,
            certificate.license_type,
            certificate.license_number,
            profile.license_state,
            dt.datetime.combine(certificate.dates()[0], dt.time()),  # XLSX dates are datetimes
            dt.datetime.combine(certificate.dates()[-1], dt.time()),
            float(certificate.hours["general"]),
            float(certificate.hours["ethics"]),
            float(certificate.total_hours),
            certificate.serial,
        ]

    # Logged: who, which certificates, which rows refused and why.
    assert export.created_by.groups.filter(name="Program staff").exists()
    assert set(export.certificates.all()) == set(good)
    assert sorted(r["reason"] for r in export.refused) == [
        "license number 15O.1OOOO2 is not in the board's format",
        "no license number",
    ]
    page = " ".join(
        staff_client.get(f"/admin/roster-exports/inspect/{export.pk}/").content.decode().split()
    )
    assert "no license number" in page and "not in the board&#x27;s format" in page
    # The session now counts as reported to the body.
    board = " ".join(staff_client.get("/admin/roster-exports/board/").content.decode().split())
    assert f"Yes, {export.created_at:%b} " in board


@pytest.mark.django_db
def test_ce_broker_upload_and_days_left(staff_client):
    session, body = _session_with_certificates()
    body.roster_format = AccreditingBody.RosterFormat.CE_BROKER
    body.provider_number = "50-0001234"
    body.ce_broker_profession_codes = "LSW=SW, LCSW=CSW"
    body.save()
    # The helper's meeting is on March 12, 2026: the deadline is April 11.
    with time_machine.travel(dt.datetime(2026, 4, 1, 12, 0, tzinfo=dt.UTC)):
        board = _text(staff_client.get("/admin/roster-exports/board/"))
    assert "Illinois social work (IDFPR) 4 No 10 days (deadline 30 days)" in board
    with time_machine.travel(dt.datetime(2026, 4, 15, 12, 0, tzinfo=dt.UTC)):
        board = _text(staff_client.get("/admin/roster-exports/board/"))
    assert "4 No 4 days overdue" in board

    export = _export(staff_client, body=body.pk, session=session.pk, format="ce_broker")
    assert not export.reported
    data = b"".join(
        staff_client.get(f"/admin/roster-exports/{export.pk}/download/").streaming_content
    )
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]
    good = Certificate.objects.filter(pk__in=export.certificates.all()).order_by("printed_name")
    assert rows == [
        [
            "0001234",
            c.approval.approval_number,
            f"T{session.training_id}",
            None,
            c.license_number,
            dt.datetime(2026, 3, 12),
            "State=IL",
            "Profession=SW",
            None,
            None,
        ]
        for c in good
    ]
    assert len(export.refused) == 2


@pytest.mark.django_db
def test_a_period_needs_both_days(staff_client):
    _session, body = _session_with_certificates()
    response = staff_client.post(
        "/admin/roster-exports/board/", {"body": body.pk, "format": "csv", "start": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "Choose a session, or a period" in response.content.decode()
    export = _export(staff_client, body=body.pk, format="csv", start="2026-03-01", end="2026-03-31")
    assert export.certificates.count() == 2 and export.period_end == dt.date(2026, 3, 31)
