"""Calendar files: every upcoming session, and one session (for "Add to calendar")."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from lms.calendars import sessions_calendar
from lms.models import Session
from lms.selectors.catalogue import upcoming_sessions

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _page_url(request):
    def url_for(session):
        return session.training.page.get_full_url(request)

    return url_for


def _domain(request) -> str:
    return request.get_host().split(":")[0] or "coalition-ce"


def calendar_feed(request):
    """/trainings/calendar.ics: every upcoming session of a published training."""
    sessions = (
        upcoming_sessions(now=timezone.now())
        .filter(training__page__live=True)
        .select_related("training__page")
        .prefetch_related("meetings")
    )
    body = sessions_calendar(
        sessions,
        name=f"{settings.WAGTAIL_SITE_NAME} trainings",
        domain=_domain(request),
        url_for=_page_url(request),
    )
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = 'inline; filename="trainings.ics"'
    return response


def session_calendar(request, session_id: int):
    """/sessions/<id>/calendar.ics: one session, all its meetings, as a download."""
    session = get_object_or_404(
        Session.objects.filter(training__page__live=True, starts_at__isnull=False)
        .select_related("training__page")
        .prefetch_related("meetings"),
        pk=session_id,
    )
    body = sessions_calendar(
        [session],
        name=session.training.title,
        domain=_domain(request),
        url_for=_page_url(request),
    )
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{session.training.slug}-{session.starts_at:%Y-%m-%d}.ics"'
    )
    return response
