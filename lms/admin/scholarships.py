"""Staff admin for scholarship funds, the application review queue, waitlists and invoices.

Registered from lms/wagtail_hooks.py. Money and status never change through a plain edit form:
awarding, declining, crediting a fund and moving someone on a waitlist are their own views
that call the services."""

from django import forms
from django.urls import path, reverse_lazy
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from lms.admin.invoices import InvoiceViewSet
from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    DollarsColumn,
    FormulaSafeExportMixin,
    NullSafeExportMixin,
    ObjectAction,
    ObjectActionsViewSet,
    PermissionMenuViewSet,
    may_become,
)
from lms.admin.waitlists import WaitlistViewSet
from lms.models import (
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    Session,
)
from lms.money import DollarsField
from lms.rules.money import dollars
from lms.selectors import scholarships as selectors_scholarships
from lms.services.scholarship_ledger import fund_credit, fund_position_read
from lms.services.scholarships import scholarship_award, scholarship_decline


class ApplicationFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=ScholarshipApplication.Status.choices)
    fund = ModelChoiceFilter(queryset=ScholarshipFund.objects.all())
    session = ModelChoiceFilter(
        queryset=Session.objects.select_related("training").order_by("-starts_at")
    )
    coverage = ChoiceFilter(choices=ScholarshipApplication.Coverage.choices)

    class Meta:
        model = ScholarshipApplication
        fields = ["status", "fund", "session", "coverage"]


class ApplicationIndexView(NullSafeExportMixin, ActionIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("person__profile__organization", "session__training", "fund")
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("award", "Award"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    amount = DollarsField(
        label="Amount to award (dollars)",
        required=False,
        help_text="Leave empty to award what was asked.",
    )
    message = forms.CharField(
        label="Message to the applicant",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required when declining.",
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["amount_cents"] = None
        if cleaned.get("decision") == "award":
            cleaned["amount_cents"] = cleaned.get("amount")
        else:
            self.errors.pop("amount", None)  # not asked for when declining: ignore
        if cleaned.get("decision") == "decline" and not (cleaned.get("message") or "").strip():
            self.add_error("message", "Please write a message for the applicant.")
        return cleaned


class ApplicationReviewView(ActionFormView):
    permission_required = "lms.change_scholarshipapplication"
    page_title = "Review scholarship application"
    submit_button_label = "Record decision"
    form_class = ReviewForm
    success_url = reverse_lazy("lms_scholarship_applications:index")
    queryset = ScholarshipApplication.objects.select_related(
        "person__profile__organization", "session__training", "fund", "registration"
    )

    def get_page_subtitle(self):
        return str(self.object.person)

    def get_summary(self):
        application = self.object
        context = selectors_scholarships.applicant_context(application=application)
        organization = context["organization"]
        available = fund_position_read(fund=application.fund).available_cents
        return [
            f"Session: {application.session}. Fee after other discounts: "
            f"{dollars(application.registration.amount_cents)}.",
            f"Asked: {dollars(application.amount_requested_cents)} "
            f"({application.get_coverage_display().lower()}) from {application.fund} "
            f"(available {dollars(available)}).",
            "Organization: "
            + (
                f"{organization.name}, budget {organization.get_budget_band_display() or 'unknown'}"
                if organization
                else "none recorded"
            )
            + (
                "; led by people from historically underrepresented communities (attested)."
                if application.leads_underrepresented
                else "."
            ),
            f"Past awards: {context['past_awards']} ({dollars(context['past_awarded_cents'])}). "
            f"Confirmed registrations: {context['confirmed_registrations']}; "
            f"cancelled: {context['cancelled_registrations']}.",
            f"Need statement: {application.need_statement}",
            f"Decision due by {application.decision_due_at:%b %d, %Y %H:%M} (the seat is held "
            "until then).",
        ]

    def perform(self, form):
        if form.cleaned_data["decision"] == "award":
            return scholarship_award(
                application=self.object,
                amount_cents=form.cleaned_data["amount_cents"],
                by=self.request.user,
                message=form.cleaned_data["message"],
            )
        return scholarship_decline(
            application=self.object, by=self.request.user, message=form.cleaned_data["message"]
        )

    def get_success_message(self, result):
        if isinstance(result, ScholarshipAward):
            return f"Awarded {dollars(result.amount_cents)}."
        return "Application declined; the applicant is told."


class ScholarshipApplicationViewSet(ObjectActionsViewSet):
    model = ScholarshipApplication
    icon = "tasks"
    menu_label = "Scholarship applications"
    name = "lms_scholarship_applications"
    url_prefix = "scholarship-applications"
    add_to_reference_index = False
    index_view_class = ApplicationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ApplicationFilterSet
    object_actions = [
        ObjectAction(
            "Review",
            "lms_scholarship_applications:review",
            ApplicationReviewView,
            # Pending is the one status an award (or a decline) may follow.
            allowed=may_become(ScholarshipApplication.Status.AWARDED),
            icon_name="tasks",
            priority=10,
        ),
    ]
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    list_display = [
        Column("person", label="Applicant", accessor="person"),
        Column("session", label="Session", accessor="session"),
        Column("fund", label="Fund", accessor="fund"),
        DollarsColumn("amount_requested_cents", label="Asked", sort_key="amount_requested_cents"),
        "status",
        "decision_due_at",
    ]
    list_export = [
        "person.email",
        "person.profile.organization.name",
        "session",
        "fund.name",
        "get_coverage_display",
        "amount_requested_cents",
        "get_status_display",
        "award.amount_cents",
        "created_at",
        "decided_at",
    ]
    export_filename = "scholarship-applications"
    form_fields = ["decision_message"]


# The report figures, shared by the per-fund list and the per-sponsor report
# (lms.selectors.scholarships.funds_with_totals and sponsors_report compute them).
REPORT_MONEY = [
    ("funded_cents", "Funded"),
    ("asked_cents", "Offered (asked)"),
    ("awarded_cents", "Awarded"),
    ("used_cents", "Used"),
    ("released_cents", "Released"),
    ("available_cents", "Available"),
]


REPORT_PEOPLE = [
    ("applicants", "Applicants"),
    ("awarded_people", "People awarded"),
    ("used_people", "People who used an award"),
    ("released_people", "People whose award was released"),
]


REPORT_EXPORT = [
    "funded_cents",
    "asked_cents",
    "applicants",
    "awarded_cents",
    "awarded_people",
    "used_cents",
    "used_people",
    "released_cents",
    "released_people",
    "available_cents",
]


REPORT_HEADINGS = {
    **{field: f"{label} (cents)" for field, label in REPORT_MONEY},
    "asked_cents": "Offered/asked (cents)",
    **dict(REPORT_PEOPLE),
}


def report_money_columns() -> list[Column]:
    return [DollarsColumn(field, label=label) for field, label in REPORT_MONEY]


class FundIndexView(ActionIndexView):
    def get_base_queryset(self):
        return selectors_scholarships.funds_with_totals(super().get_base_queryset())


class CreditForm(forms.Form):
    amount = DollarsField(label="Amount (dollars)", min_value=1)
    note = forms.CharField(label="Source (grant, donation…)", max_length=300)


class FundCreditView(ActionFormView):
    permission_required = "lms.add_scholarshipledgerentry"
    model = ScholarshipFund
    page_title = "Record a credit"
    submit_button_label = "Record credit"
    form_class = CreditForm
    success_url = reverse_lazy("lms_scholarship_funds:index")

    def get_summary(self):
        position = fund_position_read(fund=self.object)
        return [
            f"Holds {dollars(position.held_cents)}; committed {dollars(position.outstanding_cents)};"
            f" available {dollars(position.available_cents)}."
        ]

    def perform(self, form):
        return fund_credit(
            fund=self.object,
            amount_cents=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )

    def get_success_message(self, entry):
        return f"Credited {dollars(entry.amount_cents)}."


class ScholarshipFundViewSet(ObjectActionsViewSet):
    """Funds with the report columns; export (CSV/XLSX) is the per-fund and sponsor report."""

    model = ScholarshipFund
    icon = "pick"
    menu_label = "Scholarship funds and report"
    name = "lms_scholarship_funds"
    url_prefix = "scholarship-funds"
    add_to_reference_index = False
    index_view_class = FundIndexView
    copy_view_enabled = False
    object_actions = [
        ObjectAction(
            "Record a credit",
            "lms_scholarship_funds:credit",
            FundCreditView,
            icon_name="plus",
            priority=20,
        ),
    ]
    list_filter = ["sponsor_kind", "is_active"]
    list_display = ["name", "sponsor_name", *report_money_columns()]
    list_export = [
        "name",
        "get_sponsor_kind_display",
        "sponsor_name",
        "period_start",
        "period_end",
        *REPORT_EXPORT,
    ]
    export_headings = {"get_sponsor_kind_display": "Sponsor kind", **REPORT_HEADINGS}
    export_filename = "scholarship-funds-report"
    form_fields = [
        "name",
        "sponsor_kind",
        "sponsor_name",
        "period_start",
        "period_end",
        "budget_band_max",
        "first_time_only",
        "underrepresented_leadership_only",
        "sub_sector",
        "region_cities",
        "award_cap_per_person_year_cents",
        "no_show_policy",
        "no_show_wait_months",
        "is_active",
    ]


class SponsorReportView(FormulaSafeExportMixin, ReportView):
    """Per-sponsor report: each sponsor's funds summed, people counted once per sponsor."""

    page_title = "Scholarship sponsors report"
    header_icon = "group"
    index_url_name = "lms_scholarship_sponsors:index"
    index_results_url_name = "lms_scholarship_sponsors:index"
    permission_policy = ModelPermissionPolicy(ScholarshipFund)
    permission_required = "view"
    columns = [
        Column("sponsor_name", label="Sponsor"),
        Column("sponsor_kind_label", label="Kind"),
        Column("funds", label="Funds"),
        *report_money_columns(),
        *[Column(field, label=label) for field, label in REPORT_PEOPLE],
    ]
    list_export = ["sponsor_name", "sponsor_kind_label", "funds", *REPORT_EXPORT]
    export_headings = {
        "sponsor_name": "Sponsor",
        "sponsor_kind_label": "Sponsor kind",
        "funds": "Funds",
        **REPORT_HEADINGS,
    }
    export_filename = "scholarship-sponsors-report"

    def get_queryset(self):
        kind = self.request.GET.get("sponsor_kind", "")
        return selectors_scholarships.sponsors_report(
            sponsor_kind=kind if kind in ScholarshipFund.SponsorKind.values else ""
        )


class SponsorReportViewSet(PermissionMenuViewSet):
    """The per-sponsor report as an item in the Scholarships menu, for people who may view
    funds."""

    name = "lms_scholarship_sponsors"
    url_prefix = "scholarship-sponsors"
    icon = "group"
    menu_label = "Scholarship sponsors report"
    menu_permission = "lms.view_scholarshipfund"

    def get_urlpatterns(self):
        return [path("", SponsorReportView.as_view(), name="index")]


class ScholarshipAwardViewSet(ObjectActionsViewSet):
    """Awards are made and closed by the services; the listing links each to its page (the
    first column is a person, so the toolkit's index view keeps the row's link)."""

    model = ScholarshipAward
    icon = "success"
    menu_label = "Scholarship awards"
    name = "lms_scholarship_awards"
    url_prefix = "scholarship-awards"
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "fund"]
    list_display = [
        Column("person", label="Person", accessor="person"),
        Column("fund", label="Fund", accessor="fund"),
        DollarsColumn("amount_cents", label="Amount", sort_key="amount_cents"),
        "status",
        "created_at",
    ]
    form_fields = []


class ScholarshipsAndWaitlistsGroup(ModelViewSetGroup):
    menu_label = "Scholarships and waitlists"
    menu_icon = "pick"
    menu_order = 260
    items = (
        ScholarshipApplicationViewSet,
        ScholarshipFundViewSet,
        SponsorReportViewSet,
        ScholarshipAwardViewSet,
        WaitlistViewSet,
        InvoiceViewSet,
    )
