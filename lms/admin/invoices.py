"""Staff screens for agency invoices: record a payment, void."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django_filters import BooleanFilter, ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from lms.admin.toolkit import (
    ActionFormView,
    DollarsColumn,
    ObjectAction,
    ObjectActionsViewSet,
    may_become,
)
from lms.models import (
    Invoice,
)
from lms.rules.money import dollars
from lms.services.invoices import invoice_payment_record, invoice_void


class InvoiceFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Invoice.Status.choices)
    overdue = BooleanFilter(label="Overdue", method="filter_overdue")

    class Meta:
        model = Invoice
        fields = ["status", "organization", "session"]

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(status=Invoice.Status.OPEN, due_on__lt=timezone.localdate())
        return queryset


class InvoicePaymentForm(forms.Form):
    method = forms.ChoiceField(choices=Invoice.Method.choices)
    reference = forms.CharField(label="Check number or ACH reference", max_length=100)
    paid_on = forms.DateField(label="Date received", widget=forms.DateInput(attrs={"type": "date"}))


class InvoicePaymentView(ActionFormView):
    permission_required = "lms.change_invoice"
    page_title = "Record an invoice payment"
    submit_button_label = "Record payment"
    form_class = InvoicePaymentForm
    success_url = reverse_lazy("lms_invoices:index")
    success_message = "Payment recorded for {object.display_number}."
    queryset = Invoice.objects.select_related("organization")

    def get_summary(self):
        return [
            f"Total {dollars(self.object.total_cents)}, due {self.object.due_on:%b %d, %Y}; "
            f"status: {self.object.get_status_display()}."
        ]

    def perform(self, form):
        return invoice_payment_record(
            invoice=self.object, by=self.request.user, **form.cleaned_data
        )


class InvoiceVoidForm(forms.Form):
    reason = forms.CharField(label="Reason (logged)", max_length=300)


class InvoiceVoidView(InvoicePaymentView):
    page_title = "Void an invoice"
    submit_button_label = "Void invoice"
    form_class = InvoiceVoidForm
    success_message = "{object.display_number} voided."

    def perform(self, form):
        return invoice_void(
            invoice=self.object, reason=form.cleaned_data["reason"], by=self.request.user
        )


class InvoiceViewSet(ObjectActionsViewSet):
    model = Invoice
    icon = "doc-full"
    menu_label = "Agency invoices"
    name = "lms_invoices"
    url_prefix = "invoices"
    add_to_reference_index = False
    copy_view_enabled = False
    filterset_class = InvoiceFilterSet
    object_actions = [
        ObjectAction(
            "PDF",
            "lms:invoice_pdf",
            allowed=lambda invoice: bool(invoice.pdf),
            icon_name="doc-full",
            priority=5,
        ),
        ObjectAction(
            "Record payment",
            "lms_invoices:pay",
            InvoicePaymentView,
            allowed=may_become(Invoice.Status.PAID),
            icon_name="success",
            priority=10,
        ),
        ObjectAction(
            "Void",
            "lms_invoices:void",
            InvoiceVoidView,
            allowed=may_become(Invoice.Status.VOID),
            icon_name="cross",
            priority=50,
        ),
    ]
    list_display = [
        Column("display_number", label="Number"),
        Column("organization", label="Organization", accessor="organization"),
        Column("session", label="Session", accessor="session"),
        DollarsColumn("total_cents", label="Total", sort_key="total_cents"),
        "status",
        "due_on",
    ]
    list_export = [
        "display_number",
        "organization.name",
        "session",
        "total_cents",
        "get_status_display",
        "issued_on",
        "due_on",
        "paid_on",
        "payment_method",
        "payment_reference",
    ]
    export_filename = "invoices"
    form_fields = []
