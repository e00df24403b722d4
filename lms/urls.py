from django.urls import path

from lms.payments.webhooks import stripe_webhook
from lms.views import dashboard, registration, scholarships

app_name = "lms"

urlpatterns = [
    path("my/", dashboard.dashboard, name="dashboard"),
    # Registration and payments (issue 4)
    path("my/profile/", registration.profile_edit, name="profile_edit"),
    path(
        "sessions/<int:session_id>/register/",
        registration.session_register,
        name="session_register",
    ),
    path("registrations/<int:pk>/", registration.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/pay/", registration.registration_pay, name="registration_pay"),
    path(
        "registrations/<int:pk>/cancel/",
        registration.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "registrations/<int:pk>/receipt/",
        registration.registration_receipt,
        name="registration_receipt",
    ),
    path(
        "registrations/<int:pk>/calendar.ics",
        registration.registration_calendar,
        name="registration_calendar",
    ),
    path(
        "registrations/<int:pk>/check-in.png",
        registration.registration_check_in_qr,
        name="registration_check_in_qr",
    ),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
]

# Scholarships and waitlists (issue 5)
urlpatterns += [
    path(
        "registrations/<int:pk>/scholarship/",
        scholarships.scholarship_apply,
        name="scholarship_apply",
    ),
    path(
        "registrations/<int:pk>/finish/",
        scholarships.registration_finish,
        name="registration_finish",
    ),
    path("sessions/<int:session_id>/waitlist/", scholarships.waitlist_join, name="waitlist_join"),
    path("waitlist/<int:pk>/leave/", scholarships.waitlist_leave, name="waitlist_leave"),
    path("waitlist/<int:pk>/decline/", scholarships.waitlist_decline, name="waitlist_decline"),
    path("sessions/<int:session_id>/group/", scholarships.group_register, name="group_register"),
    path("my/groups/<int:pk>/", scholarships.group_detail, name="group_detail"),
    path("invoices/<int:pk>/pdf/", scholarships.invoice_pdf, name="invoice_pdf"),
    path("my/groups/pay/<int:pk>/", scholarships.group_pay, name="group_pay"),
    path(
        "my/groups/swap/<int:registration_id>/",
        scholarships.group_attendee_swap,
        name="group_attendee_swap",
    ),
]

# --- Facilitator portal, attendance, materials, evaluations, TA (issue 6) ---------------
from lms.views import facilitate, facilitate_records, followup  # noqa: E402

_session = "facilitate/sessions/<int:session_id>/"
_meeting = _session + "meetings/<int:meeting_id>/"
urlpatterns += [
    path("facilitate/", facilitate.index, name="facilitate"),
    path(_session, facilitate.session_detail, name="facilitate_session"),
    path(_session + "materials/", facilitate.material_upload, name="facilitate_material_upload"),
    path(
        _session + "materials/<int:material_id>/withdraw/",
        facilitate.material_withdraw,
        name="facilitate_material_withdraw",
    ),
    path(_session + "report/", facilitate_records.session_report, name="facilitate_report"),
    path(
        _session + "evaluation/",
        facilitate_records.session_evaluation,
        name="facilitate_evaluation",
    ),
    path(_meeting, facilitate.meeting_attendance, name="facilitate_meeting"),
    path(_meeting + "check-in/", facilitate.meeting_check_in, name="facilitate_check_in"),
    path(
        _meeting + "attendance/<int:registration_id>/",
        facilitate.attendance_edit,
        name="facilitate_attendance_edit",
    ),
    path(
        _meeting + "virtual-report/",
        facilitate_records.virtual_report,
        name="facilitate_virtual_report",
    ),
    path(
        _meeting + "virtual-report/rows/<int:row_id>/",
        facilitate_records.virtual_row,
        name="facilitate_virtual_row",
    ),
    path(
        "check-in/<str:token>/",  # what Registration.check_in_url (the QR) points at
        facilitate.checkin_token,
        name="facilitate_checkin_token",
    ),
    path("materials/<int:material_id>/", followup.material_download, name="material_download"),
    path(
        "sessions/<int:session_id>/materials/", followup.session_materials, name="session_materials"
    ),
    path("evaluations/<int:registration_id>/", followup.evaluation, name="evaluation"),
    path("technical-assistance/", followup.technical_assistance, name="technical_assistance"),
]


# --- Facilitator pay (issue 8) -------------------------------------------------------------
from lms.views import facilitator_pay  # noqa: E402

urlpatterns += [
    path("facilitate/pay/", facilitator_pay.pay_statements, name="facilitate_pay"),
    path(
        "facilitate/pay/<int:statement_id>/pdf/",
        facilitator_pay.pay_statement_pdf,
        name="facilitate_pay_pdf",
    ),
    path(
        "facilitate/pay/direct-deposit/",
        facilitator_pay.direct_deposit_start,
        name="facilitate_pay_direct_deposit",
    ),
]

# --- Voluntary demographic questions (issue 9) ---------------------------------------------
from lms.views import demographics  # noqa: E402

urlpatterns += [
    path("my/demographics/", demographics.demographics_edit, name="demographics"),
    path("my/organization/", demographics.organization_report_edit, name="organization_report"),
]
