"""Wagtail admin screens for attendance follow-up: the TA request queue, evaluations with
their aggregate results, and filed session reports. Registered from lms.wagtail_hooks."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.models import Evaluation, SessionReport, TechnicalAssistanceRequest
from lms.selectors_evaluations import evaluation_results
from lms.services.attendance import session_report_reopen
from lms.services.technical_assistance import (
    TechnicalAssistanceError,
    ta_request_change,
    ta_request_check_change,
)


class TechnicalAssistanceQueueForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = get_user_model().objects.filter(
            is_staff=True, is_active=True
        )
        self.original_status = self.instance.status

    def clean(self):
        data = super().clean()
        try:
            ta_request_check_change(
                current=self.original_status, status=data.get("status"), owner=data.get("owner")
            )
        except TechnicalAssistanceError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class TechnicalAssistanceEditView(EditView):
    def save_instance(self):
        # The form only validated; the service locks, logs and emails the requester.
        data = self.form.cleaned_data
        fresh = TechnicalAssistanceRequest.objects.get(pk=self.object.pk)
        return ta_request_change(
            request=fresh,
            status=data["status"],
            owner=data["owner"],
            note=data["staff_note"],
            by=self.request.user,
        )


class TechnicalAssistanceViewSet(ModelViewSet):
    model = TechnicalAssistanceRequest
    icon = "help"
    menu_label = "TA requests"
    name = "technical_assistance"
    url_prefix = "technical-assistance"
    add_to_admin_menu = False
    inspect_view_enabled = True
    edit_view_class = TechnicalAssistanceEditView
    list_display = [
        "topic",
        "requester_name",
        "organization_name",
        "urgency",
        "status",
        "owner",
        "created_at",
    ]
    list_filter = ["status", "urgency", "owner", "training"]
    search_fields = ["topic", "details", "requester_name", "requester_email", "organization_name"]
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("owner"), FieldPanel("staff_note")],
        base_form_class=TechnicalAssistanceQueueForm,
    )


def _evaluation_results_view(request, pk):
    if not request.user.has_perm("lms.view_evaluationresponse"):
        raise PermissionDenied
    evaluation = get_object_or_404(Evaluation.objects.select_related("training"), pk=pk)
    return render(
        request,
        "lms/admin/evaluation_results.html",
        {"evaluation": evaluation, "results": evaluation_results(evaluation=evaluation)},
    )


class EvaluationViewSet(ModelViewSet):
    model = Evaluation
    icon = "form"
    menu_label = "Evaluations"
    name = "evaluations"
    url_prefix = "evaluations"
    add_to_admin_menu = False
    list_display = [
        "training",
        "required_for_certificate",
        Column(
            "results",
            label="Results",
            accessor=lambda e: format_html(
                '<a href="{}">Results</a>', reverse("evaluations:results", args=[e.pk])
            ),
        ),
    ]
    search_fields = ["training__title"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("results/<int:pk>/", _evaluation_results_view, name="results"),
        ]


def _session_report_reopen_view(request, pk):
    if not request.user.has_perm("lms.change_sessionreport"):
        raise PermissionDenied
    report = get_object_or_404(SessionReport, pk=pk)
    if request.method == "POST":
        session_report_reopen(
            report=report, by=request.user, reason=request.POST.get("reason", "")[:500]
        )
        messages.success(
            request, f"Reopened: {report}. The facilitator can correct and file it again."
        )
    return redirect("session_reports:inspect", pk)


class SessionReportViewSet(ModelViewSet):
    model = SessionReport
    icon = "doc-full"
    menu_label = "Session reports"
    name = "session_reports"
    url_prefix = "session-reports"
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = ["session", "status", "filed_by", "filed_at"]
    list_filter = ["status"]
    inspect_view_fields = ["session", "status", "notes", "filed_by", "filed_at"]
    inspect_template_name = "lms/admin/session_report_inspect.html"
    form_fields = ["notes"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reopen/<int:pk>/", _session_report_reopen_view, name="reopen"),
        ]


class AttendanceFollowUpGroup(ViewSetGroup):
    menu_label = "Attendance & follow-up"
    menu_icon = "tasks"
    menu_order = 310
    items = (TechnicalAssistanceViewSet, EvaluationViewSet, SessionReportViewSet)
