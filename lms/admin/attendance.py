"""Staff screens after a training: session reports (and the follow-up menu)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from wagtail.admin import messages
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from lms.admin.evaluations import EvaluationViewSet
from lms.admin.technical_assistance import TechnicalAssistanceViewSet
from lms.models import SessionReport
from lms.services.attendance import session_report_reopen


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
