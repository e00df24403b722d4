"""Wagtail admin for facilitator pay, one "Facilitator pay" menu for Finance: the statements
queue, the 1099 list, rate cards, pay profiles and 1099 thresholds. Registered from
lms.wagtail_hooks; the staff views are below the viewsets."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.toolkit import (
    ActionPostView,
    PeopleValuesInspectView,
    PermissionMenuViewSet,
    error_messages,
)
from lms.forms.compensation import (
    ExpenseForm,
    FacilitatorPayProfileForm,
    PrepareMonthForm,
    RecordPaymentForm,
    SessionStatementForm,
)
from lms.models import (
    ExpenseLine,
    FacilitatorPayProfile,
    FacilitatorPaySettings,
    Form1099Threshold,
    PayStatement,
    RateCard,
)
from lms.rules.money import dollars
from lms.selectors import compensation as selectors
from lms.services.audit import audit_log
from lms.services.compensation import (
    PayStatementError,
    expense_line_add,
    expense_line_remove,
    pay_statement_approve,
    pay_statement_context,
    pay_statement_create_for_session,
    pay_statement_discard,
    pay_statement_pay_by_connect,
    pay_statement_pdf_render,
    pay_statement_recompute,
    pay_statement_record_payment,
    pay_statements_prepare,
)


class PayStatementViewSet(PermissionMenuViewSet):
    name = "pay_statements"
    url_prefix = "pay/statements"
    icon = "doc-full"
    menu_label = "Pay statements"
    menu_permission = "lms.view_paystatement"

    def get_urlpatterns(self):
        return [
            path("", statement_index, name="index"),
            path("prepare/", statement_prepare, name="prepare"),
            path("<int:pk>/", statement_detail, name="detail"),
            path("<int:pk>/approve/", StatementApproveView.as_view(), name="approve"),
            path("<int:pk>/recompute/", StatementRecomputeView.as_view(), name="recompute"),
            path("<int:pk>/discard/", StatementDiscardView.as_view(), name="discard"),
            path("<int:pk>/expenses/", ExpenseAddView.as_view(), name="expense_add"),
            path(
                "<int:pk>/expenses/<int:expense_id>/remove/",
                ExpenseRemoveView.as_view(),
                name="expense_remove",
            ),
            path("<int:pk>/pay/stripe/", StatementPayConnectView.as_view(), name="pay_connect"),
            path(
                "<int:pk>/pay/record/", StatementRecordPaymentView.as_view(), name="record_payment"
            ),
            path("<int:pk>/pdf/", statement_pdf, name="pdf"),
        ]


class Form1099ViewSet(PermissionMenuViewSet):
    name = "form_1099"
    url_prefix = "pay/1099"
    icon = "table"
    menu_label = "1099-NEC list"
    menu_permission = "lms.view_paystatement"

    def get_urlpatterns(self):
        return [path("", form_1099_list, name="index")]


def _money(attribute, label):
    return Column(attribute, label=label, accessor=lambda obj: dollars(getattr(obj, attribute)))


class RateCardViewSet(ModelViewSet):
    model = RateCard
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    name = "rate_cards"
    url_prefix = "pay/rate-cards"
    icon = "tag"
    menu_label = "Rate cards"
    list_display = [
        "name",
        Column("facilitator", label="For", accessor=lambda c: c.facilitator or "Standard card"),
        "effective_from",
        "effective_until",
        _money("lead_hourly_cents", "Lead / hour"),
        _money("co_hourly_cents", "Co-facilitator / hour"),
        _money("minimum_per_session_cents", "Minimum / session"),
    ]
    list_filter = ["facilitator"]
    search_fields = ["name", "facilitator__name"]


class FacilitatorPayProfileViewSet(ModelViewSet):
    model = FacilitatorPayProfile
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    name = "pay_profiles"
    url_prefix = "pay/profiles"
    icon = "user"
    menu_label = "Pay profiles"
    list_display = [
        "legal_name",
        "facilitator",
        "payout_method",
        Column(
            "connect_status",
            label="Direct deposit",
            accessor=lambda p: p.get_connect_status_display() if p.connect_account_id else "–",
        ),
        Column(
            "w9_received_on", label="W-9 received", accessor=lambda p: p.w9_received_on or "Missing"
        ),
    ]
    list_filter = ["payout_method", "connect_status"]
    search_fields = ["legal_name", "facilitator__name", "email"]
    edit_handler = ObjectList(
        FacilitatorPayProfile.panels, base_form_class=FacilitatorPayProfileForm
    )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("w9/<int:pk>/", w9_download, name="w9")]


class Form1099ThresholdViewSet(ModelViewSet):
    model = Form1099Threshold
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    name = "form_1099_thresholds"
    url_prefix = "pay/1099-thresholds"
    icon = "cog"
    menu_label = "1099-NEC thresholds"
    list_display = ["applies_from_year", _money("amount_cents", "Threshold"), "note"]


class FacilitatorPayGroup(ViewSetGroup):
    menu_label = "Facilitator pay"
    menu_icon = "doc-full-inverse"
    menu_order = 400
    items = (
        PayStatementViewSet,
        Form1099ViewSet,
        RateCardViewSet,
        FacilitatorPayProfileViewSet,
        Form1099ThresholdViewSet,
    )


def _detail(statement):
    return redirect("pay_statements:detail", statement.pk)


def _refused(request, error: PayStatementError):
    for reason in error_messages(error):
        messages.error(request, reason)


@permission_required("lms.view_paystatement", raise_exception=True)
def statement_index(request):
    status = request.GET.get("status", "")
    if status not in PayStatement.Status.values:
        status = ""
    return render(
        request,
        "lms/admin/pay/statement_index.html",
        {
            "statements": selectors.statements_queue(status=status)[:500],
            "status": status,
            "statuses": PayStatement.Status.choices,
            "period": FacilitatorPaySettings.load().get_statement_period_display(),
        },
    )


@permission_required("lms.add_paystatement", raise_exception=True)
def statement_prepare(request):
    month_form = PrepareMonthForm(request.POST or None, prefix="month")
    session_form = SessionStatementForm(request.POST or None, prefix="session")
    if request.method == "POST" and "month" in request.POST.get("action", ""):
        session_form = SessionStatementForm(prefix="session")
        if month_form.is_valid():
            month = month_form.cleaned_data["month"]
            prepared = pay_statements_prepare(year=month.year, month=month.month, by=request.user)
            messages.success(
                request, f"{len(prepared.created)} draft statement(s) prepared for {month:%B %Y}."
            )
            for note in prepared.notes:
                messages.warning(request, note)
            return redirect("pay_statements:index")
    elif request.method == "POST":
        month_form = PrepareMonthForm(prefix="month")
        if session_form.is_valid():
            try:
                statement = pay_statement_create_for_session(
                    facilitator=session_form.cleaned_data["facilitator"],
                    session=session_form.cleaned_data["session"],
                    by=request.user,
                )
            except PayStatementError as exc:
                _refused(request, exc)
            else:
                messages.success(request, f"Draft statement prepared: {statement}.")
                return _detail(statement)
    return render(
        request,
        "lms/admin/pay/statement_prepare.html",
        {
            "month_form": month_form,
            "session_form": session_form,
            "period": FacilitatorPaySettings.load().get_statement_period_display(),
        },
    )


@permission_required("lms.view_paystatement", raise_exception=True)
def statement_detail(request, pk):
    statement = get_object_or_404(
        PayStatement.objects.select_related("facilitator", "approved_by"), pk=pk
    )
    context = pay_statement_context(statement=statement)
    context.update(
        {
            "expense_form": ExpenseForm(),
            "payment_form": RecordPaymentForm(),
            "payouts": statement.payouts.select_related("created_by"),
            "connect_enabled": settings.STRIPE_CONNECT_ENABLED,
            "can_approve": request.user.has_perm("lms.approve_paystatement"),
            "can_pay": request.user.has_perm("lms.pay_paystatement"),
            "can_change": request.user.has_perm("lms.change_paystatement"),
            "can_discard": request.user.has_perm("lms.delete_paystatement"),
        }
    )
    return render(request, "lms/admin/pay/statement_detail.html", context)


class StatementActionView(ActionPostView):
    """A button (or small form) on a statement's page: the answer comes back there."""

    model = PayStatement
    success_url_name = "pay_statements:detail"


class StatementApproveView(StatementActionView):
    permission_required = "lms.approve_paystatement"

    def perform(self, form):
        return pay_statement_approve(statement=self.object, by=self.request.user)

    def get_success_message(self, statement):
        return f"Approved as {statement.display_number}. The PDF is issued."


class StatementRecomputeView(StatementActionView):
    permission_required = "lms.change_paystatement"
    success_message = "Recomputed from the filed session reports and rate cards."

    def perform(self, form):
        return pay_statement_recompute(statement=self.object, by=self.request.user)


class StatementDiscardView(StatementActionView):
    permission_required = "lms.delete_paystatement"
    success_message = "Draft discarded. Its sessions can go on another statement."
    success_url = reverse_lazy("pay_statements:index")

    def perform(self, form):
        return pay_statement_discard(statement=self.object, by=self.request.user)


class ExpenseAddView(StatementActionView):
    permission_required = "lms.change_paystatement"
    form_class = ExpenseForm
    success_message = "Expense added (reimbursed, not pay)."

    def perform(self, form):
        return expense_line_add(statement=self.object, by=self.request.user, **form.cleaned_data)


class ExpenseRemoveView(StatementActionView):
    permission_required = "lms.change_paystatement"
    success_message = "Expense removed."

    def get_object(self):
        return get_object_or_404(
            ExpenseLine, pk=self.kwargs["expense_id"], statement_id=self.kwargs["pk"]
        )

    def perform(self, form):
        return expense_line_remove(expense=self.object, by=self.request.user)

    def get_back_url(self):
        return reverse("pay_statements:detail", args=[self.kwargs["pk"]])


def _paid_message(request, result):
    payout = result.payout
    if not result.created:
        messages.warning(
            request,
            f"This statement was already paid on {payout.paid_on:%b %-d, %Y} "
            f"({payout.get_method_display()}{', ' + payout.reference if payout.reference else ''}). "
            "Nothing more was paid.",
        )
    elif result.succeeded and payout.stripe_transfer_id:
        messages.success(
            request,
            f"Paid {dollars(payout.amount_cents)} by Stripe Connect (transfer "
            f"{payout.stripe_transfer_id}).",
        )
    elif result.succeeded:
        messages.success(
            request,
            f"Recorded as paid: {dollars(payout.amount_cents)} by "
            f"{payout.get_method_display().lower()}, reference {payout.reference}.",
        )
    else:
        messages.error(request, f"Stripe did not make the transfer: {payout.error_message}")


class StatementPayConnectView(StatementActionView):
    permission_required = "lms.pay_paystatement"

    def perform(self, form):
        return pay_statement_pay_by_connect(statement=self.object, by=self.request.user)

    def tell_success(self, result):
        _paid_message(self.request, result)


class StatementRecordPaymentView(StatementPayConnectView):
    form_class = RecordPaymentForm

    def perform(self, form):
        return pay_statement_record_payment(
            statement=self.object, by=self.request.user, **form.cleaned_data
        )


@permission_required("lms.view_paystatement", raise_exception=True)
def statement_pdf(request, pk):
    statement = get_object_or_404(PayStatement, pk=pk)
    name = f"pay-statement-{statement.display_number}.pdf"
    if statement.pdf and statement.status != PayStatement.Status.DRAFT:
        return FileResponse(statement.pdf.open("rb"), filename=name, content_type="application/pdf")
    response = HttpResponse(
        pay_statement_pdf_render(statement=statement), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@permission_required("lms.view_w9", raise_exception=True)
def w9_download(request, pk):
    profile = get_object_or_404(FacilitatorPayProfile, pk=pk)
    if not profile.w9_file:
        raise Http404("No W-9 is stored for this facilitator.")
    audit_log(instance=profile, action="lms.pay_profile.w9_open", user=request.user)
    extension = Path(profile.w9_file.name).suffix
    response = FileResponse(
        profile.w9_file.open("rb"),
        as_attachment=True,
        filename=f"W-9 {profile.legal_name}{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


FORM_1099_YEARS = range(2000, 2101)  # the calendar years the list can be asked for


@permission_required("lms.view_paystatement", raise_exception=True)
def form_1099_list(request):
    years = selectors.form_1099_years()
    default = years[0] if years else timezone.localdate().year
    raw = request.GET.get("year") or str(default)
    year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else None
    if year not in FORM_1099_YEARS:
        # The list for the default year, with a message, and 400: never a crash on year 0.
        messages.error(
            request,
            f"There is no 1099-NEC list for year “{raw[:20]}”: choose a calendar year from "
            f"{FORM_1099_YEARS[0]} to {FORM_1099_YEARS[-1]}. Showing {default}.",
        )
        return _form_1099_page(request, year=default, years=years, status=400)
    if request.GET.get("format") == "csv":
        response = HttpResponse(selectors.form_1099_csv(year=year), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="1099-nec-list-{year}.csv"'
        return response
    return _form_1099_page(request, year=year, years=years)


def _form_1099_page(request, *, year: int, years: list[int], status: int = 200):
    return render(
        request,
        "lms/admin/pay/form_1099.html",
        {
            "rows": selectors.form_1099_rows(year=year),
            "year": year,
            "years": sorted({*years, year, timezone.localdate().year}, reverse=True),
            "threshold_cents": selectors.form_1099_threshold_cents(year=year),
            "csv_url": reverse("form_1099:index") + f"?year={year}&format=csv",
        },
        status=status,
    )
