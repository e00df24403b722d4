"""Tasks for waitlists: offers and their expiry."""


def email_waitlist_offer(entry_id: int) -> None:
    from lms.models import WaitlistEntry
    from lms.services import emails as emails_equity

    entry = WaitlistEntry.objects.select_related("person", "session__training").get(pk=entry_id)
    if entry.status == WaitlistEntry.Status.OFFERED:
        emails_equity.email_waitlist_offer(entry=entry)


def waitlist_offers_make(session_id: int) -> int:
    from lms.services import waitlists

    return waitlists.waitlist_offers_make(session_id=session_id)


def waitlist_sessions_refresh() -> int:
    from lms.services import waitlists

    return waitlists.waitlist_sessions_refresh()
