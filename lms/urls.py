from django.urls import path

from .payments.webhooks import stripe_webhook
from .views import dashboard, registration, scholarships

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
]
