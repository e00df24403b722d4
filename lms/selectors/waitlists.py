"""Reads for waitlists."""

from django.db.models import Q

from lms.models import (
    WaitlistEntry,
)


def waitlist_places_for(*, person):
    """The person's open waitlist places with their position among those still waiting."""
    entries = list(
        WaitlistEntry.objects.filter(
            person=person, status__in=(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)
        ).select_related("session__training")
    )
    for entry in entries:
        entry.place = (
            WaitlistEntry.objects.filter(
                session_id=entry.session_id, status=WaitlistEntry.Status.WAITING
            )
            .filter(Q(position__lt=entry.position) | Q(position=entry.position, pk__lt=entry.pk))
            .count()
            + 1
        )
    return entries
