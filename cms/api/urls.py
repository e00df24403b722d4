"""/api/v1/ (the API), /api/schema/ (OpenAPI 3) and /api/docs/ (its documentation page)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cms.api import views

app_name = "api"

v1 = "v1/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(v1 + "trainings/", views.TrainingList.as_view(), name="trainings"),
    path(v1 + "trainings/<int:pk>/", views.TrainingDetail.as_view(), name="training"),
    path(v1 + "sessions/", views.SessionList.as_view(), name="sessions"),
    path(v1 + "sessions/<int:pk>/", views.SessionDetail.as_view(), name="session"),
    path(
        v1 + "certificates/verify/<str:code>/",
        views.CertificateVerify.as_view(),
        name="certificate_verify",
    ),
    path(v1 + "certificates/", views.CertificateList.as_view(), name="certificates"),
    path(v1 + "certificates/<int:pk>/", views.CertificateDetail.as_view(), name="certificate"),
    path(v1 + "registrations/", views.RegistrationList.as_view(), name="registrations"),
    path(v1 + "registrations/<int:pk>/", views.RegistrationDetail.as_view(), name="registration"),
    # Anything else under /api/ (an unknown path, an id that is not a number) is a problem
    # document too, never the site's HTML page.
    re_path(r"^", views.not_found, name="not_found"),
]
