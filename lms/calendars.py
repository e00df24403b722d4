"""iCalendar files for sessions: one event per meeting, so a series shows every sitting.
Their words are in the active language (emails are built in the person's).

Public feeds never include the online join link (it is for confirmed registrants only); the
confirmation email can reuse `sessions_calendar` with `include_join_link=True`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vText

from lms.models import DeliveryFormat, Session

PRODUCT_ID = "-//Coalition CE//Training calendar//EN"


def _location(session: Session) -> str:
    if session.format == DeliveryFormat.VIRTUAL:
        return gettext("Online")
    place = ", ".join(
        part for part in (session.venue_name, session.venue_address, session.city) if part
    )
    if session.format == DeliveryFormat.HYBRID:
        return gettext("%(place)s (or online)") % {"place": place} if place else gettext("Online")
    return place


def sessions_calendar(
    sessions: Iterable[Session],
    *,
    name: str,
    domain: str,
    url_for: Callable[[Session], str | None] = lambda session: None,
    include_join_link: bool = False,
) -> bytes:
    """An .ics file for `sessions` (with `training` and `meetings` loaded).

    Each meeting is one VEVENT with a stable UID, so re-importing updates instead of
    duplicating; a cancelled session's events say STATUS:CANCELLED.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for session in sessions:
        meetings = list(session.meetings.all())
        url = url_for(session)
        for number, meeting in enumerate(meetings, start=1):
            event = Event()
            event.add("uid", f"session-{session.pk}-meeting-{meeting.pk}@{domain}")
            event.add("dtstamp", stamp)
            # Raised at each reschedule, so calendars replace the event they already hold.
            event.add("sequence", session.schedule_sequence)
            event.add("dtstart", meeting.starts_at)
            event.add("dtend", meeting.ends_at)
            title = session.training.title
            if len(meetings) > 1:
                title = gettext("%(title)s (part %(number)s of %(count)s)") % {
                    "title": title,
                    "number": number,
                    "count": len(meetings),
                }
            event.add("summary", title)
            description = [session.training.summary]
            if include_join_link and session.online_link:
                description.append(gettext("Join: %(link)s") % {"link": session.online_link})
            if url:
                description.append(url)
                event.add("url", url)
            event.add("description", "\n\n".join(description))
            location = _location(session)
            if location:
                event["location"] = vText(location)
            cancelled = session.status == Session.Status.CANCELLED
            event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
            calendar.add_component(event)
    return calendar.to_ical()
