"""Wagtail admin for facilitator pay, one "Facilitator pay" menu for Finance: the statements
queue, the 1099 list, rate cards, pay profiles and 1099 thresholds. Registered from
lms.wagtail_hooks; the views themselves are in lms.views.compensation_admin."""

from django.urls import path
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.forms_compensation import FacilitatorPayProfileForm
from lms.models import FacilitatorPayProfile, Form1099Threshold, RateCard
from lms.services.pricing import dollars
from lms.views import compensation_admin as views


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class _PermissionViewSet(ViewSet):
    permission = ""

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.name,
            icon_name=self.icon,
            order=order if order is not None else self.menu_order,
            permission=self.permission,
        )


class PayStatementViewSet(_PermissionViewSet):
    name = "pay_statements"
    url_prefix = "pay/statements"
    icon = "doc-full"
    menu_label = "Pay statements"
    permission = "lms.view_paystatement"

    def get_urlpatterns(self):
        return [
            path("", views.statement_index, name="index"),
            path("prepare/", views.statement_prepare, name="prepare"),
            path("<int:pk>/", views.statement_detail, name="detail"),
            path("<int:pk>/approve/", views.statement_approve, name="approve"),
            path("<int:pk>/recompute/", views.statement_recompute, name="recompute"),
            path("<int:pk>/discard/", views.statement_discard, name="discard"),
            path("<int:pk>/expenses/", views.expense_add, name="expense_add"),
            path(
                "<int:pk>/expenses/<int:expense_id>/remove/",
                views.expense_remove,
                name="expense_remove",
            ),
            path("<int:pk>/pay/stripe/", views.statement_pay_connect, name="pay_connect"),
            path("<int:pk>/pay/record/", views.statement_record_payment, name="record_payment"),
            path("<int:pk>/pdf/", views.statement_pdf, name="pdf"),
        ]


class Form1099ViewSet(_PermissionViewSet):
    name = "form_1099"
    url_prefix = "pay/1099"
    icon = "table"
    menu_label = "1099-NEC list"
    permission = "lms.view_paystatement"

    def get_urlpatterns(self):
        return [path("", views.form_1099_list, name="index")]


def _money(attribute, label):
    return Column(attribute, label=label, accessor=lambda obj: dollars(getattr(obj, attribute)))


class RateCardViewSet(ModelViewSet):
    model = RateCard
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
        return [*super().get_urlpatterns(), path("w9/<int:pk>/", views.w9_download, name="w9")]


class Form1099ThresholdViewSet(ModelViewSet):
    model = Form1099Threshold
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
