"""Staff reports in the Wagtail admin: /admin/indicators/<report>/, listed in
Wagtail's own Reports menu, each with filters, server-drawn SVG bar charts beside accessible
tables, and CSV/XLSX export of every table; plus the indicators panel on the admin home page.

Registered from lms/wagtail_hooks.py. The figures come from lms.selectors.reports; this
module only checks permissions, reads the filter form and lays tables out.
"""

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django import forms
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.admin.toolkit import PermissionMenuItem
from lms.exports import csv_response, xlsx_append
from lms.models import DeliveryFormat, Topic, Training
from lms.rules.money import dollars, dollars_plain
from lms.rules.participation import quarter_of
from lms.selectors import reports as selectors_reports
from lms.selectors.facilitators import facilitator_representation_report
from lms.selectors.gatherings import attendance_counts, gathering_participation_report
from lms.selectors.surveys import partner_requests_report
from lms.services.privacy import demographic_access_record

PROGRAM = "lms.view_program_reports"
FINANCE = "lms.view_finance_reports"


@dataclass(frozen=True)
class ReportPage:
    """One report: its address, its title, who may open it, and the selector that builds it.
    The reports index, the Reports menu and the home page panel all list these."""

    slug: str
    title: str
    description: str
    permissions: tuple[str, ...]  # any one of them opens the report
    build: Callable[[selectors_reports.ReportFilters], selectors_reports.Report]
    filters: tuple[str, ...] = ("start", "end", "training", "topic", "format")

    def allowed(self, user) -> bool:
        return any(user.has_perm(permission) for permission in self.permissions)

    @property
    def url(self) -> str:
        return reverse("lms_reports:report", args=[self.slug])


REPORT_PAGES = [
    ReportPage(
        "participation",
        "Participation",
        "Participants, registrations by status and fee tier, sessions delivered, seats filled.",
        (PROGRAM, FINANCE),
        selectors_reports.participation_report,
    ),
    ReportPage(
        "revenue",
        "Revenue",
        "Gross, refunds and net by fee tier.",
        (FINANCE,),
        selectors_reports.revenue_report,
    ),
    ReportPage(
        "scholarships",
        "Scholarships",
        "Funded, offered, awarded, used and released per fund and sponsor.",
        (PROGRAM, FINANCE),
        selectors_reports.scholarships_report,
    ),
    ReportPage(
        "technical-assistance",
        "Technical assistance",
        "TA requests by month and status; participants asking for TA after a training.",
        (PROGRAM,),
        selectors_reports.technical_assistance_report,
    ),
    ReportPage(
        "evaluations",
        "Evaluations",
        "Average ratings per question, training and facilitator; value to the organization.",
        (PROGRAM,),
        selectors_reports.evaluations_report,
    ),
    ReportPage(
        "equity",
        "Equity participation",
        "Organizations by budget, leadership and sub-sector; participants by voluntary "
        "demographic answers (small counts hidden).",
        (PROGRAM,),
        selectors_reports.equity_report,
        # Dates pick the year; narrower selections could be subtracted (docs/reports.md).
        filters=("start", "end"),
    ),
    ReportPage(
        "gathering-participation",
        "Gathering participation",
        "Attendance by quarter and event kind (LAC meetings, advocacy days, ...); participating "
        "organizations by leadership, budget and sub-sector beside all coalition partners "
        "(small counts hidden).",
        (PROGRAM,),
        gathering_participation_report,
        filters=("start", "end"),
    ),
    ReportPage(
        "partner-requests",
        "What partners ask for",
        "Topics partners asked for in surveys beside the CE sessions offered on them and "
        "their fill rates.",
        (PROGRAM,),
        partner_requests_report,
        filters=("start", "end"),
    ),
    ReportPage(
        "facilitators",
        "Facilitator representation",
        "Sessions led by facilitators from historically marginalized communities and with "
        "lived experience (small counts hidden).",
        (PROGRAM,),
        facilitator_representation_report,
        # Dates pick the year, as for equity.
        filters=("start", "end"),
    ),
]
PAGES = {page.slug: page for page in REPORT_PAGES}


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    training = forms.ModelChoiceField(
        Training.objects.order_by("title"), required=False, empty_label="All trainings"
    )
    topic = forms.ModelChoiceField(
        Topic.objects.order_by("name"), required=False, empty_label="All topics"
    )
    format = forms.ChoiceField(
        choices=[("", "All formats"), *DeliveryFormat.choices], required=False
    )

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(fields or self.fields):
            del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The period ends before it starts.")
        return cleaned

    def filters(self) -> selectors_reports.ReportFilters:
        if not self.is_valid():
            return selectors_reports.ReportFilters()
        data = self.cleaned_data
        return selectors_reports.ReportFilters(
            start=data["start"],
            end=data["end"],
            training_id=data["training"].pk if data.get("training") else None,
            topic_id=data["topic"].pk if data.get("topic") else None,
            format=data.get("format", ""),
        )


# --- Values on screen and in files -----------------------------------------------------------
def screen_value(value, kind: str, *, suppressed: bool) -> str:
    if value is None:
        return "Suppressed" if suppressed else "–"
    if kind == "money":
        return dollars(value)
    if kind == "count":
        return f"{value:,}"
    if kind == "percent":
        return f"{value}%"
    return str(value)


def file_value(value, kind: str, *, suppressed: bool):
    """The same number for CSV and XLSX: dollars for money, plain numbers, text labels."""
    if value is None:
        return "suppressed" if suppressed else ""
    if kind == "money":
        return Decimal(dollars_plain(value))
    return value


def _rows_with_total(table):
    return [*table.rows, *([table.total] if table.total else [])]


def report_csv(report, filename: str) -> HttpResponse:
    rows = []
    for table in report.tables:
        rows.append([table.title])
        rows.append([column.label for column in table.columns])
        for row in _rows_with_total(table):
            rows.append(
                [
                    file_value(value, column.kind, suppressed=table.suppressed)
                    for value, column in zip(row, table.columns, strict=True)
                ]
            )
        rows.append([])
    if report.notes:
        rows += [["Notes"], *([note] for note in report.notes)]
    return csv_response(rows, filename=f"{filename}.csv")


def report_xlsx(report, filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in report.tables:
        name = table.title[:31].replace("/", "-")
        while name in used:
            name = name[:28] + f" {len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        xlsx_append(sheet, [column.label for column in table.columns])
        for row in _rows_with_total(table):
            values = []
            for value, column in zip(row, table.columns, strict=True):
                value = file_value(value, column.kind, suppressed=table.suppressed)
                values.append(float(value) if isinstance(value, Decimal) else value)
            xlsx_append(sheet, values)
            for cell, column in zip(sheet[sheet.max_row], table.columns, strict=True):
                if column.kind == "money" and isinstance(cell.value, float):
                    cell.number_format = '"$"#,##0.00'
    if report.notes or not report.tables:  # a refused breakdown still says why
        sheet = workbook.create_sheet("Notes")
        for note in report.notes:
            xlsx_append(sheet, [note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# --- Charts: horizontal bars drawn on the server ---------------------------------------------
CHART_WIDTH = 640
LABEL_HEIGHT = 18  # each bar's label sits on its own line above it, whole
BAR_HEIGHT = 20
BAR_GAP = 10
VALUE_ROOM = 110


def bar_chart(table, index: int) -> dict | None:
    """Geometry for an SVG bar chart of column `index`; None when there is nothing to draw."""
    if table.chart_column is None or not table.rows:
        return None
    column = table.columns[table.chart_column]
    values = [row[table.chart_column] for row in table.rows]
    numbers = [float(v) for v in values if v is not None]
    top = max(numbers, default=0)
    if top <= 0:
        return None
    room = CHART_WIDTH - VALUE_ROOM
    row_height = LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP
    bars = []
    for position, (row, value) in enumerate(zip(table.rows, values, strict=True)):
        label = " – ".join(str(part) for part in row[: table.chart_column] if part != "")
        top_y = position * row_height
        width = 0 if value is None else round(room * float(value) / top, 1)
        bars.append(
            {
                "label": label,
                "label_y": top_y + LABEL_HEIGHT - 5,
                "y": top_y + LABEL_HEIGHT,
                "text_y": top_y + LABEL_HEIGHT + BAR_HEIGHT * 0.75,
                "width": width,
                "value_x": width + 6,
                "value": screen_value(value, column.kind, suppressed=table.suppressed),
            }
        )
    return {
        "id": f"chart-{index}",
        "title": f"{table.title}: {column.label}",
        "height": len(bars) * row_height,
        "width": CHART_WIDTH,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }


def _screen_table(table, index: int) -> dict:
    def cells(row):
        return [
            screen_value(value, column.kind, suppressed=table.suppressed)
            for value, column in zip(row, table.columns, strict=True)
        ]

    return {
        "table": table,
        "id": f"table-{index}",
        "rows": [cells(row) for row in table.rows],
        "total": cells(table.total) if table.total else None,
        "chart": bar_chart(table, index),
    }


# --- Views ------------------------------------------------------------------------------------
class ReportIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/admin/reports/index.html"
    page_title = "Indicators and reports"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        self.pages = [page for page in REPORT_PAGES if page.allowed(request.user)]
        if not self.pages:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "pages": self.pages}


class ReportPageView(WagtailAdminTemplateMixin, TemplateView):
    """One report: filters, then each table with its chart; ?export=csv|xlsx for files."""

    template_name = "lms/admin/reports/report.html"
    header_icon = "table"

    def dispatch(self, request, slug: str, *args, **kwargs):
        self.page = PAGES.get(slug)
        if self.page is None:
            raise Http404
        if not self.page.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, slug, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.form = ReportFilterForm(request.GET or None, fields=self.page.filters)
        self.filters = self.form.filters()
        self.report = self.page.build(self.filters)
        export = request.GET.get("export")
        filename = f"{slugify(self.page.title)}-{timezone.localdate():%Y-%m-%d}"
        if export == "csv":
            return report_csv(self.report, filename)
        if export == "xlsx":
            return report_xlsx(self.report, filename)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("lms_reports:index"), "label": "Reports"},
            {"url": "", "label": self.page.title},
        ]

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("export", None)
        return {
            **super().get_context_data(**kwargs),
            "page": self.page,
            "report": self.report,
            "period": self.filters.period_label,
            "form": self.form,
            "tables": [_screen_table(table, i) for i, table in enumerate(self.report.tables)],
            "query": query.urlencode(),
        }


ROW_PERMISSION = "lms.view_demographic_rows"


@permission_required(ROW_PERMISSION, raise_exception=True)
def demographic_rows(request):
    """Answers person by person: only with the dedicated permission (docs/reports.md), and
    every page shown is logged (lms.services.privacy.demographic_access_record)."""
    from django.core.paginator import Paginator

    from lms.models import ParticipantDemographics
    from lms.models.demographics import RACE_ETHNICITY_CATEGORIES, WASHINGTON_GROUP_DOMAINS

    answers = ParticipantDemographics.objects.select_related("person").order_by("person__email")
    page = Paginator(answers, 100).get_page(request.GET.get("p"))
    labels = dict(RACE_ETHNICITY_CATEGORIES)
    rows = [
        {
            "person": answer.person,
            "race": "Prefer not to answer"
            if answer.race_prefer_not
            else "; ".join(labels[name] for name in answer.race_categories),
            "difficulties": [
                getattr(answer, f"get_{name}_display")() for name, _ in WASHINGTON_GROUP_DOMAINS
            ],
            "reported_on": answer.reported_on,
        }
        for answer in page
    ]
    demographic_access_record(
        by=request.user,
        person_ids=[row["person"].pk for row in rows],
        what=f"Demographic answers, person by person: page {page.number} of "
        f"{page.paginator.num_pages}",
        path=request.get_full_path(),
    )
    return render(
        request,
        "lms/admin/reports/demographic_rows.html",
        {"rows": rows, "page": page, "domains": [name[3:] for name, _ in WASHINGTON_GROUP_DOMAINS]},
    )


def get_urlpatterns():
    return [
        path("", ReportIndexView.as_view(), name="index"),
        path("demographic-answers/", demographic_rows, name="demographic_rows"),
        path("<slug:slug>/", ReportPageView.as_view(), name="report"),
    ]


def report_menu_item(page: ReportPage, order: int) -> PermissionMenuItem:
    return PermissionMenuItem(
        page.title,
        page.url,
        name=f"indicators-{page.slug}",
        icon_name="table",
        order=order,
        permission=page.permissions,
    )


def report_menu_hooks() -> list[Callable[[], PermissionMenuItem]]:
    """One register_reports_menu_item hook per report page, in the list's order: Wagtail's own
    Reports menu lists each report a user may open."""
    return [
        partial(report_menu_item, page, order=900 + position)
        for position, page in enumerate(REPORT_PAGES)
    ]


# --- The home page panel ---------------------------------------------------------------------
class IndicatorsPanel(Component):
    """Headline indicators for the last 12 months, for anyone who may see a report."""

    name = "coalition_indicators"
    order = 50
    template_name = "lms/admin/reports/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        filters = selectors_reports.ReportFilters(start=today - dt.timedelta(days=365), end=today)
        user = self.request.user
        with_revenue = PAGES["revenue"].allowed(user)
        return {
            "figures": selectors_reports.headline_indicators(filters, with_revenue=with_revenue),
            "start": filters.start,
            "end": filters.end,
            "pages": [page for page in REPORT_PAGES if page.allowed(user)],
            "with_revenue": with_revenue,
            # Shown to those who may open the report it links to.
            "lac": self.lac_attendance(today)
            if PAGES["gathering-participation"].allowed(user)
            else None,
        }

    def lac_attendance(self, today):
        quarter = quarter_of(today)
        return {
            "label": quarter.label,
            "url": PAGES["gathering-participation"].url,
            **attendance_counts(start=quarter.start, end=quarter.end),
        }


def homepage_panels(request, panels):
    if any(page.allowed(request.user) for page in REPORT_PAGES):
        panels.append(IndicatorsPanel(request))
