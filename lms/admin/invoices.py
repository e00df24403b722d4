"""Staff screens for agency invoices: record a payment, void."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django_filters import BooleanFilter, ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from lms.admin.toolkit import ActionFormView, DollarsColumn
from lms.errors import DomainError
from lms.models import (
    Invoice,
)
from lms.rules.pricing import dollars
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
    page_title = "Record an invoice payment"
    submit_button_label = "Record payment"
    form_class = InvoicePaymentForm

    def dispatch(self, request, pk):
        if not request.user.has_perm("lms.change_invoice"):
            raise PermissionDenied
        self.invoice = get_object_or_404(Invoice.objects.select_related("organization"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.invoice)

    def get_summary(self):
        return [
            f"Total {dollars(self.invoice.total_cents)}, due {self.invoice.due_on:%b %d, %Y}; "
            f"status: {self.invoice.get_status_display()}."
        ]

    def form_valid(self, form):
        try:
            invoice_payment_record(invoice=self.invoice, by=self.request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"Payment recorded for {self.invoice.display_number}.")
        return redirect("lms_invoices:index")


class InvoiceVoidForm(forms.Form):
    reason = forms.CharField(label="Reason (logged)", max_length=300)


class InvoiceVoidView(InvoicePaymentView):
    page_title = "Void an invoice"
    submit_button_label = "Void invoice"
    form_class = InvoiceVoidForm

    def form_valid(self, form):
        try:
            invoice_void(
                invoice=self.invoice, reason=form.cleaned_data["reason"], by=self.request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.invoice.display_number} voided.")
        return redirect("lms_invoices:index")


class InvoiceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.pdf:
            buttons.append(
                Button(
                    "PDF",
                    url=reverse("lms:invoice_pdf", args=[instance.pk]),
                    icon_name="doc-full",
                    priority=5,
                )
            )
        if instance.status == Invoice.Status.OPEN and self.request.user.has_perm(
            "lms.change_invoice"
        ):
            buttons.append(
                Button(
                    "Record payment",
                    url=reverse("lms_invoices:pay", args=[instance.pk]),
                    icon_name="success",
                    priority=10,
                )
            )
            buttons.append(
                Button(
                    "Void",
                    url=reverse("lms_invoices:void", args=[instance.pk]),
                    icon_name="cross",
                    priority=50,
                )
            )
        return buttons


class InvoiceViewSet(ModelViewSet):
    model = Invoice
    icon = "doc-full"
    menu_label = "Agency invoices"
    name = "lms_invoices"
    url_prefix = "invoices"
    add_to_reference_index = False
    index_view_class = InvoiceIndexView
    copy_view_enabled = False
    filterset_class = InvoiceFilterSet
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

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("pay/<int:pk>/", InvoicePaymentView.as_view(), name="pay"),
            path("void/<int:pk>/", InvoiceVoidView.as_view(), name="void"),
        ]
