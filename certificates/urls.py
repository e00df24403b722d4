from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
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
