"""The waitlist: join, leave, offers, and passing an offer on.

All offer-making runs under the session's row lock, after expiring stale offers, and never
makes more open offers than there are free seats. Seats left are counted by the one selector,
lms.selectors.registrations.seats_left, which counts open offers as taken (except by the
person offered), so an offer really keeps its seat for the person it was made to.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from lms.models import Profile, Registration, Session, WaitlistEntry
from lms.rules import waitlist_priority as waitlist_rules
from lms.selectors.registrations import seats_left
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.services.registrations import RegistrationError

Status = WaitlistEntry.Status


class WaitlistError(RegistrationError):
    """A waitlist rule said no; `message` is written for the person."""


def _transition(entry: WaitlistEntry, new_status: str, *, by=None, data=None) -> None:
    """Move a locked entry, save it and log the change."""
    entry.transition_to(new_status)
    entry.save()
    audit_log(instance=entry, action=f"lms.waitlist.{new_status}", user=by, data=data or {})


def _has_priority(*, session: Session, person) -> bool:
    if not session.waitlist_priority:
        return False
    profile = Profile.objects.filter(user=person).select_related("organization").first()
    organization = profile.organization if profile else None
    return waitlist_rules.has_priority(
        priority=session.waitlist_priority,
        band_limit=session.waitlist_priority_budget_band,
        is_first_time=not Registration.objects.filter(
            person=person, status=Registration.Status.CONFIRMED
        ).exists(),
        budget_band=organization.budget_band if organization else "",
    )


def _renumber(waiting: list[WaitlistEntry]) -> None:
    """Number the people waiting 1, 2, 3… in the given order (rows already locked)."""
    for number, item in enumerate(waiting, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position", "updated_at"])


def waitlist_join(*, session: Session, person, now: dt.datetime | None = None) -> WaitlistEntry:
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = Session.objects.select_for_update().get(pk=session.pk)
            if Registration.objects.filter(
                session=locked, person=person, status__in=Registration.SEAT_HOLDING
            ).exists():
                raise WaitlistError(gettext("You are already registered for this session."))
            if WaitlistEntry.objects.filter(
                session=locked, person=person, status__in=(Status.WAITING, Status.OFFERED)
            ).exists():
                raise WaitlistError(gettext("You are already on the waitlist for this session."))
            if (
                seats_left(session=locked, now=now) > 0
                and not WaitlistEntry.objects.filter(session=locked, status=Status.WAITING).exists()
            ):
                raise WaitlistError(gettext("Seats are still open: please register instead."))
            priority = _has_priority(session=locked, person=person)
            if priority:
                waiting = list(
                    WaitlistEntry.objects.select_for_update()
                    .filter(session=locked, status=Status.WAITING)
                    .order_by("position", "created_at")
                )
                place = waitlist_rules.join_place(
                    waiting_priority=[item.priority for item in waiting], newcomer_priority=True
                )
                entry = WaitlistEntry.objects.create(
                    session=locked, person=person, position=place, priority=True
                )
                waiting.insert(place - 1, entry)
                _renumber(waiting)
            else:
                last = WaitlistEntry.objects.filter(session=locked).aggregate(m=Max("position"))[
                    "m"
                ]
                entry = WaitlistEntry.objects.create(
                    session=locked, person=person, position=(last or 0) + 1
                )
            audit_log(
                instance=entry,
                action="lms.waitlist.join",
                user=person,
                data={"priority": locked.get_waitlist_priority_display()} if priority else {},
            )
    except IntegrityError as exc:
        raise WaitlistError(gettext("You are already on the waitlist for this session.")) from exc
    return entry


def waitlist_leave(*, entry: WaitlistEntry, by) -> WaitlistEntry:
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=entry.session_id).first()
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status == Status.LEFT:
            return entry
        was_offered = entry.status == Status.OFFERED
        _transition(entry, Status.LEFT, by=by)
        if was_offered:
            enqueue_on_commit("lms.tasks.waitlists.waitlist_offers_make", entry.session_id)
    return entry


def waitlist_offer_decline(*, entry: WaitlistEntry, by) -> WaitlistEntry:
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=entry.session_id).first()
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status == Status.DECLINED:
            return entry
        _transition(entry, Status.DECLINED, by=by)
        enqueue_on_commit("lms.tasks.waitlists.waitlist_offers_make", entry.session_id)
    return entry


def waitlist_move(*, entry: WaitlistEntry, position: int, reason: str, by) -> WaitlistEntry:
    """Staff put someone at `position` (1 = first) on the list; the reason is logged."""
    if not reason.strip():
        raise WaitlistError(gettext("Please give a reason for moving someone on the waitlist."))
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=entry.session_id).first()
        waiting = list(
            WaitlistEntry.objects.select_for_update()
            .filter(session_id=entry.session_id, status=Status.WAITING)
            .order_by("position", "created_at")
        )
        moving = next((e for e in waiting if e.pk == entry.pk), None)
        if moving is None:
            raise WaitlistError(gettext("Only people still waiting can be moved."))
        before = waiting.index(moving) + 1
        waiting.remove(moving)
        waiting.insert(max(min(position, len(waiting) + 1), 1) - 1, moving)
        _renumber(waiting)
        audit_log(
            instance=moving,
            action="lms.waitlist.move",
            user=by,
            data={"from": before, "to": waiting.index(moving) + 1, "reason": reason},
        )
    return moving


def waitlist_offers_make(*, session_id: int, now: dt.datetime | None = None) -> int:
    """Expire offers past their time, then offer each free seat to the next person waiting.

    Returns how many offers were made. Safe to run any number of times.
    """
    now = now or timezone.now()
    made = 0
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session_id)
        for entry in WaitlistEntry.objects.select_for_update().filter(
            session=session, status=Status.OFFERED, offer_expires_at__lte=now
        ):
            _transition(
                entry, Status.EXPIRED, data={"expired_at": entry.offer_expires_at.isoformat()}
            )
        if session.status != Session.Status.SCHEDULED or (
            session.starts_at and session.starts_at <= now
        ):
            return 0
        free = seats_left(session=session, now=now)
        if free <= 0:
            return 0
        waiting = (
            WaitlistEntry.objects.select_for_update()
            .filter(session=session, status=Status.WAITING)
            .order_by("position", "created_at")[:free]
        )
        expires = now + dt.timedelta(hours=settings.WAITLIST_OFFER_HOURS)
        for entry in waiting:
            entry.offered_at = now
            entry.offer_expires_at = expires
            _transition(entry, Status.OFFERED, data={"offer_expires_at": expires.isoformat()})
            enqueue_on_commit("lms.tasks.waitlists.email_waitlist_offer", entry.pk)
            made += 1
    return made


def waitlist_sessions_refresh(*, now: dt.datetime | None = None) -> int:
    """Run offer-making for every session with people waiting or offers open (scheduled task:
    catches expiries and raised capacities)."""
    now = now or timezone.now()
    session_ids = (
        WaitlistEntry.objects.filter(status__in=(Status.WAITING, Status.OFFERED))
        .values_list("session_id", flat=True)
        .distinct()
    )
    return sum(waitlist_offers_make(session_id=pk, now=now) for pk in list(session_ids))
