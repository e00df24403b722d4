"""Wagtail admin registrations for lms: audit actions and the admin viewsets."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lms.admin.catalogue import CatalogueViewSetGroup, FacilitatorViewSet
from lms.admin.registrations import RegistrationsAndPaymentsGroup
from lms.admin.reports import report_menu_hooks
from lms.admin.scholarships import ScholarshipsAndWaitlistsGroup


@hooks.register("register_log_actions")
def register_lms_log_actions(actions):
    # Every money or state change is logged under one of these names (lms.services.audit).
    actions.register_action("lms.registration.hold", "Seat held", "Seat held for payment")
    for name, label in [
        ("lms.session.cancel", "Session cancelled"),
        ("lms.session.cancel_done", "Session cancellation finished"),
        ("lms.session.message", "Message sent to registrants"),
        ("lms.session.reschedule", "Session rescheduled"),
        ("lms.session.capacity_override", "Seat added over capacity"),
        ("lms.registration.staff_add", "Registration added by staff"),
    ]:
        actions.register_action(name, label, label)
    actions.register_action(
        "lms.registration.confirm", "Registration confirmed", "Registration confirmed"
    )
    actions.register_action(
        "lms.registration.cancel", "Registration cancelled", "Registration cancelled"
    )
    actions.register_action("lms.registration.expire", "Hold expired", "Seat hold expired")
    # Registration and payments
    actions.register_action(
        "lms.registration.confirm_late",
        "Confirmed after hold expired",
        "Registration confirmed by a payment that arrived after its hold expired",
    )
    actions.register_action("lms.payment.start", "Payment started", "Card payment started")
    actions.register_action("lms.payment.update", "Payment updated", "Payment status updated")
    actions.register_action("lms.payment.succeed", "Payment received", "Card payment received")
    actions.register_action("lms.payment.fail", "Payment failed", "Card payment failed")
    actions.register_action("lms.payment.abandon", "Payment abandoned", "Payment attempt abandoned")
    actions.register_action("lms.payment.refund", "Refund requested", "Refund requested")
    actions.register_action("lms.refund.succeed", "Refund sent", "Refund sent to the card")
    actions.register_action("lms.refund.fail", "Refund failed", "Refund failed at Stripe")
    # Scholarships and waitlists
    for name, label in [
        ("lms.scholarship_fund.credit", "Fund credited"),
        ("lms.scholarship_fund.debit", "Fund debited (pay it forward refunded)"),
        ("lms.scholarship_award.use", "Award used"),
        ("lms.scholarship_award.release", "Award released"),
        ("lms.scholarship.apply", "Scholarship applied for"),
        ("lms.scholarship.award", "Scholarship awarded"),
        ("lms.scholarship.decline", "Scholarship declined"),
        ("lms.scholarship.lapse", "Scholarship application lapsed (seat released)"),
        ("lms.waitlist.join", "Joined the waitlist"),
        ("lms.waitlist.offered", "Waitlist seat offered"),
        ("lms.waitlist.accepted", "Waitlist offer taken"),
        ("lms.waitlist.declined", "Waitlist offer declined"),
        ("lms.waitlist.expired", "Waitlist offer expired"),
        ("lms.waitlist.left", "Left the waitlist"),
        ("lms.waitlist.move", "Moved on the waitlist"),
        ("lms.invoice.issue", "Invoice issued"),
        ("lms.invoice.pay", "Invoice payment recorded"),
        ("lms.invoice.void", "Invoice voided"),
        ("lms.registration.swap", "Attendee swapped by the coordinator"),
        ("lms.group.hold", "Group seats held for a card payment"),
        ("lms.group.confirm", "Group paid and confirmed"),
        ("lms.group.expire", "Group seat hold expired"),
        ("lms.scholarship_award.no_show", "No-show policy applied to an award"),
    ]:
        actions.register_action(name, label, label)


@hooks.register("register_admin_viewset")
def register_integrations():
    from lms.admin.api import IntegrationsGroup

    return IntegrationsGroup()


@hooks.register("register_log_actions")
def register_integration_log_actions(actions):
    for name, label in [
        ("lms.api_key.issue", "API key issued"),
        ("lms.api_key.revoke", "API key revoked"),
        ("lms.webhook.resend", "Webhook delivery sent again"),
    ]:
        actions.register_action(name, label, label)


@hooks.register("register_admin_viewset")
def register_registrations_and_payments():
    return RegistrationsAndPaymentsGroup()


@hooks.register("register_admin_viewset")
def register_scholarships_and_waitlists():
    return ScholarshipsAndWaitlistsGroup()


@hooks.register("register_admin_viewset")
def register_catalogue_viewsets():
    return CatalogueViewSetGroup()


register_snippet(FacilitatorViewSet)


# --- Attendance, evaluations, TA requests --------------------------------------
@hooks.register("register_admin_viewset")
def register_attendance_followup_viewsets():
    from lms.admin.attendance import AttendanceFollowUpGroup

    return AttendanceFollowUpGroup()


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    for name, label in [
        ("lms.attendance.check_in", "Checked in"),
        ("lms.attendance.check_out", "Checked out"),
        ("lms.attendance.confirm_whole_meeting", "Whole-meeting attendance confirmed"),
        ("lms.attendance.correct", "Attendance corrected"),
        ("lms.attendance.virtual_import", "Virtual attendance report imported"),
        ("lms.attendance.virtual_match", "Virtual report row matched"),
        ("lms.material.add", "Material shared"),
        ("lms.material.withdraw", "Material withdrawn"),
        ("lms.session_report.save", "Session report saved"),
        ("lms.session_report.file", "Session report filed"),
        ("lms.session_report.reopen", "Session report reopened"),
        ("lms.evaluation.submit", "Evaluation submitted"),
        ("lms.ta_request.create", "TA request received"),
        ("lms.ta_request.change", "TA request updated"),
    ]:
        actions.register_action(name, label, label)


# --- Facilitator compensation ----------------------------------------------------
@hooks.register("register_log_actions")
def register_compensation_log_actions(actions):
    for name, label in [
        ("lms.pay_statement.create", "Pay statement drafted"),
        ("lms.pay_statement.recompute", "Pay statement recomputed"),
        ("lms.pay_statement.discard", "Draft pay statement discarded"),
        ("lms.pay_statement.expense_add", "Expense added to pay statement"),
        ("lms.pay_statement.expense_remove", "Expense removed from pay statement"),
        ("lms.pay_statement.approve", "Pay statement approved"),
        ("lms.pay_statement.pay", "Pay statement paid"),
        ("lms.pay_statement.payout_failed", "Pay statement payout failed"),
        ("lms.pay_profile.connect_start", "Direct deposit set-up started"),
        ("lms.pay_profile.connect_status", "Direct deposit status changed"),
        ("lms.pay_profile.w9_open", "W-9 form opened"),
    ]:
        actions.register_action(name, label, label)


@hooks.register("register_admin_viewset")
def register_compensation_viewsets():
    from lms.admin.compensation import FacilitatorPayGroup

    return FacilitatorPayGroup()


# --- Staff indicators and reports ------------------------------------------------
@hooks.register("register_admin_urls")
def register_report_urls():
    from django.urls import include, path

    from lms.admin.reports import get_urlpatterns

    return [path("indicators/", include((get_urlpatterns(), "lms_reports")))]


# Wagtail's own "Reports" menu lists each report a user may open, from the list of reports.
for _report_menu_item in report_menu_hooks():
    hooks.register("register_reports_menu_item", _report_menu_item)


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    from lms.admin.work_queue import homepage_panels

    homepage_panels(request, panels)


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    from lms.admin.reports import homepage_panels

    homepage_panels(request, panels)


# --- People's data: export, erasure, retention -----------------------------------------------
@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    from lms.admin.privacy import PrivacyGroup

    return PrivacyGroup()


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    for name, label in [
        ("lms.privacy.export", "Personal data downloaded"),
        ("lms.privacy.erasure_request", "Erasure requested"),
        ("lms.privacy.erasure_confirm", "Erasure request confirmed"),
        ("lms.privacy.erasure_withdraw", "Erasure request withdrawn"),
        ("lms.privacy.erasure_expire", "Erasure request link expired"),
        ("lms.privacy.erase", "Personal data erased"),
        ("lms.privacy.retention_run", "Retention schedule run"),
    ]:
        actions.register_action(name, label, label)


# --- Organizations and people ------------------------------------------------------------------
@hooks.register("register_admin_viewset")
def register_organizations_and_people():
    from lms.admin.people import OrganizationsAndPeopleGroup

    return OrganizationsAndPeopleGroup()


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    for name, label in [
        ("lms.organization.member_confirm", "Membership confirmed"),
        ("lms.organization.self_report_reminder", "Asked to update its self-report"),
        ("lms.organization.contact_add", "Contact added"),
        ("lms.organization.contact_remove", "Contact removed"),
        ("lms.organization.partner_support", "Partner support recorded"),
        ("lms.organization.merge", "Duplicate organization merged in"),
        ("lms.organization.self_report", "Self-report changed"),
        ("lms.organization.self_report_propose", "Self-report change proposed"),
        ("lms.organization.self_report_decide", "Proposed self-report change decided"),
        ("lms.person.correct", "Name or license corrected"),
        ("lms.person.deactivate", "Account deactivated"),
        ("lms.person.invite", "Account created and invitation sent"),
    ]:
        actions.register_action(name, label, label)


@hooks.register("insert_global_admin_css")
def admin_css():
    """The admin screens' own styles, as a static file (static/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


# --- Gatherings: sign-in sheets ------------------------------------------------------
@hooks.register("register_admin_urls")
def register_gathering_urls():
    from django.urls import include, path

    from lms.admin.gatherings import get_urlpatterns

    return [path("gatherings/", include((get_urlpatterns(), "lms_gatherings")))]


@hooks.register("register_admin_menu_item")
def register_sign_in_sheets_menu_item():
    from lms.admin.gatherings import sign_in_sheets_menu_item

    return sign_in_sheets_menu_item()


@hooks.register("register_log_actions")
def register_gathering_log_actions(actions):
    for name, label in [
        ("lms.registration.sign_in_sheet", "Registered from a sign-in sheet"),
        ("lms.attendance.sign_in_sheet", "Sign-in sheet applied"),
    ]:
        actions.register_action(name, label, label)


# --- Partner surveys ------------------------------------------------------------------
@hooks.register("register_admin_viewset")
def register_surveys():
    from lms.admin.surveys import SurveyViewSet

    return SurveyViewSet()


@hooks.register("register_log_actions")
def register_survey_log_actions(actions):
    for name, label in [
        ("lms.survey.open", "Survey opened and sent"),
        ("lms.survey.remind", "Survey reminders sent"),
        ("lms.survey.close", "Survey closed"),
        ("lms.survey.answer", "Survey answered"),
    ]:
        actions.register_action(name, label, label)
