from django.urls import path

from cms import views

app_name = "cms"

urlpatterns = [
    path("trainings/calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("events/calendar.ics", views.events_calendar_feed, name="events_calendar_feed"),
    path("sessions/<int:session_id>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("embed/trainings/", views.embed_trainings, name="embed_trainings"),
    path("embed/trainings.js", views.embed_script, name="embed_script"),
    path("dev/partner-page/", views.dev_partner_page, name="dev_partner_page"),
]
