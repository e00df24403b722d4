"""Wagtail admin for certificates: templates staff design, the certificate list with revoke
and reissue, and per-session eligibility with bulk issue and its progress."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup

from certificates.admin_renewals import OutsideCreditViewSet
from certificates.models import BulkIssueRun, Certificate, CertificateTemplate
from certificates.services import (
    bulk_issue_start,
    certificate_email_resend,
    certificate_pdf_bytes,
    certificate_reissue,
    certificate_revoke,
    certificate_sample,
    registration_eligibility,
    session_registrations,
)
from lms.admin.toolkit import (
    ActionFormView,
    ActionInspectView,
    ObjectAction,
    ObjectActionsViewSet,
    ReadOnlyPolicy,
    may_become,
)
from lms.models import Session
from lms.rules.money import hours_text
from lms.selectors.attendance import session_attendance_corrections


class TemplatePreviewView(PermissionRequiredMixin, View):
    """The template rendered with sample data, as the PDF participants will get, opened in the
    browser: staff see the layout, logo, signature and statement before using it."""

    model = CertificateTemplate
    permission_required = "certificates.change_certificatetemplate"

    def get(self, request, pk: int):
        template = get_object_or_404(CertificateTemplate, pk=pk)
        sample = certificate_sample(template=template)
        response = HttpResponse(
            certificate_pdf_bytes(certificate=sample), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="preview-{slugify(template.name)}.pdf"'
        return response


class CertificateTemplateViewSet(ObjectActionsViewSet):
    model = CertificateTemplate
    object_actions = [
        ObjectAction(
            "Preview with sample data (PDF)",
            "certificate_templates:preview",
            TemplatePreviewView,
            icon_name="view",
        )
    ]
    icon = "doc-full-inverse"
    menu_label = "Certificate templates"
    name = "certificate_templates"
    url_prefix = "certificate-templates"
    list_display = ["name", "is_default", "signatory_name", "accent_colour"]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        required=False,  # the service says a reason is needed, in its own words
        strip=False,
        max_length=500,
        label="Reason for revoking",
        help_text="Kept in the certificate's history; the verification page says it is revoked.",
    )


class CertificateActionView(ActionFormView):
    """Revoke and reissue: a page that says what will happen, from a listing row button or
    the certificate's header button."""

    permission_required = "certificates.change_certificate"
    model = Certificate
    form_class = forms.Form
    success_url_name = "certificates_admin:inspect"

    def get_summary(self):
        certificate = self.object
        return [
            f"{certificate.serial}: {certificate.printed_name}, {certificate.training_title} "
            f"({certificate.get_status_display().lower()})."
        ]


class CertificateRevokeView(CertificateActionView):
    page_title = "Revoke certificate"
    submit_button_label = "Revoke"
    form_class = RevokeForm
    error_field = "reason"
    success_message = "Certificate {object.serial} revoked."

    def get_summary(self):
        return [
            *super().get_summary(),
            "Revoking cannot be undone: the public verification page will say the certificate "
            "is revoked.",
        ]

    def perform(self, form):
        return certificate_revoke(
            certificate=self.object,
            reason=form.cleaned_data["reason"][:500],
            by=self.request.user,
        )


class CertificateResendView(CertificateActionView):
    page_title = "Send the certificate email again"
    submit_button_label = "Send again"
    success_message = "Certificate {object.serial} will be emailed again."

    def get_summary(self):
        person = self.object.registration.person
        return [
            *super().get_summary(),
            f"The certificate email, with its download and verification links, goes again to "
            f"{person.email}.",
        ]

    def perform(self, form):
        return certificate_email_resend(certificate=self.object, by=self.request.user)


class CertificateReissueView(CertificateActionView):
    page_title = "Reissue certificate"
    submit_button_label = "Reissue from the current profile"

    def get_summary(self):
        return [
            *super().get_summary(),
            "A new certificate is made from the participant's current profile (printed name "
            "and license); this one is superseded and its verification page points to the new "
            "one.",
        ]

    def perform(self, form):
        return certificate_reissue(certificate=self.object, by=self.request.user)

    def get_success_message(self, new):
        return f"Reissued as {new.serial}; {self.object.serial} is superseded."

    def get_success_url(self, new=None):
        return reverse("certificates_admin:inspect", args=[new.pk])


@permission_required("certificates.add_certificate", raise_exception=True)
def _sessions_view(request):
    sessions = (
        Session.objects.filter(starts_at__lte=timezone.now())
        .select_related("training")
        .order_by("-starts_at")[:100]
    )
    return render(request, "certificates/admin/sessions.html", {"sessions": sessions})


@permission_required("certificates.add_certificate", raise_exception=True)
def _session_view(request, session_id):
    session = get_object_or_404(Session.objects.select_related("training"), pk=session_id)
    if request.method == "POST":
        run = bulk_issue_start(session=session, by=request.user)
        return redirect("certificates_admin:run", run.pk)
    issued = {}
    for c in Certificate.objects.filter(
        registration__session=session, status=Certificate.Status.VALID
    ):
        issued.setdefault(c.registration_id, []).append(c)
    corrections = session_attendance_corrections(session=session)
    rows = []
    for registration in session_registrations(session):
        rows.append(
            {
                "registration": registration,
                "corrections": corrections.get(registration.pk, []),
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


@permission_required("certificates.add_certificate", raise_exception=True)
def _run_view(request, run_id):
    run = get_object_or_404(BulkIssueRun.objects.select_related("session__training"), pk=run_id)
    return render(request, "certificates/admin/run.html", {"run": run})


class CertificateInspectView(ActionInspectView):
    def get_hours_display_value(self):
        return ", ".join(
            f"{hours_text(hours)} {label.lower()}" for label, hours in self.object.hours_lines()
        )


class CertificateViewSet(ObjectActionsViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Certificates"
    name = "certificates_admin"
    url_prefix = "certificates"
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
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
    object_actions = [
        ObjectAction(
            "Send email again",
            "certificates_admin:resend",
            CertificateResendView,
            allowed=lambda certificate: certificate.is_valid,
            icon_name="mail",
        ),
        ObjectAction(
            "Reissue",
            "certificates_admin:reissue",
            CertificateReissueView,
            allowed=may_become(Certificate.Status.SUPERSEDED),
            icon_name="rotate",
        ),
        ObjectAction(
            "Revoke",
            "certificates_admin:revoke",
            CertificateRevokeView,
            allowed=may_become(Certificate.Status.REVOKED),
            icon_name="cross",
        ),
    ]
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
            path("sessions/", _sessions_view, name="sessions"),
            path("sessions/<int:session_id>/", _session_view, name="session"),
            path("runs/<int:run_id>/", _run_view, name="run"),
        ]


class CertificatesGroup(ViewSetGroup):
    menu_label = "Certificates"
    menu_icon = "doc-full"
    menu_order = 330
    items = (CertificateViewSet, CertificateTemplateViewSet, OutsideCreditViewSet)
