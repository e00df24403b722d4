"""Staff admin for registrations, rosters, payments, refunds, discount codes and Stripe events.

Registered from lms/wagtail_hooks.py. Lists filter and export (CSV/XLSX: a session's roster is
the registration list filtered by session). Each object's history is Wagtail's log, written
by lms.services.audit. Status and money never change through a plain edit form: cancelling
and refunding are their own views that call the services."""

from django import forms
from django.utils import timezone
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup

from lms.admin.payments import DiscountCodeViewSet, PaymentViewSet, StripeEventViewSet
from lms.admin.toolkit import (
    ActionFormView,
    ActionIndexView,
    DollarsColumn,
    NullSafeExportMixin,
    ObjectAction,
    ObjectActionsViewSet,
    PersonColumn,
)
from lms.models import Payment, Registration, Session
from lms.money import DollarsField
from lms.rules.cancellation import PolicyError
from lms.rules.money import dollars
from lms.services.registrations import (
    registration_cancel,
    registration_cancel_refusal,
    registration_refund_decide,
)


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


class RegistrationIndexView(NullSafeExportMixin, ActionIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("person__profile__organization", "session__training", "fee_tier")
        )


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
    amount = DollarsField(
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
            cleaned["override_cents"] = cleaned.get("amount")
            if cleaned["override_cents"] is None and "amount" not in self.errors:
                self.add_error("amount", "Enter the amount to refund.")
        else:
            self.errors.pop("amount", None)  # not asked for with this choice: ignore
        return cleaned


def staff_may_cancel(registration: Registration) -> bool:
    """The cancel rule as staff see it (lms.services.registrations.registration_cancel_refusal)."""
    return (
        registration_cancel_refusal(registration=registration, now=timezone.now(), staff=True)
        is None
    )


class RegistrationCancelView(ActionFormView):
    """Staff may cancel a registration at any time, also after the session started: that is
    how a registration made by mistake or a person who never came is corrected (the
    participant's own cancel stops at the start). Certificates issued for it are revoked."""

    permission_required = "lms.change_registration"
    page_title = "Cancel registration"
    submit_button_label = "Cancel this registration"
    form_class = StaffCancelForm
    success_url_name = "lms_registrations:inspect"
    queryset = Registration.objects.select_related("session__training", "person")

    @property
    def registration(self):
        return self.object

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "may_override": self.request.user.has_perm("lms.add_refund"),
        }

    def get_summary(self):
        paid = list(self.registration.payments.filter(status__in=Payment.PAID))
        decision = registration_refund_decide(
            registration=self.registration, now=timezone.now(), paid=paid
        )
        summary = [
            f"Status: {self.registration.get_status_display()}.",
            f"Paid: {dollars(sum(p.amount_cents for p in paid))}; already refunded: "
            f"{dollars(sum(p.refunded_cents for p in paid))}.",
            f"The policy gives {dollars(decision.refund_cents)}: {decision.explanation}",
        ]
        starts_at = self.registration.session.starts_at
        if starts_at and starts_at <= timezone.now():
            summary.append(
                "The session has started: the participant can no longer cancel, staff still "
                "may (as a correction), and any certificates issued for it are revoked."
            )
        return summary

    def perform(self, form):
        return registration_cancel(
            registration=self.object,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            refund_override_cents=form.cleaned_data["override_cents"],
            staff=True,
        )

    def get_error_field(self, error):
        return "amount" if isinstance(error, PolicyError) else None

    def get_success_message(self, outcome):
        return f"Registration cancelled; refund {dollars(outcome.refund_cents)} ({outcome.explanation})"


class RegistrationViewSet(ObjectActionsViewSet):
    model = Registration
    icon = "group"
    menu_label = "Registrations and rosters"
    name = "lms_registrations"
    url_prefix = "registrations"
    add_to_reference_index = False  # nothing links to these; saves a task per save
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = RegistrationFilterSet
    object_actions = [
        ObjectAction(
            "Cancel registration",
            "lms_registrations:cancel",
            RegistrationCancelView,
            allowed=staff_may_cancel,
            icon_name="cross",
        ),
    ]
    search_fields = [
        "person__email",
        "person__first_name",
        "person__last_name",
        "person__profile__printed_name",
    ]
    list_display = [
        PersonColumn("person", label="Person"),
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


class RegistrationsAndPaymentsGroup(ModelViewSetGroup):
    menu_label = "Registrations"
    menu_icon = "group"
    menu_order = 250
    items = (RegistrationViewSet, PaymentViewSet, DiscountCodeViewSet, StripeEventViewSet)
