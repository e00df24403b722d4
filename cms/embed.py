"""The embeddable catalogue (/embed/trainings/): upcoming sessions of published trainings,
optionally of one topic, for partner sites. Read through lms selectors like every page."""

from django.utils import timezone

from lms.models import EventKind, Session, Topic
from lms.selectors.catalogue import session_listings, upcoming_sessions

EMBED_DEFAULT_LIMIT = 6
EMBED_MAX_LIMIT = 20


def embed_limit(raw: str | None) -> int:
    try:
        return max(1, min(EMBED_MAX_LIMIT, int(raw or EMBED_DEFAULT_LIMIT)))
    except ValueError:
        return EMBED_DEFAULT_LIMIT


def embed_context(*, topic_slug: str = "", limit: int = EMBED_DEFAULT_LIMIT) -> dict:
    now = timezone.now()
    topic = Topic.objects.filter(slug=topic_slug).first() if topic_slug else None
    sessions = (
        upcoming_sessions(now=now)
        .filter(
            status=Session.Status.SCHEDULED,
            training__page__live=True,
            training__kind=EventKind.CE_TRAINING,
        )
        .select_related("training__page")
    )
    if topic is not None:
        sessions = sessions.filter(training__topics=topic)
    return {
        "topic": topic,
        "unknown_topic": bool(topic_slug) and topic is None,
        "listings": session_listings(sessions, now=now, limit=limit, details=False),
    }
