from django.urls import path

from .views import dashboard

app_name = "lms"

urlpatterns = [
    path("my/", dashboard.dashboard, name="dashboard"),
]
