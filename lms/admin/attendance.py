"""Staff screens after a training: session reports (and the follow-up menu)."""

from django import forms
from django.shortcuts import redirect
from django.urls import path
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.evaluations import EvaluationViewSet
from lms.admin.technical_assistance import TechnicalAssistanceViewSet
from lms.admin.toolkit import ActionPostView, TextLimitsViewSetMixin
from lms.models import SessionReport
from lms.services.attendance import session_report_reopen


class ReopenForm(forms.Form):
    reason = forms.CharField(required=False, strip=False)


class SessionReportReopenView(ActionPostView):
    """The reopen form on a filed report's inspect page."""

    http_method_names = ["get", "post"]
    permission_required = "lms.change_sessionreport"
    model = SessionReport
    form_class = ReopenForm
    success_message = "Reopened: {object}. The facilitator can correct and file it again."
    success_url_name = "session_reports:inspect"

    def get(self, request, *args, **kwargs):
        # A reload or a bookmark of the action goes back to the report.
        return redirect(self.get_back_url())

    def perform(self, form):
        return session_report_reopen(
            report=self.object, by=self.request.user, reason=form.cleaned_data["reason"][:500]
        )


class SessionReportViewSet(TextLimitsViewSetMixin, ModelViewSet):
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
            path("reopen/<int:pk>/", SessionReportReopenView.as_view(), name="reopen"),
        ]


class AttendanceFollowUpGroup(ViewSetGroup):
    menu_label = "Attendance & follow-up"
    menu_icon = "tasks"
    menu_order = 310
    items = (TechnicalAssistanceViewSet, EvaluationViewSet, SessionReportViewSet)
