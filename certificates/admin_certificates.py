"""Wagtail admin for certificates: templates staff design, the certificate list with revoke
and reissue, and per-session eligibility with bulk issue and its progress."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from certificates.models import BulkIssueRun, Certificate, CertificateTemplate
from certificates.services import (
    bulk_issue_start,
    certificate_reissue,
    certificate_revoke,
    registration_eligibility,
    session_registrations,
)
from lms.errors import DomainError
from lms.models import Session


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = "Certificate templates"
    name = "certificate_templates"
    url_prefix = "certificate-templates"
    list_display = ["name", "is_default", "signatory_name", "accent_colour"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Certificates are only made by the issue service: no add, edit or delete screens."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


def _need(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


@require_POST
def _revoke_view(request, pk):
    _need(request, "certificates.change_certificate")
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        certificate_revoke(
            certificate=certificate, reason=request.POST.get("reason", "")[:500], by=request.user
        )
        messages.success(request, f"Certificate {certificate.serial} revoked.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("certificates_admin:inspect", pk)


@require_POST
def _reissue_view(request, pk):
    _need(request, "certificates.change_certificate")
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        new = certificate_reissue(certificate=certificate, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("certificates_admin:inspect", pk)
    messages.success(request, f"Reissued as {new.serial}; {certificate.serial} is superseded.")
    return redirect("certificates_admin:inspect", new.pk)


def _sessions_view(request):
    _need(request, "certificates.add_certificate")
    sessions = (
        Session.objects.filter(starts_at__lte=timezone.now())
        .select_related("training")
        .order_by("-starts_at")[:100]
    )
    return render(request, "certificates/admin/sessions.html", {"sessions": sessions})


def _session_view(request, session_id):
    _need(request, "certificates.add_certificate")
    session = get_object_or_404(Session.objects.select_related("training"), pk=session_id)
    if request.method == "POST":
        run = bulk_issue_start(session=session, by=request.user)
        return redirect("certificates_admin:run", run.pk)
    issued = {}
    for c in Certificate.objects.filter(
        registration__session=session, status=Certificate.Status.VALID
    ):
        issued.setdefault(c.registration_id, []).append(c)
    rows = []
    for registration in session_registrations(session):
        rows.append(
            {
                "registration": registration,
                "certificates": issued.get(registration.pk, []),
                "eligibility": None
                if registration.pk in issued
                else registration_eligibility(registration=registration),
            }
        )
    runs = BulkIssueRun.objects.filter(session=session)[:5]
    return render(
        request,
        "certificates/admin/session.html",
        {"session": session, "rows": rows, "runs": runs},
    )


def _run_view(request, run_id):
    _need(request, "certificates.add_certificate")
    run = get_object_or_404(BulkIssueRun.objects.select_related("session__training"), pk=run_id)
    return render(request, "certificates/admin/run.html", {"run": run})


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Certificates"
    name = "certificates_admin"
    url_prefix = "certificates"
    inspect_view_enabled = True
    inspect_template_name = "certificates/admin/certificate_inspect.html"
    list_display = [
        "serial",
        "printed_name",
        "training_title",
        "body_name",
        "status",
        Column(
            "verify",
            label="Verification",
            accessor=lambda c: format_html(
                '<a href="{}">{}</a>', reverse("certificates:verify", args=[c.code]), c.code
            ),
        ),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["serial", "code", "printed_name", "training_title"]
    inspect_view_fields = [
        "serial",
        "code",
        "status",
        "revoked_reason",
        "superseded_by",
        "kind",
        "printed_name",
        "license_type",
        "license_number",
        "training_title",
        "meeting_dates",
        "hours",
        "body_name",
        "approval_number",
        "issued_at",
        "issued_by",
        "emailed_at",
    ]
    form_fields = ["revoked_reason"]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", _revoke_view, name="revoke"),
            path("reissue/<int:pk>/", _reissue_view, name="reissue"),
            path("sessions/", _sessions_view, name="sessions"),
            path("sessions/<int:session_id>/", _session_view, name="session"),
            path("runs/<int:run_id>/", _run_view, name="run"),
        ]


class CertificatesGroup(ViewSetGroup):
    menu_label = "Certificates"
    menu_icon = "doc-full"
    menu_order = 330
    items = (CertificateViewSet, CertificateTemplateViewSet)
