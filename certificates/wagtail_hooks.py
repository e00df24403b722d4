"""Admin screens for CE approvals and credit rules: accrediting bodies (with their rules)
and each training's approvals."""

from django.contrib import messages
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.admin_renewals import RenewalRequirementViewSet
from certificates.models import AccreditingBody, CreditCategory, TrainingApproval
from certificates.selectors import approval_hours_warnings
from lms.admin.toolkit import PeopleValuesInspectView


class AccreditingBodyViewSet(ModelViewSet):
    model = AccreditingBody
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "clipboard-list"
    menu_label = "Accrediting bodies"
    url_prefix = "accrediting-bodies"
    list_display = [
        "name",
        "minutes_per_credit_hour",
        "rounding_increment",
        "partial_credit_allowed",
        "not_accepted_in_states",
    ]
    search_fields = ["name"]


class CreditCategoryViewSet(ModelViewSet):
    """Credit categories are data: staff add one a board asks for (sexual-harassment
    prevention, for example) and approvals can grant hours in it from then on."""

    model = CreditCategory
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    icon = "tag"
    menu_label = "Credit categories"
    url_prefix = "credit-categories"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


class ApprovalHoursWarningMixin:
    """Warn, without refusing, when the approval grants more hours than a session's meeting
    minutes allow (certificates.selectors.approval_hours_warnings): after saving, and on the
    edit form while it is still so."""

    def save_action(self):
        response = super().save_action()
        if not self.expects_json_response:
            self.warn_about_hours()
        return response

    def warn_about_hours(self):
        for warning in approval_hours_warnings(approval=self.object):
            messages.warning(self.request, warning)


class TrainingApprovalCreateView(ApprovalHoursWarningMixin, generic.CreateView):
    pass


class TrainingApprovalEditView(ApprovalHoursWarningMixin, generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.warn_about_hours()
        return response


class TrainingApprovalViewSet(ModelViewSet):
    model = TrainingApproval
    inspect_view_enabled = True
    inspect_view_class = PeopleValuesInspectView
    add_view_class = TrainingApprovalCreateView
    edit_view_class = TrainingApprovalEditView
    icon = "success"
    menu_label = "CE approvals"
    url_prefix = "ce-approvals"
    list_display = ["training", "body", "approval_number", "valid_from", "valid_until"]
    list_filter = ["body"]
    search_fields = ["training__title", "approval_number", "sponsor_number"]


class CreditGroup(ViewSetGroup):
    menu_label = "CE credit"
    menu_icon = "clipboard-list"
    menu_order = 320
    items = (
        TrainingApprovalViewSet,
        AccreditingBodyViewSet,
        CreditCategoryViewSet,
        RenewalRequirementViewSet,
    )


@hooks.register("register_admin_viewset")
def register_credit_viewsets():
    return CreditGroup()


# --- Certificates ---------------------------------------------------------------
@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    from certificates.admin_certificates import CertificatesGroup

    return CertificatesGroup()


@hooks.register("register_admin_viewset")
def register_roster_viewset():
    from certificates.admin_rosters import RosterExportViewSet

    return RosterExportViewSet()


@hooks.register("register_admin_menu_item")
def register_board_rosters_menu_item():
    from django.urls import reverse

    from lms.admin.toolkit import PermissionMenuItem

    return PermissionMenuItem(
        "Board rosters",
        reverse("roster_exports:board"),
        icon_name="download",
        order=332,
        permission="certificates.add_rosterexport",
    )


@hooks.register("register_admin_menu_item")
def register_issue_menu_item():
    from django.urls import reverse

    from lms.admin.toolkit import PermissionMenuItem

    return PermissionMenuItem(
        "Issue certificates",
        reverse("certificates_admin:sessions"),
        icon_name="upload",
        order=331,
        permission="certificates.add_certificate",
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    for name, label in [
        ("certificates.certificate.issue", "Certificate issued"),
        ("certificates.certificate.revoke", "Certificate revoked"),
        ("certificates.certificate.reissue", "Certificate reissued"),
        ("certificates.certificate.resend", "Certificate emailed again"),
        ("certificates.bulk_issue.start", "Bulk certificate issue started"),
        ("certificates.bulk_issue.resume", "Stalled bulk certificate issue resumed"),
        ("certificates.roster.export", "Board roster exported"),
        ("certificates.outside_credit.submit", "CE from elsewhere added"),
        ("certificates.outside_credit.accept", "CE from elsewhere accepted"),
        ("certificates.outside_credit.reject", "CE from elsewhere not accepted"),
    ]:
        actions.register_action(name, label, label)


# --- Before registering ----------------------------------------------------------------------
@hooks.register("register_registration_notices")
def registration_state_notices(*, session, person):
    """A participant licensed in a state that does not accept one of the training's
    approvals is told on the registration page."""
    from certificates.selectors import registration_state_notices as notices_for

    return notices_for(session=session, person=person)


# --- The staff home's work queue --------------------------------------------------------------
@hooks.register("register_work_queue_lines")
def register_bulk_run_work_queue_line():
    from django.urls import reverse

    from certificates.selectors import bulk_runs_needing_attention
    from lms.admin.work_queue import WorkQueueLine

    def text(run, now):
        if run.status == run.Status.DONE:
            return f"{run.session}: {len(run.failures)} not issued ({run.issued} issued)"
        return f"{run.session}: stalled at {run.processed} of {run.total}"

    return [
        WorkQueueLine(
            "certificate_runs",
            "Bulk certificate runs stalled or with failures",
            "certificates.add_certificate",
            rows=lambda now: bulk_runs_needing_attention(now=now),
            listing_url=lambda: reverse("certificates_admin:sessions"),
            item_url=lambda run: reverse("certificates_admin:run", args=[run.pk]),
            item_text=text,
            order=50,
        )
    ]


@hooks.register("register_work_queue_lines")
def register_outside_credit_work_queue_line():
    from django.urls import reverse

    from certificates.models import OutsideCredit
    from lms.admin.work_queue import WorkQueueLine

    return [
        WorkQueueLine(
            "outside_credits",
            "CE from elsewhere waiting for review",
            "certificates.change_outsidecredit",
            rows=lambda now: (
                OutsideCredit.objects.filter(
                    status__in=[OutsideCredit.Status.PENDING, OutsideCredit.Status.SELF_REPORTED]
                )
                .select_related("person")
                .order_by("created_at")
            ),
            listing_url=lambda: reverse("outside_credits:index"),
            item_url=lambda credit: reverse("outside_credits:inspect", args=[credit.pk]),
            item_text=lambda credit, now: (
                f"{credit.person.get_full_name() or credit.person.email}: {credit.title} "
                f"({credit.get_status_display().lower()})"
            ),
            order=55,
        )
    ]
