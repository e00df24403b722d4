"""Staff screens for payments, refunds, discount codes and Stripe events."""

from django import forms
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    ActionInspectView,
    DollarsColumn,
    NullSafeExportMixin,
    ObjectAction,
    ObjectActionsViewSet,
    PeopleValuesInspectView,
)
from lms.models import DiscountCode, Payment, Refund, Session, StripeEvent
from lms.money import DollarsField
from lms.rules.money import dollars
from lms.services.refunds import refund_create


class PaymentFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Payment.Status.choices)
    needs_attention = ChoiceFilter(
        choices=[("true", "Needs attention"), ("false", "No action needed")],
        method="filter_attention",
        label="Attention",
    )
    registration__session = ModelChoiceFilter(
        queryset=Session.objects.select_related("training").order_by("-starts_at"),
        label="Session",
    )
    created_at = DateFromToRangeFilter(label="Started between", widget=DateRangePickerWidget)

    class Meta:
        model = Payment
        fields = ["status", "needs_attention", "registration__session", "created_at"]

    def filter_attention(self, queryset, name, value):
        return queryset.filter(needs_attention=value == "true")


class PaymentIndexView(NullSafeExportMixin, ActionIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "registration__person",
                "registration__session__training",
                "group__organization",
                "group__coordinator",
                "group__session__training",
            )
        )


class PaymentInspectView(ActionInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        refunds = self.object.refunds.select_related("requested_by")
        context["fields"].append(
            {
                "label": "Refunds",
                "value": "; ".join(
                    f"{dollars(r.amount_cents)} {r.get_status_display().lower()} "
                    f"({r.get_reason_display()}, {r.requested_by or 'automatic'}"
                    f"{', ' + r.failure_message if r.failure_message else ''})"
                    for r in refunds
                )
                or "None",
            }
        )
        return context


class RefundForm(forms.Form):
    amount = DollarsField(label="Amount to refund (US dollars)")
    reason = forms.ChoiceField(
        choices=[
            (Refund.Reason.STAFF.value, Refund.Reason.STAFF.label),
            (Refund.Reason.SESSION_CANCELLED.value, Refund.Reason.SESSION_CANCELLED.label),
            (Refund.Reason.DUPLICATE_PAYMENT.value, Refund.Reason.DUPLICATE_PAYMENT.label),
        ]
    )
    note = forms.CharField(
        max_length=500, help_text="Why, in your own words (kept in the history)."
    )


class PaymentRefundView(ActionFormView):
    permission_required = "lms.add_refund"
    page_title = "Refund"
    submit_button_label = "Send refund"
    form_class = RefundForm
    error_field = "amount"
    success_url_name = "lms_payments:inspect"
    queryset = Payment.objects.select_related("registration__person", "group__organization")

    def get_initial(self):
        return {"amount": self.object.refundable_cents}

    def get_summary(self):
        payment = self.object
        return [
            f"{payment.paid_for}",
            f"Paid {dollars(payment.amount_cents)}; refunded or being refunded "
            f"{dollars(payment.refunded_cents)}; at most {dollars(payment.refundable_cents)} left.",
            "The refund goes to Stripe in the background with an idempotency key; the "
            "participant gets an email when it is sent.",
        ]

    def perform(self, form):
        return refund_create(
            payment=self.object,
            amount_cents=form.cleaned_data["amount"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )

    def get_success_message(self, refund):
        refund.refresh_from_db()
        return f"Refund of {dollars(refund.amount_cents)}: {refund.get_status_display().lower()}."


class PaymentViewSet(ObjectActionsViewSet):
    model = Payment
    icon = "doc-full"
    menu_label = "Payments"
    name = "lms_payments"
    url_prefix = "payments"
    add_to_reference_index = False  # nothing links to these; saves a task per save
    add_to_admin_menu = False
    index_view_class = PaymentIndexView
    inspect_view_class = PaymentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = PaymentFilterSet
    object_actions = [
        ObjectAction(
            "Refund",
            "lms_payments:refund",
            PaymentRefundView,
            allowed=lambda payment: payment.refundable_cents > 0,
            icon_name="rotate",  # Wagtail 7 has no "undo" icon
        ),
    ]
    search_fields = [
        "registration__person__email",
        "group__coordinator__email",
        "stripe_payment_intent_id",
    ]
    list_display = [
        Column("id", label="Payment", accessor="pk", sort_key="id"),
        Column("paid_for", label="For", accessor="paid_for"),
        DollarsColumn("amount_cents", label="Amount", sort_key="amount_cents"),
        DollarsColumn("refunded_cents", label="Refunded"),
        "status",
        "needs_attention",
        "created_at",
    ]
    list_export = [
        "pk",
        "payer.email",
        "paid_for",
        "amount_cents",
        "refunded_cents",
        "get_status_display",
        "stripe_payment_intent_id",
        "card_last4",
        "needs_attention",
        "attention_note",
        "created_at",
        "succeeded_at",
    ]
    export_headings = {
        "pk": "Payment",
        "payer.email": "Email",
        "paid_for": "For",
        "amount_cents": "Amount (cents)",
        "refunded_cents": "Refunded (cents)",
        "get_status_display": "Status",
        "stripe_payment_intent_id": "Stripe PaymentIntent",
        "card_last4": "Card",
        "needs_attention": "Needs attention",
        "attention_note": "What happened",
        "created_at": "Started",
        "succeeded_at": "Paid at",
    }
    export_filename = "payments"
    # Finance clears the flag once a payment that needed attention is handled.
    form_fields = ["needs_attention", "attention_note"]
    inspect_view_fields = [
        "registration",
        "status",
        "amount_cents",
        "refunded_cents",
        "currency",
        "card_last4",
        "stripe_payment_intent_id",
        "failure_message",
        "needs_attention",
        "attention_note",
        "created_at",
        "succeeded_at",
    ]


class DiscountCodeViewSet(ModelViewSet):
    model = DiscountCode
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "tag"
    menu_label = "Discount codes"
    name = "lms_discount_codes"
    url_prefix = "discount-codes"
    add_to_reference_index = False  # nothing links to these; saves a task per save
    add_to_admin_menu = False
    copy_view_enabled = False
    search_fields = ["code", "description"]
    list_display = [
        "code",
        "description",
        "percent_off",
        DollarsColumn("amount_off_cents", label="Amount off"),
        "max_uses",
        "valid_until",
        "is_active",
    ]
    list_filter = ["is_active", "fee_schedule"]
    form_fields = [
        "code",
        "description",
        "percent_off",
        "amount_off_cents",
        "fee_schedule",
        "max_uses",
        "valid_from",
        "valid_until",
        "is_active",
    ]


class StripeEventViewSet(ModelViewSet):
    model = StripeEvent
    inspect_view_class = PeopleValuesInspectView
    icon = "code"
    menu_label = "Stripe events"
    name = "lms_stripe_events"
    url_prefix = "stripe-events"
    add_to_reference_index = False  # nothing links to these; saves a task per save
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["event_id", "object_id", "type"]
    list_display = ["event_id", "type", "object_id", "received_at", "processed_at", "result"]
    list_filter = ["type"]
    form_fields = []
