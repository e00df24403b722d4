from django.urls import path

from cms import views

app_name = "cms"

urlpatterns = [
    path("trainings/calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("sessions/<int:session_id>/calendar.ics", views.session_calendar, name="session_calendar"),
]
