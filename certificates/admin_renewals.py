"""Wagtail admin for the renewal tracker: what each license's renewal period requires (under
CE credit) and CE participants report from elsewhere, which staff accept or reject with a
reason (under Certificates)."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import OutsideCredit, RenewalRequirement
from certificates.renewals import outside_credit_accept, outside_credit_reject
from lms.admin.toolkit import (
    ActionFormView,
    ActionInspectView,
    ObjectAction,
    ObjectActionsViewSet,
    PeopleValuesInspectView,
    ReadOnlyPolicy,
    may_become,
)


class RenewalRequirementViewSet(ModelViewSet):
    model = RenewalRequirement
    name = "renewal_requirements"
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "time"
    menu_label = "Renewal requirements"
    url_prefix = "renewal-requirements"
    list_display = ["credential", "total_hours", "notes"]
    search_fields = ["credential__code", "credential__name"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        required=False,  # rejecting needs one: the service says so in its own words
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason",
        help_text="The participant reads it beside the training on their renewal page.",
    )


class OutsideCreditActionView(ActionFormView):
    permission_required = "certificates.change_outsidecredit"
    model = OutsideCredit
    form_class = ReasonForm
    error_field = "reason"
    success_url_name = "outside_credits:inspect"

    def get_summary(self):
        credit = self.object
        return [
            f"{credit.person.get_full_name() or credit.person.email}: “{credit.title}” from "
            f"{credit.provider}, {credit.completed_on:%b %-d, %Y}, {credit.hours} "
            f"{credit.category.name.lower()} hours ({credit.get_status_display().lower()}).",
        ]


class OutsideCreditAcceptView(OutsideCreditActionView):
    page_title = "Accept CE from elsewhere"
    submit_button_label = "Accept"
    success_message = "“{object.title}” is accepted: it counts toward the renewal."

    def perform(self, form):
        return outside_credit_accept(
            credit=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class OutsideCreditRejectView(OutsideCreditActionView):
    page_title = "Reject CE from elsewhere"
    submit_button_label = "Reject"
    success_message = "“{object.title}” is not accepted; the participant sees the reason."

    def perform(self, form):
        return outside_credit_reject(
            credit=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
        )


@permission_required("certificates.view_outsidecredit", raise_exception=True)
def _certificate_file(request, pk):
    from certificates.views import outside_credit_file_response

    return outside_credit_file_response(get_object_or_404(OutsideCredit, pk=pk))


class OutsideCreditInspectView(ActionInspectView):
    def get_certificate_file_display_value(self):
        return format_html(
            '<a href="{}">Download the certificate (PDF)</a>',
            reverse("outside_credits:file", args=[self.object.pk]),
        )


class OutsideCreditViewSet(ObjectActionsViewSet):
    model = OutsideCredit
    name = "outside_credits"
    icon = "doc-empty"
    menu_label = "CE from elsewhere"
    url_prefix = "ce-from-elsewhere"
    inspect_view_class = OutsideCreditInspectView
    list_display = ["title", "person", "provider", "completed_on", "hours", "category", "status"]
    list_filter = ["status", "category"]
    search_fields = ["title", "provider", "person__email", "person__last_name"]
    inspect_view_fields = [
        "person",
        "credential",
        "provider",
        "title",
        "completed_on",
        "hours",
        "category",
        "certificate_file",
        "status",
        "review_reason",
        "reviewed_by",
        "reviewed_at",
        "created_at",
    ]
    form_fields = ["review_reason"]
    object_actions = [
        ObjectAction(
            "Accept",
            "outside_credits:accept",
            OutsideCreditAcceptView,
            allowed=may_become(OutsideCredit.Status.ACCEPTED),
            icon_name="check",
        ),
        ObjectAction(
            "Reject",
            "outside_credits:reject",
            OutsideCreditRejectView,
            allowed=may_become(OutsideCredit.Status.REJECTED),
            icon_name="cross",
        ),
    ]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("file/<int:pk>/", _certificate_file, name="file"),
        ]
