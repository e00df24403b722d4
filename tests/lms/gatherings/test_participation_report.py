"""The gathering participation report: attendance by quarter and kind, organizations by
group beside all coalition partners, small counts suppressed; the admin home's LAC figure."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from lms.models import AttendanceRecord, AttendanceSource, BudgetBand, EventKind
from lms.models.demographics import OrganizationSelfReport
from lms.rules.participation import quarter_of
from lms.selectors.gatherings import attendance_counts, gathering_participation_report
from lms.selectors.reports import ReportFilters
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def organization(
    name, *, black=False, band=BudgetBand.UNDER_500K, reported_days_ago=30, partner=True
):
    today = timezone.localdate()
    reported = today - dt.timedelta(days=reported_days_ago)
    org = OrganizationFactory(
        name=name, budget_band=band, budget_band_reported_on=reported, is_coalition_partner=partner
    )
    OrganizationSelfReport.objects.create(
        organization=org,
        leaders_black=black,
        led_by_underrepresented="yes" if black else "no",
        leadership_reported_on=reported,
        sub_sector_reported_on=reported,
    )
    return org


def attend(session, org, *, on_behalf=True):
    person = ProfileFactory(organization=org if not on_behalf else None).user
    registration = RegistrationFactory(
        session=session, person=person, organization=org if on_behalf else None
    )
    meeting = session.meetings.get()
    AttendanceRecord.objects.create(
        registration=registration,
        meeting=meeting,
        arrived_at=meeting.starts_at,
        minutes_present=60,
        source=AttendanceSource.SIGN_IN_SHEET,
    )
    return registration


def this_quarter_days_ago() -> int:
    """A day this quarter before today (today itself on a quarter's first day)."""
    today = timezone.localdate()
    return min(1, (today - quarter_of(today).start).days)


@pytest.fixture
def lac_this_quarter():
    training = TrainingFactory(kind=EventKind.LAC_MEETING, region="North")
    return SessionFactory(training=training, meeting__days_ahead=-this_quarter_days_ago())


def group_row(table, label):
    return next(row for row in table.rows if row[0] == label)


def test_groups_of_participating_organizations_beside_the_coalition(lac_this_quarter):
    led = [organization(f"Led {n}", black=True) for n in range(12)]
    others = [organization(f"Other {n}", band=BudgetBand.OVER_5M) for n in range(12)]
    for n in range(10):  # partners whose answers are over a year old
        organization(f"Stale {n}", black=True, reported_days_ago=400)
    for org in led + others[:10]:
        attend(lac_this_quarter, org)
    attend(lac_this_quarter, led[0])  # a second person: the organization counts once
    attend(lac_this_quarter, others[10], on_behalf=False)  # their profile's organization
    report = gathering_participation_report(ReportFilters())
    attendance = report.tables[0]
    quarter = quarter_of(timezone.localdate())
    assert attendance.rows == [[f"{quarter.label} (in progress)", "LAC meeting", 1, 24, 23]]
    (groups,) = report.tables[1:]
    assert groups.title == f"LAC meetings, {quarter.label}, organizations by group"
    black = group_row(groups, "Leaders include: Black or African American")
    assert black[1] == 12 and float(black[2]) == 52.2  # 12 of 23
    assert black[3] == 12  # of 34 partners: the stale ten count as not reported
    assert float(black[4]) == 35.3
    not_reported = group_row(groups, "Leadership: not reported, or reported more than a year ago")
    assert not_reported[1] == 0 and not_reported[3] == 10
    under = group_row(groups, "Annual budget under $5M")
    assert under[1] == 12 and under[3] == 12  # stale budgets too are not reported
    assert groups.total[1] == 23 and groups.total[3] == 34


def test_small_counts_are_suppressed(lac_this_quarter):
    for n in range(11):
        attend(lac_this_quarter, organization(f"Org {n}", black=n < 3))
    report = gathering_participation_report(ReportFilters())
    (groups,) = report.tables[1:]
    black = group_row(groups, "Leaders include: Black or African American")
    assert black[1] is None and black[2] is None  # 3 of 11
    under = group_row(groups, "Annual budget under $5M")
    assert under[1] == 11  # everyone: the rest is zero
    led = group_row(groups, "Led by people from historically underrepresented communities")
    assert led[1] is None  # 3, and the rest 8: both small
    assert groups.suppressed


def test_too_few_organizations_hide_every_group(lac_this_quarter):
    for n in range(4):
        attend(lac_this_quarter, organization(f"Org {n}", black=True))
    (groups,) = gathering_participation_report(ReportFilters()).tables[1:]
    assert all(row[1] is None for row in groups.rows)
    assert groups.total[1] is None


def test_ce_trainings_are_counted_in_attendance_but_not_compared(lac_this_quarter):
    ce = SessionFactory(meeting__days_ahead=-this_quarter_days_ago())
    attend(ce, organization("CE org"))
    report = gathering_participation_report(ReportFilters())
    kinds = [row[1] for row in report.tables[0].rows]
    assert kinds == ["CE training"]
    assert len(report.tables) == 1


def test_lac_attendance_this_quarter_for_the_home_panel(client, lac_this_quarter):
    attend(lac_this_quarter, organization("A"))
    attend(lac_this_quarter, organization("A2"))
    advocacy = SessionFactory(
        training=TrainingFactory(kind=EventKind.ADVOCACY_DAY),
        meeting__days_ahead=-this_quarter_days_ago(),
    )
    attend(advocacy, organization("B"))
    quarter = quarter_of(timezone.localdate())
    counts = attendance_counts(start=quarter.start, end=quarter.end)
    assert counts == {"people": 2, "organizations": 2, "sessions": 1}
    client.force_login(StaffFactory(groups=["Program staff"]))
    page = client.get("/admin/").content.decode()
    assert f"LAC meeting attendance, {quarter.label}" in page
    assert "2 people from 2 organizations" in page
    client.force_login(StaffFactory(groups=["Finance"]))  # may not open that report
    assert "LAC meeting attendance" not in client.get("/admin/").content.decode()


def test_report_page_and_downloads(client, lac_this_quarter):
    for n in range(12):
        attend(lac_this_quarter, organization(f"Org {n}", black=True))
    client.force_login(StaffFactory(groups=["Program staff"]))
    page = client.get("/admin/indicators/gathering-participation/").content.decode()
    assert "Gathering participation" in page and "LAC meetings" in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/admin/indicators/gathering-participation/?export=csv").content.decode()
            )
        )
    )
    assert [
        "Group",
        "Participating organizations",
        "Share of participating",
        "Coalition partner organizations",
        "Share of coalition partners",
    ] in rows
    assert ["Leaders include: Black or African American", "12", "100.0", "12", "100.0"] in rows
    workbook = load_workbook(
        io.BytesIO(client.get("/admin/indicators/gathering-participation/?export=xlsx").content)
    )
    assert len(workbook.worksheets) >= 2
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get("/admin/indicators/gathering-participation/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_query_count_does_not_grow_with_the_data(lac_this_quarter):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            gathering_participation_report(ReportFilters())
        return len(captured)

    attend(lac_this_quarter, organization("First"))
    few = queries()
    advocacy = SessionFactory(
        training=TrainingFactory(kind=EventKind.ADVOCACY_DAY),
        meeting__days_ahead=-this_quarter_days_ago(),
    )
    for n in range(15):
        attend(advocacy, organization(f"More {n}"))
        attend(lac_this_quarter, organization(f"Yet more {n}"))
    assert queries() == few <= 3
