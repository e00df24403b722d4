"""Staff reports: figures against hand-computed values on tests/lms/report_data.py,
the permission matrix, and CSV/XLSX exports read back and compared with the screen."""

import csv
import datetime as dt
import io
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from openpyxl import load_workbook

from lms.models import ParticipantDemographics, Training
from lms.selectors import scholarships as selectors_scholarships
from lms.selectors.reports import (
    ReportFilters,
    equity_report,
    evaluations_report,
    participation_report,
    revenue_report,
    scholarships_report,
    technical_assistance_report,
)
from tests.factories import FacilitatorFactory, ProfileFactory, TrainingFactory, UserFactory

from . import report_data

pytestmark = pytest.mark.django_db
S = None
D = Decimal


def table(report, key):
    return next(t for t in report.tables if t.key == key)


def rows(report, key):
    return {row[0]: row[1:] for row in table(report, key).rows}


# --- Figures -----------------------------------------------------------------------------------
@pytest.fixture
def money():
    return report_data.registrations_and_money()


def test_participation_figures(money):
    report = participation_report(ReportFilters())
    assert rows(report, "summary") == {
        "Participants (unique people with a confirmed registration)": [3],
        "Registrations (any status)": [7],
        "Confirmed registrations": [4],
        "Sessions scheduled (not cancelled)": [2],
        "Sessions delivered": [1],
        "Seats offered": [30],
        "Seats filled": [4],
        "Share of seats filled (%)": [D("13.3")],
    }
    assert rows(report, "by_status") == {
        "Seat held, awaiting payment": [1],
        "Confirmed": [4],
        "Cancelled": [2],
        "Hold expired": [0],
    }
    assert table(report, "by_status").total == ["Total", 7]
    assert rows(report, "by_tier") == {
        "No fee tier (free or not chosen)": [0, 1, 1],
        "Individual – community": [1, 2, 0],
        "Individual – standard": [2, 3, 1],
        "Organization-paid (by budget): Under $500K": [1, 1, 0],
    }
    assert table(report, "by_tier").total == ["Total", 4, 7, 2]


def test_participation_filters(money):
    april = participation_report(ReportFilters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)))
    assert rows(april, "summary")["Registrations (any status)"] == [2]
    assert rows(april, "summary")["Participants (unique people with a confirmed registration)"] == [
        1
    ]
    in_person = participation_report(ReportFilters(format="in_person"))
    assert rows(in_person, "summary")["Registrations (any status)"] == [1]
    assert rows(in_person, "summary")["Sessions scheduled (not cancelled)"] == [0]
    by_training = participation_report(ReportFilters(training_id=money["training_b"].pk))
    assert rows(by_training, "by_status")["Cancelled"] == [1]
    by_topic = participation_report(ReportFilters(topic_id=money["topic"].pk))
    assert rows(by_topic, "summary")["Registrations (any status)"] == [6]


def test_revenue_figures(money):
    report = revenue_report(ReportFilters())
    # payments, gross, refunds, net, of which invoice (cents)
    assert rows(report, "by_tier") == {
        "Individual – community": [1, 4000, 1000, 3000, 0],
        "Individual – standard": [2, 20000, 10000, 10000, 0],
        "Organization-paid (by budget): Under $500K": [1, 6000, 0, 6000, 6000],
    }
    assert table(report, "by_tier").total == ["Total", 4, 30000, 11000, 19000, 6000]
    nothing = revenue_report(ReportFilters(training_id=money["training_b"].pk))
    assert table(nothing, "by_tier").total == ["Total", 0, 0, 0, 0, 0]


def test_scholarship_figures(money):
    report = scholarships_report(ReportFilters())
    # funded, offered, awarded, used, released (cents)
    assert rows(report, "per_fund") == {
        "Fund 1": ["Foundation X", 50000, 18000, 15000, 10000, 5000],
        "Fund 2": ["Foundation X", 20000, 0, 0, 0, 0],
        # The default supporter fund every database has (migration), empty here.
        "Pay it forward (supporter tier)": ["Supporters who pay it forward", 0, 0, 0, 0, 0],
    }
    assert rows(report, "per_sponsor") == {
        "Foundation X": ["Foundation", 70000, 18000, 15000, 10000, 5000],
        "Supporters who pay it forward": ["Supporter tier surplus", 0, 0, 0, 0, 0],
    }
    # Unfiltered, the per-fund figures are those of the existing fund report.
    for fund in selectors_scholarships.funds_with_totals():
        assert rows(report, "per_fund")[fund.name][1:] == [
            fund.funded_cents,
            fund.asked_cents,
            fund.awarded_cents,
            fund.used_cents,
            fund.released_cents,
        ]
    # Session period April: only p5's application and commitment/release; credits were in
    # February, outside the period.
    april = scholarships_report(ReportFilters(start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)))
    assert rows(april, "per_fund")["Fund 1"] == ["Foundation X", 0, 5000, 5000, 0, 5000]


def test_technical_assistance_figures(money):
    report = technical_assistance_report(ReportFilters())
    assert list(table(report, "by_month").rows) == [
        ["2026-03", 2, 1, 0, 1, 0],
        ["2026-08", 1, 0, 0, 0, 1],
    ]
    assert table(report, "by_month").total == ["Total", 3, 1, 0, 1, 1]
    # Participants p1, p2, p3; only p1 asked within 90 days of a session start.
    assert rows(report, "share") == {
        "Participants": [3],
        "Asked for TA within 90 days": [1],
        "Share (%)": [D("33.3")],
    }
    march = technical_assistance_report(
        ReportFilters(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    )
    assert table(march, "by_month").total == ["Total", 2, 1, 0, 1, 0]


def test_evaluation_figures():
    data = report_data.evaluations()
    report = evaluations_report(ReportFilters())
    assert rows(report, "value") == {
        "Rated 1": [1],
        "Rated 2": [1],
        "Rated 3": [1],
        "Rated 4": [2],
        "Rated 5": [2],
    }
    assert table(report, "value").total == ["Average", D("3.43")]  # 24 / 7
    assert rows(report, "per_training") == {"Training E": [D("3.50"), 7]}  # 49 / 14
    assert table(report, "per_question").rows == [
        ["Training E", "How valuable was this training to your organization?", D("3.43"), 7],
        ["Training E", "Overall rating", D("3.57"), 7],
    ]
    # X led the session with 5 responses (42 / 10); Y's 2 responses are not shown.
    assert rows(report, "per_facilitator") == {data["x"].name: [D("4.20"), 5]}
    only_second = evaluations_report(ReportFilters(start=dt.date(2026, 5, 10)))
    assert table(only_second, "value").rows == []
    assert table(only_second, "per_training").rows == []


IN_2026 = ReportFilters(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))


def test_equity_figures_are_suppressed():
    report_data.equity()
    report = equity_report(IN_2026)
    budget = rows(report, "budget")
    # Participants: 12 small, 10 large, 8 without an organization; organizations 1 and 1.
    # The 8 are hidden, and so are the 10 beside them (30 - 12 - 0 - 10 would give the 8).
    assert budget == {
        "Under $500K": [S, 12],
        "$500K to $5M": [0, 0],
        "Over $5M": [S, S],
        "Not reported, or no organization": [0, S],
        "Under $5M (the first two rows)": [S, 12],
    }
    assert table(report, "budget").total == ["Total", S, 30]
    # 8 people with no organization: hidden, and 10 with it (else 30 - 12 - 0 gives it away).
    assert rows(report, "led_by_underrepresented") == {
        "Yes": [S, 12],
        "No": [S, S],
        "Prefer not to answer": [0, 0],
        "Not reported": [0, S],
    }
    assert rows(report, "sub_sector")["Behavioral and mental health"] == [S, 12]
    assert rows(report, "sub_sector")["Housing and homelessness"] == [S, S]
    # Neither organization said how many people it employs.
    assert rows(report, "people_employed")["Not reported"] == [S, 30]
    assert table(report, "people_employed").total == ["Total", S, 30]
    assert rows(report, "race_ethnicity") == {
        "American Indian or Alaska Native only": [0],
        "Asian only": [0],
        "Black or African American only": [12],
        "Hispanic or Latino/Latiné only": [0],
        "Middle Eastern or North African only": [0],
        "Native Hawaiian or Pacific Islander only": [0],
        "White only": [10],
        "Two or more categories": [S],
        "Prefer not to answer": [S],
        "Question skipped": [0],
        "Did not answer the questions": [S],
    }
    assert table(report, "race_ethnicity").total == ["Total", 30]
    disability = table(report, "disability")
    assert [row[1] for row in disability.rows] == [11, 12, S, S]
    assert disability.total == ["Total", 30]


# --- Permissions -------------------------------------------------------------------------------
REPORTS = [
    "participation",
    "revenue",
    "scholarships",
    "technical-assistance",
    "evaluations",
    "equity",
]
ALLOWED = {
    "Program staff": {
        "participation",
        "scholarships",
        "technical-assistance",
        "evaluations",
        "equity",
    },
    "Finance": {"participation", "revenue", "scholarships"},
}


def _client_for(client, who):
    if who == "anonymous":
        return client
    if who in ALLOWED:
        user = report_data.staff_user(who)
    elif who == "Facilitators":
        user = UserFactory(groups=["Facilitators"])
        FacilitatorFactory(user=user)
    else:
        user = UserFactory()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "who", ["Program staff", "Finance", "Facilitators", "participant", "anonymous"]
)
def test_permission_matrix(client, who):
    report_data.registrations_and_money()
    client = _client_for(client, who)
    for slug in REPORTS:
        for suffix in ("", "?export=csv", "?export=xlsx"):
            response = client.get(f"/admin/indicators/{slug}/{suffix}")
            if slug in ALLOWED.get(who, ()):
                assert response.status_code == 200, (who, slug, suffix)
            elif who in ALLOWED:
                # Wagtail turns PermissionDenied into a redirect home with a message.
                assert response.status_code == 302, (who, slug, suffix)
                assert response["Location"] == "/admin/"
            else:  # no admin access at all: Wagtail sends them to its login page
                assert response.status_code == 302, (who, slug, suffix)
                assert "/admin/login/" in response["Location"]
    index = client.get("/admin/indicators/")
    assert index.status_code == (200 if who in ALLOWED else 302)
    # Row-level demographic answers: no group has the permission.
    rows_page = client.get("/admin/indicators/demographic-answers/")
    assert rows_page.status_code == 302
    home = client.get("/admin/")
    if who in ALLOWED:
        page = home.content.decode()
        assert "Coalition indicators" in page
        assert ("Net revenue" in page) == (who == "Finance")


def test_reports_menu_lists_only_allowed_reports(client):
    client.force_login(report_data.staff_user("Finance"))
    page = client.get("/admin/").content.decode()
    assert "/admin/indicators/revenue/" in page
    assert "/admin/indicators/equity/" not in page


def test_demographic_rows_need_the_dedicated_permission(client):
    report_data.equity()
    user = report_data.staff_user("Program staff")
    user.user_permissions.add(Permission.objects.get(codename="view_demographic_rows"))
    client.force_login(user)
    page = client.get("/admin/indicators/demographic-answers/").content.decode()
    assert "q0@example.org" in page and "A lot of difficulty" in page


# --- Exports against the screen ----------------------------------------------------------------
class TableParser(HTMLParser):
    """The report's tables as lists of cell texts, by table id."""

    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (attrs.get("id") or "").startswith("table-"):
            self.current = self.tables.setdefault(attrs["id"], [])
        elif self.current is not None and tag == "tr":
            self.row = []
        elif self.row is not None and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def normal(value) -> str:
    """Screen text, CSV text and XLSX values in one comparable form."""
    if value is None:
        return ""
    text = str(value).strip()
    if text in ("Suppressed", "suppressed"):
        return "suppressed"
    if text == "–":
        return ""
    number = text.replace("$", "").replace(",", "").rstrip("%")
    try:
        return str(Decimal(number).normalize())
    except ArithmeticError:
        return text


@pytest.mark.parametrize("slug", REPORTS)
def test_exports_match_the_screen(client, slug):
    report_data.all_data()
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    html = client.get(f"/admin/indicators/{slug}/").content.decode()
    parser = TableParser()
    parser.feed(html)
    screen = [[[normal(c) for c in row] for row in t] for t in parser.tables.values()]
    assert screen and all(len(t) > 1 for t in screen)

    response = client.get(f"/admin/indicators/{slug}/?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    if ["Notes"] in lines:  # the report's notes close the file, each as on the screen
        notes = lines[lines.index(["Notes"]) + 1 :]
        lines = lines[: lines.index(["Notes"])]
        assert notes and all(note[0] in html for note in notes)
    csv_tables, current = [], None
    for line in lines:
        if not line:
            current = None
        elif current is None:
            current = []
            csv_tables.append(current)  # the title line starts a table
        else:
            current.append([normal(c) for c in line])
    assert csv_tables == screen

    response = client.get(f"/admin/indicators/{slug}/?export=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    xlsx_tables = [
        [[normal(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
        if sheet.title != "Notes"
    ]
    assert xlsx_tables == screen


def test_report_filter_form_narrows_the_screen(client):
    data = report_data.registrations_and_money()
    client.force_login(report_data.staff_user("Program staff"))
    page = client.get(
        "/admin/indicators/participation/", {"training": data["training_b"].pk}
    ).content.decode()
    assert "Registrations by status" in page and "<svg" in page
    bad = client.get(
        "/admin/indicators/participation/", {"start": "2026-05-01", "end": "2026-04-01"}
    )
    assert "The period ends before it starts." in bad.content.decode()


def test_every_report_states_its_period_and_charts_keep_whole_labels(client):
    report_data.registrations_and_money()
    client.force_login(report_data.staff_user("Program staff"))
    page = client.get("/admin/indicators/participation/").content.decode()
    assert "<strong>Period:</strong> All time" in page
    assert "…" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    dated = client.get(
        "/admin/indicators/participation/", {"start": "2026-01-01", "end": "2026-03-31"}
    ).content.decode()
    assert "<strong>Period:</strong> January 1, 2026 to March 31, 2026" in dated


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (None, None, "All time"),
        (dt.date(2026, 7, 1), None, "From July 1, 2026"),
        (None, dt.date(2026, 6, 30), "Until June 30, 2026"),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "January 1, 2026 to December 31, 2026"),
    ],
)
def test_period_label(start, end, label):
    from lms.selectors.reports import ReportFilters

    assert ReportFilters(start=start, end=end).period_label == label


# --- Suppression across the filters: the differencing attack ------------------------------------
def visible_cells(report) -> dict[tuple[str, str, int], int]:
    return {
        (table.key, row[0], index): value
        for table in report.tables
        for row in [*table.rows, *([table.total] if table.total else [])]
        for index, value in enumerate(row[1:], start=1)
        if isinstance(value, int)
    }


def test_two_overlapping_selections_cannot_be_subtracted_to_single_someone_out():
    """30 people in training Q in June; one more Black participant alone in another training
    in August. Every pair of selections a user can choose is subtracted cell by cell: no
    difference may describe 1 to 9 people."""
    report_data.equity()
    other = TrainingFactory(title="Another training")
    session = report_data.session_on(other, "2026-08-04", capacity=10, fmt="virtual")
    lone = UserFactory(email="lone@example.org")
    ProfileFactory(user=lone)
    report_data.registration(session, lone)
    ParticipantDemographics.objects.create(
        person=lone, reported_on=dt.date(2026, 8, 1), race_black=True
    )
    training_q = Training.objects.get(title="Training Q")
    selections = [
        ReportFilters(),
        IN_2026,
        ReportFilters(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)),
        ReportFilters(start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30)),
        ReportFilters(start=dt.date(2026, 8, 1), end=dt.date(2026, 8, 31)),
        ReportFilters(training_id=training_q.pk),
        ReportFilters(training_id=other.pk),
        ReportFilters(format="virtual"),
        ReportFilters(format="in_person"),
    ]
    reports = [visible_cells(equity_report(filters)) for filters in selections]
    assert reports[0][("race_ethnicity", "Black or African American only", 1)] == 13
    for first, cells in enumerate(reports):
        for second, others in enumerate(reports):
            for key in cells.keys() & others.keys():
                difference = abs(cells[key] - others[key])
                assert not 0 < difference < 10, (selections[first], selections[second], key)


def test_a_period_with_too_few_people_is_refused_whole():
    lone = UserFactory(email="alone@example.org")
    ProfileFactory(user=lone)
    report_data.registration(
        report_data.session_on(TrainingFactory(), "2026-03-03", capacity=5), lone
    )
    report = equity_report(IN_2026)
    assert report.tables == []
    assert "Fewer than 10 people took part" in " ".join(report.notes)


def test_the_equity_page_offers_only_the_dates_and_says_what_it_describes(client):
    report_data.equity()
    client.force_login(report_data.staff_user("Program staff"))
    page = client.get("/admin/indicators/equity/", {"end": "2026-12-31"}).content.decode()
    assert 'name="end"' in page and 'name="training"' not in page and 'name="format"' not in page
    assert "All participants of the coalition from January 1, 2026 to" in page
    participation = client.get("/admin/indicators/participation/").content.decode()
    assert 'name="training"' in participation
