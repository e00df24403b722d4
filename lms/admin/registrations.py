"""Staff admin for registrations, rosters, payments, refunds, discount codes and Stripe events.

Registered from lms/wagtail_hooks.py. Lists filter and export (CSV/XLSX: a session's roster is
the registration list filtered by session). Each object's history is Wagtail's log, written
by lms.services.audit. Status and money never change through a plain edit form: cancelling
and refunding are their own views that call the services.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton

from lms.models import DiscountCode, Payment, Refund, Registration, Session, StripeEvent
from lms.services.cancellation import PolicyError, refund_policy_decide
from lms.services.pricing import dollars
from lms.services.refunds import RefundError, refund_create
from lms.services.registrations import RegistrationError, registration_cancel


class DollarsColumn(Column):
    def get_value(self, instance):
        return dollars(super().get_value(instance) or 0)


class NullSafeExportMixin:
    """Export dotted paths through nullable relations as blanks (Wagtail's lookup raises)."""

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            value = item
            for part in field.split("."):
                value = getattr(value, part, None) if value is not None else None
                if callable(value):
                    value = value()
            row[field] = "" if value is None else value
        return row


def _parse_dollars(raw: str) -> int:
    from lms.services.pricing import PricingError, cents_from_dollars

    try:
        return cents_from_dollars(raw)
    except PricingError as exc:
        raise forms.ValidationError(str(exc)) from exc


# --- Registrations and rosters ------------------------------------------------------------


class RegistrationFilterSet(WagtailFilterSet):
    session = ModelChoiceFilter(
        queryset=Session.objects.select_related("training").order_by("-starts_at"),
        label="Session (roster)",
    )
    status = ChoiceFilter(choices=Registration.Status.choices)
    fee_tier__kind = ChoiceFilter(
        choices=[
            ("organization", "Organization-paid"),
            ("community", "Community"),
            ("standard", "Standard"),
            ("supporter", "Supporter"),
            ("pwyc", "Pay what you can"),
        ],
        label="Fee tier",
    )
    created_at = DateFromToRangeFilter(label="Registered between", widget=DateRangePickerWidget)

    class Meta:
        model = Registration
        fields = ["session", "status", "fee_tier__kind", "created_at"]


class RegistrationIndexView(NullSafeExportMixin, IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("person__profile__organization", "session__training", "fee_tier")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if (
            instance.status in Registration.SEAT_HOLDING
            and self.permission_policy.user_has_permission(self.request.user, "change")
        ):
            buttons.append(
                Button(
                    "Cancel registration",
                    url=reverse("lms_registrations:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class RegistrationInspectView(InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if (
            self.object.status in Registration.SEAT_HOLDING
            and self.permission_policy.user_has_permission(self.request.user, "change")
        ):
            buttons.append(
                Button(
                    "Cancel registration",
                    url=reverse("lms_registrations:cancel", args=[self.object.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class StaffCancelForm(forms.Form):
    reason = forms.CharField(
        max_length=300, help_text="Why; the participant sees it in their cancellation email."
    )
    refund = forms.ChoiceField(
        choices=[
            ("policy", "Refund what the cancellation policy gives"),
            ("amount", "Refund this amount"),
        ],
        initial="policy",
        widget=forms.RadioSelect,
    )
    amount = forms.CharField(
        required=False,
        label="Refund amount (US dollars)",
        help_text="Only with “Refund this amount”. Finance staff only.",
    )

    def __init__(self, *args, may_override: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_override:
            del self.fields["refund"]
            del self.fields["amount"]

    def clean(self):
        cleaned = super().clean()
        cleaned["override_cents"] = None
        if cleaned.get("refund") == "amount":
            try:
                cleaned["override_cents"] = _parse_dollars(cleaned.get("amount") or "")
            except forms.ValidationError as exc:
                self.add_error("amount", exc)
        return cleaned


class ActionFormView(WagtailAdminTemplateMixin, FormView):
    template_name = "lms/admin/action_form.html"
    header_icon = "form"
    submit_button_label = "Save"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            summary=self.get_summary(),
        )
        return context

    def get_summary(self) -> list[str]:
        return []


class RegistrationCancelView(ActionFormView):
    page_title = "Cancel registration"
    submit_button_label = "Cancel this registration"
    form_class = StaffCancelForm

    def dispatch(self, request, pk):
        if not request.user.has_perm("lms.change_registration"):
            raise PermissionDenied
        self.registration = get_object_or_404(
            Registration.objects.select_related("session__training", "person"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.registration)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "may_override": self.request.user.has_perm("lms.add_refund"),
        }

    def _paid(self):
        return list(self.registration.payments.filter(status__in=Payment.PAID))

    def get_summary(self):
        paid = self._paid()
        decision = refund_policy_decide(
            paid_cents=sum(p.amount_cents for p in paid),
            already_refunded_cents=sum(p.refunded_cents for p in paid),
            first_meeting_starts_at=self.registration.session.starts_at,
            cancelled_at=timezone.now(),
            session_cancelled=self.registration.session.status == Session.Status.CANCELLED,
        )
        return [
            f"Status: {self.registration.get_status_display()}.",
            f"Paid: {dollars(sum(p.amount_cents for p in paid))}; already refunded: "
            f"{dollars(sum(p.refunded_cents for p in paid))}.",
            f"The policy gives {dollars(decision.refund_cents)}: {decision.explanation}",
        ]

    def form_valid(self, form):
        try:
            outcome = registration_cancel(
                registration=self.registration,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                refund_override_cents=form.cleaned_data["override_cents"],
            )
        except (RegistrationError, RefundError) as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        except PolicyError as exc:
            form.add_error("amount", str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Registration cancelled; refund {dollars(outcome.refund_cents)} ({outcome.explanation})",
        )
        return redirect("lms_registrations:inspect", self.registration.pk)


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = "Registrations and rosters"
    name = "lms_registrations"
    url_prefix = "registrations"
    add_to_reference_index = False  # nothing links to these; saves a task per save
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = RegistrationFilterSet
    search_fields = [
        "person__email",
        "person__first_name",
        "person__last_name",
        "person__profile__printed_name",
    ]
    list_display = [
        Column("person", label="Person", accessor="person"),
        Column("session", label="Session", accessor="session"),
        "status",
        Column("fee_tier", label="Tier", accessor="fee_tier.label"),
        DollarsColumn("amount_cents", label="Amount", sort_key="amount_cents"),
        "created_at",
    ]
    list_export = [
        "person.profile.printed_name",
        "person.email",
        "person.profile.pronouns",
        "person.profile.organization.name",
        "person.profile.license_type",
        "person.profile.license_number",
        "person.profile.license_state",
        "person.profile.accessibility_needs",
        "session",
        "get_status_display",
        "fee_tier.label",
        "amount_cents",
        "discount_code.code",
        "attested_at",
        "created_at",
        "confirmed_at",
        "check_in_code",
    ]
    export_headings = {
        "person.profile.printed_name": "Printed name",
        "person.email": "Email",
        "person.profile.pronouns": "Pronouns",
        "person.profile.organization.name": "Organization",
        "person.profile.license_type": "License type",
        "person.profile.license_number": "License number",
        "person.profile.license_state": "License state",
        "person.profile.accessibility_needs": "Accessibility needs",
        "session": "Session",
        "get_status_display": "Status",
        "fee_tier.label": "Fee tier",
        "amount_cents": "Amount (cents)",
        "discount_code.code": "Discount code",
        "attested_at": "Tier attested at",
        "created_at": "Registered at",
        "confirmed_at": "Confirmed at",
        "check_in_code": "Check-in code",
    }
    export_filename = "roster"
    form_fields = ["staff_notes"]
    inspect_view_fields = [
        "person",
        "session",
        "status",
        "fee_tier",
        "chosen_amount_cents",
        "discount_code",
        "amount_cents",
        "scholarship_fund_cents",
        "attested_at",
        "hold_expires_at",
        "confirmed_at",
        "cancelled_at",
        "cancellation_reason",
        "staff_notes",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", RegistrationCancelView.as_view(), name="cancel"),
        ]


# --- Payments and refunds -----------------------------------------------------------------


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


class PaymentIndexView(NullSafeExportMixin, IndexView):
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

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.refundable_cents and self.request.user.has_perm("lms.add_refund"):
            buttons.append(
                Button(
                    "Refund",
                    url=reverse("lms_payments:refund", args=[instance.pk]),
                    icon_name="undo",
                    priority=40,
                )
            )
        return buttons


class PaymentInspectView(InspectView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.refundable_cents and self.request.user.has_perm("lms.add_refund"):
            buttons.append(
                HeaderButton(
                    "Refund",
                    url=reverse("lms_payments:refund", args=[self.object.pk]),
                    icon_name="undo",
                    priority=40,
                )
            )
        return buttons

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
    amount = forms.CharField(label="Amount to refund (US dollars)")
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

    def clean_amount(self):
        return _parse_dollars(self.cleaned_data["amount"])


class PaymentRefundView(ActionFormView):
    page_title = "Refund"
    submit_button_label = "Send refund"
    form_class = RefundForm

    def dispatch(self, request, pk):
        if not request.user.has_perm("lms.add_refund"):
            raise PermissionDenied
        self.payment = get_object_or_404(
            Payment.objects.select_related("registration__person", "group__organization"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.payment)

    def get_initial(self):
        return {"amount": f"{self.payment.refundable_cents / 100:.2f}"}

    def get_summary(self):
        return [
            f"{self.payment.paid_for}",
            f"Paid {dollars(self.payment.amount_cents)}; refunded or being refunded "
            f"{dollars(self.payment.refunded_cents)}; at most {dollars(self.payment.refundable_cents)} left.",
            "The refund goes to Stripe in the background with an idempotency key; the "
            "participant gets an email when it is sent.",
        ]

    def form_valid(self, form):
        try:
            refund = refund_create(
                payment=self.payment,
                amount_cents=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except RefundError as exc:
            form.add_error("amount", exc.message)
            return self.form_invalid(form)
        refund.refresh_from_db()
        messages.success(
            self.request,
            f"Refund of {dollars(refund.amount_cents)}: {refund.get_status_display().lower()}.",
        )
        return redirect("lms_payments:inspect", self.payment.pk)


class PaymentViewSet(ModelViewSet):
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

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("refund/<int:pk>/", PaymentRefundView.as_view(), name="refund"),
        ]


class DiscountCodeViewSet(ModelViewSet):
    model = DiscountCode
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
        "amount_off_cents",
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


class RegistrationsAndPaymentsGroup(ModelViewSetGroup):
    menu_label = "Registrations"
    menu_icon = "group"
    menu_order = 250
    items = (RegistrationViewSet, PaymentViewSet, DiscountCodeViewSet, StripeEventViewSet)
