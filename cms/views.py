"""Calendar files: every upcoming session, and one session (for "Add to calendar"); the
embeddable catalogue for partner sites (/embed/trainings/ and its loader script)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail import hooks
from wagtail.models import Page, Site

from cms.embed import embed_context, embed_limit
from cms.languages import live_translation
from cms.models import EmbedSettings
from lms.calendars import sessions_calendar
from lms.languages import active_language
from lms.models import EventKind, Session
from lms.models.catalogue import GATHERING_KINDS
from lms.selectors.catalogue import upcoming_sessions

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _page_url(request):
    def url_for(session):
        return session.training.page.get_full_url(request)

    return url_for


def _domain(request) -> str:
    return request.get_host().split(":")[0] or "coalition-ce"


def _feed(request, *, kinds: list[str], name: str, filename: str):
    sessions = (
        upcoming_sessions(now=timezone.now())
        .filter(training__page__live=True, training__kind__in=kinds)
        .select_related("training__page")
        .prefetch_related("meetings")
    )
    body = sessions_calendar(
        sessions,
        name=f"{settings.WAGTAIL_SITE_NAME} {name}",
        domain=_domain(request),
        url_for=_page_url(request),
    )
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_feed(request):
    """/trainings/calendar.ics: every upcoming session of a published CE training."""
    return _feed(request, kinds=[EventKind.CE_TRAINING], name="trainings", filename="trainings.ics")


def events_calendar_feed(request):
    """/events/calendar.ics: every upcoming session of a published gathering."""
    return _feed(request, kinds=GATHERING_KINDS, name="events", filename="events.ics")


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


@xframe_options_exempt
def embed_trainings(request):
    """Upcoming trainings for a partner site's frame. Only the origins staff list (Settings →
    Embedded catalogue) may frame it: the policy's frame-ancestors names them, and nothing else."""
    context = embed_context(
        topic_slug=request.GET.get("topic", "")[:100], limit=embed_limit(request.GET.get("limit"))
    )
    response = render(request, "cms/embed_trainings.html", context)
    origins = EmbedSettings.load(request_or_site=request).origins()
    response._csp_replace = {"frame-ancestors": ["'self'", *origins]}
    response["Cache-Control"] = "public, max-age=60"
    return response


def embed_script(request):
    """/embed/trainings.js: the one line a partner adds puts the frame after itself."""
    response = render(request, "cms/embed_loader.js", content_type="text/javascript")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def dev_partner_page(request):
    """The demo's partner site (DEBUG only): a page on another origin with the one-line
    embed, to see the frame and, with the origin unlisted, the browser refusing it."""
    if not settings.DEBUG:
        raise Http404("The partner page exists only in the demo (DEBUG on).")
    response = render(request, "cms/dev_partner_page.html", {"site_url": settings.SITE_URL})
    # A partner's own policy would allow our script and frame; so does this stand-in's.
    response._csp_update = {"script-src": [settings.SITE_URL], "frame-src": [settings.SITE_URL]}
    return response


def serve_page(request, path):
    """Wagtail's page serving, with the coalition's languages (cms/languages.py).

    The address is routed in the visitor's language first (a Spanish page tree, when editors
    have translated the home page), then in the default language's, so every page answers
    under /es/ even before anyone translates it; a page with a live translation into the
    visitor's language is then shown in that translation. Hooks run as in wagtail.views.serve.
    """
    route = Page.route_for_request(request, path) or _route_in_default_tree(request, path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    language = active_language()
    if page.locale.language_code != language:
        page = live_translation(page, language) or page
    request._wagtail_route_for_request = (page, args, kwargs)

    serve_chain = _serve
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        serve_chain = hook(serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return serve_chain(page, request, args, kwargs)


def _serve(page, request, args, kwargs):
    return page.serve(request, *args, **kwargs)


def _route_in_default_tree(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    try:
        return site.root_page.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None
