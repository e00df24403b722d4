from django.urls import path

from .payments.webhooks import stripe_webhook
from .views import dashboard, registration

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
