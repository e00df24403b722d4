from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/badge/", views.verify_badge, name="verify_badge"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path(
        "verify/<str:code>/open-badge.json", views.verify_badge_download, name="verify_badge_json"
    ),
    path("badges/issuer.json", views.badge_issuer, name="badge_issuer"),
    path("badges/status/revocation.jwt", views.badge_status_list, name="badge_status_list"),
    path("my/certificates/certificates.zip", views.certificates_zip, name="certificates_zip"),
    path(
        "my/certificates/<int:certificate_id>/open-badge.json",
        views.certificate_badge,
        name="certificate_badge",
    ),
    path(
        "certificates/sessions/<int:session_id>/certificates.zip",
        views.session_certificates_zip,
        name="session_certificates_zip",
    ),
    path("my/renewal/", views.renewal, name="renewal"),
    path(
        "my/renewal/<int:credit_id>/certificate.pdf",
        views.outside_credit_file,
        name="outside_credit_file",
    ),
    path("my/certificates/", views.transcript, name="transcript"),
    path("my/certificates/transcript.pdf", views.transcript_pdf, name="transcript_pdf"),
    path("my/certificates/transcript.csv", views.transcript_csv, name="transcript_csv"),
    path(
        "my/certificates/<int:certificate_id>/pdf/", views.certificate_pdf, name="certificate_pdf"
    ),
    path(
        "my/certificates/conference/<int:conference_id>/<int:body_id>/pdf/",
        views.conference_certificate_pdf,
        name="conference_certificate_pdf",
    ),
]
