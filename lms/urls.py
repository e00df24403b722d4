"""Participant, coordinator and facilitator URLs, grouped by domain. URL names are stable:
emails, QR codes and calendar files already sent point at them."""

from django.urls import path

from lms.payments.webhooks import stripe_webhook
from lms.views import (
    accounts,
    attendance,
    brand,
    compensation,
    dashboard,
    demographics,
    dev_webhooks,
    evaluations,
    groups,
    invoices,
    mailbox,
    privacy,
    registrations,
    scholarships,
    surveys,
    technical_assistance,
    virtual_reports,
    waitlists,
)

app_name = "lms"

_registration = "registrations/<int:pk>/"
_session = "facilitate/sessions/<int:session_id>/"
_meeting = _session + "meetings/<int:meeting_id>/"

# The participant's own pages
urlpatterns = [
    path("brand.css", brand.brand_css, name="brand_css"),
    path("accounts/confirm-again/", accounts.resend_verification, name="resend_verification"),
    # The demo's mailbox (DEBUG only; 404 otherwise)
    path("dev/mailbox/", mailbox.mailbox_index, name="mailbox"),
    path("dev/mailbox/<str:key>/", mailbox.mailbox_detail, name="mailbox_message"),
    path("dev/mailbox/<str:key>/html/", mailbox.mailbox_html, name="mailbox_html"),
    path(
        "dev/mailbox/<str:key>/attachments/<int:number>/",
        mailbox.mailbox_attachment,
        name="mailbox_attachment",
    ),
    path("dev/webhooks/", dev_webhooks.dev_webhooks, name="dev_webhooks"),
    path("my/", dashboard.dashboard, name="dashboard"),
    path("my/profile/", registrations.profile_edit, name="profile_edit"),
    path("my/demographics/", demographics.demographics_edit, name="demographics"),
    path("my/organization/", demographics.organization_report_edit, name="organization_report"),
]

# People's data: download, erasure (docs/security.md)
urlpatterns += [
    path("my/privacy/", privacy.privacy, name="privacy"),
    path("my/privacy/download/", privacy.privacy_export, name="privacy_export"),
    path("my/privacy/erase/", privacy.privacy_erase_request, name="privacy_erase_request"),
    path(
        "my/privacy/erase/withdraw/",
        privacy.privacy_erase_withdraw,
        name="privacy_erase_withdraw",
    ),
    path(
        "my/privacy/erase/confirm/<str:token>/",
        privacy.privacy_erase_confirm,
        name="privacy_erase_confirm",
    ),
    path("privacy/erased/", privacy.privacy_erased, name="privacy_erased"),
]

# Registrations and payments
urlpatterns += [
    path(
        "sessions/<int:session_id>/register/",
        registrations.session_register,
        name="session_register",
    ),
    path(_registration, registrations.registration_detail, name="registration_detail"),
    path(_registration + "pay/", registrations.registration_pay, name="registration_pay"),
    path(_registration + "cancel/", registrations.registration_cancel, name="registration_cancel"),
    path(
        _registration + "receipt/", registrations.registration_receipt, name="registration_receipt"
    ),
    path(
        _registration + "calendar.ics",
        registrations.registration_calendar,
        name="registration_calendar",
    ),
    path(
        _registration + "check-in.png",
        registrations.registration_check_in_qr,
        name="registration_check_in_qr",
    ),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

# Scholarships, waitlists, agency groups and invoices
urlpatterns += [
    path(_registration + "scholarship/", scholarships.scholarship_apply, name="scholarship_apply"),
    path(_registration + "finish/", scholarships.registration_finish, name="registration_finish"),
    path("sessions/<int:session_id>/waitlist/", waitlists.waitlist_join, name="waitlist_join"),
    path("waitlist/<int:pk>/leave/", waitlists.waitlist_leave, name="waitlist_leave"),
    path("waitlist/<int:pk>/decline/", waitlists.waitlist_decline, name="waitlist_decline"),
    path("sessions/<int:session_id>/group/", groups.group_register, name="group_register"),
    path("my/groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("my/groups/pay/<int:pk>/", groups.group_pay, name="group_pay"),
    path(
        "my/groups/swap/<int:registration_id>/",
        groups.group_attendee_swap,
        name="group_attendee_swap",
    ),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
]

# The facilitator portal: attendance, materials, virtual reports, session reports
urlpatterns += [
    path("facilitate/", attendance.index, name="facilitate"),
    path(_session, attendance.session_detail, name="facilitate_session"),
    path(_session + "materials/", attendance.material_upload, name="facilitate_material_upload"),
    path(
        _session + "materials/<int:material_id>/withdraw/",
        attendance.material_withdraw,
        name="facilitate_material_withdraw",
    ),
    path(_session + "report/", attendance.session_report, name="facilitate_report"),
    path(_session + "evaluation/", evaluations.session_evaluation, name="facilitate_evaluation"),
    path(_meeting, attendance.meeting_attendance, name="facilitate_meeting"),
    path(_meeting + "check-in/", attendance.meeting_check_in, name="facilitate_check_in"),
    path(_meeting + "check-out/", attendance.meeting_check_out, name="facilitate_check_out"),
    path(
        _meeting + "confirm-attendance/",
        attendance.meeting_confirm_attendance,
        name="facilitate_confirm_attendance",
    ),
    path(_meeting + "room-code/<slug:mode>/", attendance.room_code, name="facilitate_room_code"),
    path(
        _meeting + "room-code/<slug:mode>/current/",
        attendance.room_code_current,
        name="facilitate_room_code_current",
    ),
    path("attend/", attendance.attend_enter, name="attend_enter"),  # typing the room code
    path("attend/<int:meeting_id>/<slug:mode>/", attendance.attend, name="attend"),  # its QR
    path(
        _meeting + "attendance/<int:registration_id>/",
        attendance.attendance_edit,
        name="facilitate_attendance_edit",
    ),
    path(
        _meeting + "virtual-report/",
        virtual_reports.virtual_report,
        name="facilitate_virtual_report",
    ),
    path(
        _meeting + "virtual-report/rows/<int:row_id>/",
        virtual_reports.virtual_row,
        name="facilitate_virtual_row",
    ),
    path(
        "check-in/<str:token>/",  # what Registration.check_in_url (the QR) points at
        attendance.checkin_token,
        name="facilitate_checkin_token",
    ),
    path("facilitate/pay/", compensation.pay_statements, name="facilitate_pay"),
    path(
        "facilitate/pay/<int:statement_id>/pdf/",
        compensation.pay_statement_pdf,
        name="facilitate_pay_pdf",
    ),
    path(
        "facilitate/pay/direct-deposit/",
        compensation.direct_deposit_start,
        name="facilitate_pay_direct_deposit",
    ),
]

# After a training: materials, the evaluation, technical assistance
urlpatterns += [
    path("materials/<int:material_id>/", attendance.material_download, name="material_download"),
    path(
        "sessions/<int:session_id>/materials/",
        attendance.session_materials,
        name="session_materials",
    ),
    path("evaluations/<int:registration_id>/", evaluations.evaluation, name="evaluation"),
    path("surveys/<str:token>/", surveys.survey_answer, name="survey_answer"),
    path(
        "technical-assistance/",
        technical_assistance.technical_assistance,
        name="technical_assistance",
    ),
]
