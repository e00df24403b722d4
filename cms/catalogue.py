"""Template context for the home, catalogue and training pages, read through lms selectors.

The pages (cms.models) call these builders from `get_context`; nothing here imports the page
models, so the arrow points one way (a catalogue page's keyword search is its own method).

Each builder costs a fixed number of queries, whatever the number of trainings or sessions
(tests/cms/test_query_counts.py holds them to it).
"""

import dataclasses

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from certificates.selectors import TrainingCeHours, ce_hours_for_trainings, trainings_with_ce_for
from cms.forms import CatalogueFilterForm
from cms.languages import show_trainings_in_language
from cms.structured_data import json_ld_script, training_course
from lms.models import (
    Audience,
    CeCredential,
    EventKind,
    Facilitator,
    Session,
    Topic,
    Training,
)
from lms.models.catalogue import GATHERING_KINDS
from lms.selectors.catalogue import (
    CatalogueFilters,
    catalogue_entries,
    catalogue_languages,
    catalogue_trainings,
    session_listings,
    training_fee_table,
    training_price,
    training_session_listings,
    upcoming_sessions,
)

SEARCH_RESULTS_MAX = 1000


def _live_trainings(catalogue_path: str | None = None):
    trainings = Training.objects.ce_trainings().filter(page__live=True)
    if catalogue_path:
        trainings = trainings.filter(page__path__startswith=catalogue_path)
    return trainings


def _with_ce_hours(entries, *, today) -> list:
    """Give each entry's training its CE hours from its approvals (`training.ce`), one query
    for the whole page (certificates.selectors.ce_hours_for_trainings), and its words in the
    page's language (cms.languages)."""
    entries = list(entries)
    show_trainings_in_language([entry.training for entry in entries])
    found = ce_hours_for_trainings([entry.training.pk for entry in entries], today=today)
    for entry in entries:
        entry.training.ce = found.get(entry.training.pk, TrainingCeHours())
    return entries


def catalogue_context(*, page, request) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    credentials = list(CeCredential.objects.all())
    form = CatalogueFilterForm(
        request.GET,
        topics=list(Topic.objects.all()),
        credentials=credentials,
        audiences=list(Audience.objects.all()),
        languages=catalogue_languages(),
    )
    filters, words = form.filters()
    if words:
        filters = dataclasses.replace(
            filters, training_ids=page.training_ids_matching(words, limit=SEARCH_RESULTS_MAX)
        )
    trainings = (
        catalogue_trainings(_live_trainings(page.path), filters, now=now)
        .select_related("page")
        .prefetch_related("topics")
    )
    chosen = next((c for c in credentials if c.code == form.credential_code), None)
    if chosen is not None:
        trainings = trainings_with_ce_for(
            trainings, license_types=chosen.license_type_codes, today=today
        )
    paginator = Paginator(trainings, page.per_page)
    number = _page_number(request.GET.get("page"), paginator, form.notices)
    current = paginator.page(number)
    return {
        "form": form,
        "notices": form.notices,
        "search_words": words,
        "entries": _with_ce_hours(catalogue_entries(current.object_list, now=now), today=today),
        "page_obj": current,
        "paginator": paginator,
        "calendar_url": reverse("cms:calendar_feed"),
    }


def _page_number(raw: str | None, paginator: Paginator, notices: list[str]) -> int:
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        notices.append(gettext("That page number was not a number, so here is the first page."))
        return 1
    last = paginator.num_pages
    if number < 1 or number > last:
        shown = min(max(number, 1), last)
        notices.append(
            gettext("There is no page %(asked)s; here is page %(shown)s.")
            % {"asked": number, "shown": shown}
        )
        return min(max(number, 1), last)
    return number


def training_context(*, page, request) -> dict:
    now = timezone.now()
    training = (
        Training.objects.select_related("fee_schedule")
        .prefetch_related(
            "topics",
            "audiences",
            Prefetch(
                "facilitators",
                queryset=Facilitator.objects.select_related("photo").prefetch_related(
                    "photo__renditions"
                ),
            ),
        )
        .get(pk=page.record.pk)
    )
    sessions = training_session_listings(training=training, now=now)
    price = next((s.price for s in sessions if s.can_book), None) or training_price(training)
    ce = ce_hours_for_trainings([training.pk], today=timezone.localdate(now)).get(
        training.pk, TrainingCeHours()
    )
    translated = page.training_id is None  # a translation: its own words, the record's facts
    return {
        "training": training,
        "summary": page.summary if translated and page.summary else training.summary,
        "audience": page.audience if translated and page.audience else training.audience,
        "ce": ce,
        "sessions": sessions,
        "price": price,
        "fees": training_fee_table(training),
        "calendar_url": reverse(
            "cms:calendar_feed" if training.offers_ce else "cms:events_calendar_feed"
        ),
        # A gathering is not a course: no Course structured data (it would claim CE).
        "json_ld": json_ld_script(
            training_course(page=page, training=training, ce=ce, sessions=sessions, request=request)
        )
        if training.offers_ce
        else "",
    }


def home_context(*, page) -> dict:
    now = timezone.now()
    featured = [
        item.training_page.training_id
        for item in page.featured_trainings.select_related("training_page")
        if item.training_page.live
    ]
    trainings = (
        catalogue_trainings(_live_trainings().filter(pk__in=featured), CatalogueFilters(), now=now)
        .select_related("page")
        .prefetch_related("topics")
    )
    entries = sorted(
        _with_ce_hours(catalogue_entries(trainings, now=now), today=timezone.localdate(now)),
        key=lambda e: featured.index(e.training.pk),
    )
    next_sessions = session_listings(
        upcoming_sessions(now=now)
        .filter(
            status=Session.Status.SCHEDULED,
            training__page__live=True,
            training__kind=EventKind.CE_TRAINING,
        )
        .select_related("training__page"),
        now=now,
        limit=page.next_sessions_count,
    )
    show_trainings_in_language([listing.session.training for listing in next_sessions])
    return {"featured": entries, "next_sessions": next_sessions}


def events_context(*, page, request) -> dict:
    """/events/: every upcoming session of a published gathering, earliest first, optionally
    of one kind (`?kind=lac_meeting`; an unknown kind is ignored). Gatherings only: CE
    trainings are the catalogue's."""
    now = timezone.now()
    kinds = [(value, label) for value, label in EventKind.choices if value in GATHERING_KINDS]
    kind = request.GET.get("kind", "")
    if kind not in GATHERING_KINDS:
        kind = ""
    sessions = (
        upcoming_sessions(now=now)
        .filter(
            training__page__live=True,
            training__page__path__startswith=page.path,
            training__kind__in=[kind] if kind else GATHERING_KINDS,
        )
        .select_related("training__page")
    )
    return {
        "kinds": kinds,
        "kind": kind,
        "listings": session_listings(sessions, now=now),
        "calendar_url": reverse("cms:events_calendar_feed"),
    }
