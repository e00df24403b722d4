"""What staff do to a whole session: cancel it, message its registrants, add someone at the door.

Cancelling is two steps. `session_cancel` moves the session to cancelled (its state machine),
writes down which registrations held a seat and queues the run; `session_cancellation_run`
(a task) then cancels those registrations one at a time through `registration_cancel`, which
refunds card payments in full (the policy's "the coalition cancelled" rule) through the refund
service, releases scholarship commitments and emails each registrant. It also closes the
waitlist, voids open invoices whose seats are all cancelled, refunds card-paid groups and
tells the facilitators once. Each step is a no-op when already done, so the run may be
repeated or resumed after an interruption and changes nothing the second time.

A message is written with one delivery row per person (unique per message and person), and
each row is claimed before its email goes: a second run of the task sends nothing.

Locks follow lms.services.registrations: session, then registration, then payment.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    FeeTier,
    Invoice,
    InvoiceLine,
    Payment,
    Profile,
    Refund,
    Registration,
    Session,
    SessionCancellation,
    SessionMessage,
    SessionMessageDelivery,
    SessionReschedule,
    StaffAddition,
    User,
    WaitlistEntry,
)
from lms.models.invoices import default_due_on
from lms.rules.money import dollars
from lms.rules.time_zones import session_time_zone
from lms.selectors.registrations import seats_left
from lms.selectors.session_operations import message_recipients
from lms.services.audit import audit_log
from lms.services.invoices import invoice_void
from lms.services.queue import enqueue_on_commit
from lms.services.refunds import refund_create
from lms.services.registrations import (
    profile_of,
    registration_cancel,
    registration_confirm,
    registration_quote,
)
from lms.services.waitlists import waitlist_leave

# How long a staff-added seat with an emailed card link stays held for payment.
CARD_LINK_HOLD = dt.timedelta(days=3)


class SessionOperationError(DomainError):
    """A session operation that cannot be done; `message` is for staff."""


# --- Cancel ---------------------------------------------------------------------------------


def session_cancel(*, session: Session, reason: str, by) -> SessionCancellation:
    """Cancel `session` and queue the run that cancels, refunds and tells everyone.

    Asking again returns the same cancellation and, if its run has not finished, queues it
    again (a resume)."""
    reason = reason.strip()
    if not reason:
        raise SessionOperationError("Give the reason for cancelling; registrants are told it.")
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        cancellation = SessionCancellation.objects.filter(session=session).first()
        if cancellation is None:
            session.transition_to(Session.Status.CANCELLED)
            session.save(update_fields=["status"])
            holding = Registration.objects.filter(
                session=session, status__in=Registration.SEAT_HOLDING
            ).order_by("pk")
            cancellation = SessionCancellation.objects.create(
                session=session,
                reason=reason[:300],
                requested_by=by,
                registration_ids=list(holding.values_list("pk", flat=True)),
            )
            audit_log(
                instance=session,
                action="lms.session.cancel",
                user=by,
                data={"reason": reason, "registrations": len(cancellation.registration_ids)},
            )
        if cancellation.finished_at is None:
            enqueue_on_commit(
                "lms.tasks.session_operations.session_cancellation_run", cancellation.pk
            )
    return cancellation


def session_cancellation_run(*, cancellation_id: int) -> SessionCancellation:
    """Do what a cancellation owes, each step idempotent. Safe to run any number of times."""
    cancellation = SessionCancellation.objects.select_related("session", "requested_by").get(
        pk=cancellation_id
    )
    session, by = cancellation.session, cancellation.requested_by
    reason = f"The coalition cancelled this session: {cancellation.reason}"
    for registration in Registration.objects.filter(pk__in=cancellation.registration_ids).order_by(
        "pk"
    ):
        if registration.status in Registration.SEAT_HOLDING:
            registration_cancel(registration=registration, by=by, reason=reason, staff=True)
    for entry in WaitlistEntry.objects.filter(
        session=session, status__in=(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)
    ):
        waitlist_leave(entry=entry, by=by)
    _group_payments_refund(session=session, reason=reason, by=by)
    _invoices_settle(cancellation=cancellation, by=by)
    finished = SessionCancellation.objects.filter(
        pk=cancellation.pk, finished_at__isnull=True
    ).update(finished_at=timezone.now())
    if finished:
        with transaction.atomic():
            audit_log(instance=session, action="lms.session.cancel_done", user=by)
            enqueue_on_commit(
                "lms.tasks.session_operations.email_facilitators_session_cancelled",
                cancellation.pk,
            )
    cancellation.refresh_from_db()
    return cancellation


def _group_payments_refund(*, session: Session, reason: str, by) -> None:
    """Card-paid groups paid once for all their seats: give back what is left of each."""
    for payment_id in Payment.objects.filter(
        group__session=session, status__in=Payment.PAID
    ).values_list("pk", flat=True):
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=payment_id)
            if payment.refundable_cents > 0:
                refund_create(
                    payment=payment,
                    amount_cents=payment.refundable_cents,
                    reason=Refund.Reason.SESSION_CANCELLED,
                    note=reason,
                    by=by,
                    locked=True,
                )


def _invoices_settle(*, cancellation: SessionCancellation, by) -> None:
    """An open invoice whose seats are all cancelled is void (nothing is owed). A paid one
    cannot be credited on its own lines (an invoice line is never negative): it is noted for
    Finance, who return the money by check or ACH; so is money taken at the door."""
    notes = list(cancellation.finance_notes)
    for invoice in Invoice.objects.filter(session=cancellation.session).order_by("number"):
        still_held = InvoiceLine.objects.filter(
            invoice=invoice, registration__status__in=Registration.SEAT_HOLDING
        ).exists()
        if invoice.status == Invoice.Status.OPEN and not still_held:
            invoice_void(invoice=invoice, reason=f"Session cancelled: {cancellation.reason}", by=by)
        elif invoice.status == Invoice.Status.PAID:
            note = (
                f"Invoice {invoice.display_number} ({invoice.organization}) was paid "
                f"{dollars(invoice.total_cents)}: return it by check or ACH."
            )
            if note not in notes:
                notes.append(note)
    paid_at_the_door = StaffAddition.objects.filter(
        registration__session=cancellation.session,
        settlement__in=(StaffAddition.Settlement.CASH, StaffAddition.Settlement.CHECK),
        amount_cents__gt=0,
    ).select_related("registration__person")
    for addition in paid_at_the_door:
        note = (
            f"{addition.registration.person.email} paid {dollars(addition.amount_cents)} at "
            f"the door ({addition.get_settlement_display().split(': ')[-1]}"
            f"{', ' + addition.reference if addition.reference else ''}): give it back."
        )
        if note not in notes:
            notes.append(note)
    if notes != cancellation.finance_notes:
        SessionCancellation.objects.filter(pk=cancellation.pk).update(finance_notes=notes)


# --- Message --------------------------------------------------------------------------------


def session_message_create(
    *, session: Session, audience: str, subject: str, body: str, by
) -> SessionMessage:
    """Keep the message in the session's history, one delivery row per person, and queue the
    sending."""
    subject, body = subject.strip(), body.strip()
    if audience not in SessionMessage.Audience.values:
        raise SessionOperationError("Choose who receives the message.")
    if not subject or not body:
        raise SessionOperationError("Write a subject and a message.")
    recipients = message_recipients(session=session, audience=audience)
    if not recipients:
        raise SessionOperationError("Nobody is in that group for this session yet.")
    with transaction.atomic():
        message = SessionMessage.objects.create(
            session=session, audience=audience, subject=subject[:200], body=body, sent_by=by
        )
        SessionMessageDelivery.objects.bulk_create(
            SessionMessageDelivery(message=message, person=person, email=person.email)
            for person in recipients
        )
        audit_log(
            instance=session,
            action="lms.session.message",
            user=by,
            data={"message": message.pk, "audience": audience, "recipients": len(recipients)},
        )
        enqueue_on_commit("lms.tasks.session_operations.session_message_send", message.pk)
    return message


def session_message_send(*, message_id: int, send) -> int:
    """Send each delivery not yet claimed; returns how many went. `send(delivery)` emails one
    person (lms.services.emails). A delivery is claimed before its email goes, and given back
    if the email fails, so nobody gets it twice."""
    sent = 0
    pending = SessionMessageDelivery.objects.filter(
        message_id=message_id, sent_at__isnull=True
    ).values_list("pk", flat=True)
    for delivery_id in list(pending):
        claimed = SessionMessageDelivery.objects.filter(
            pk=delivery_id, sent_at__isnull=True
        ).update(sent_at=timezone.now())
        if not claimed:
            continue
        delivery = SessionMessageDelivery.objects.select_related("message__session").get(
            pk=delivery_id
        )
        try:
            send(delivery)
        except Exception:
            SessionMessageDelivery.objects.filter(pk=delivery_id).update(sent_at=None)
            raise
        sent += 1
    if not SessionMessageDelivery.objects.filter(
        message_id=message_id, sent_at__isnull=True
    ).exists():
        SessionMessage.objects.filter(pk=message_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    return sent


# --- Reschedule -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingTimes:
    meeting_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


PLACE_FIELDS = {
    "venue_name": "Venue",
    "venue_address": "Address",
    "city": "City",
    "online_link": "Online link",
}


def _when(value: dt.datetime, time_zone: str) -> str:
    local = timezone.localtime(value, session_time_zone(time_zone))
    return f"{local:%A, %B} {local.day}, {local:%Y} {local:%-I:%M %p}"


def session_reschedule(
    *, session: Session, meetings: list[MeetingTimes], place: dict[str, str], by
) -> SessionReschedule:
    """Change meeting times, the venue or the online link; registrants are emailed what
    changed with an updated calendar file (same UIDs, a higher SEQUENCE), reminders are
    re-timed, and anyone registered before the change may cancel with a full refund
    (lms.rules.cancellation)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.status != Session.Status.SCHEDULED:
            raise SessionOperationError("Only a scheduled session can be rescheduled.")
        changes = []
        current = {meeting.pk: meeting for meeting in session.meetings.all()}
        for times in meetings:
            meeting = current.get(times.meeting_id)
            if meeting is None:
                raise SessionOperationError("That meeting is not part of this session.")
            if times.ends_at <= times.starts_at:
                raise SessionOperationError("A meeting must end after it starts.")
            if (meeting.starts_at, meeting.ends_at) != (times.starts_at, times.ends_at):
                changes.append(
                    f"Meeting moved from {_when(meeting.starts_at, session.time_zone)} to "
                    f"{_when(times.starts_at, session.time_zone)} (ends "
                    f"{timezone.localtime(times.ends_at, session_time_zone(session.time_zone)):%-I:%M %p})."
                )
                meeting.starts_at, meeting.ends_at = times.starts_at, times.ends_at
                meeting.save()
        changed_fields = []
        for field, label in PLACE_FIELDS.items():
            new = place.get(field, getattr(session, field)).strip()
            if new != getattr(session, field):
                changes.append(
                    f"{label}: {new or '(none)'} (was {getattr(session, field) or '(none)'})."
                )
                setattr(session, field, new)
                changed_fields.append(field)
        if not changes:
            raise SessionOperationError("Nothing changed.")
        session.schedule_sequence += 1
        session.save(update_fields=[*changed_fields, "schedule_sequence"])
        session.refresh_starts_at()
        reschedule = SessionReschedule.objects.create(
            session=session, changes=changes, sequence=session.schedule_sequence, changed_by=by
        )
        # Reminders follow the new date: the next run of reminders_send sends them again.
        Registration.objects.filter(session=session).update(
            reminder_week_sent_at=None, reminder_day_sent_at=None
        )
        audit_log(
            instance=session, action="lms.session.reschedule", user=by, data={"changes": changes}
        )
        for registration_id in Registration.objects.filter(
            session=session, status__in=Registration.SEAT_HOLDING
        ).values_list("pk", flat=True):
            enqueue_on_commit(
                "lms.tasks.session_operations.email_session_rescheduled",
                reschedule.pk,
                registration_id,
            )
    return reschedule


# --- Walk-ins and staff-added registrations -------------------------------------------------


@dataclass(frozen=True)
class NewPerson:
    name: str
    email: str


def person_find_or_create(*, name: str, email: str) -> User:
    """The account for `email`, created (with a printed name) if there is none."""
    email = email.strip().lower()
    name = " ".join(name.split())
    if not email or not name:
        raise SessionOperationError("Give the person's name and email.")
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _, last = name.partition(" ")
        user = User.objects.create_user(
            email=email, password=None, first_name=first, last_name=last
        )
    profile, _ = Profile.objects.get_or_create(user=user)
    if not profile.printed_name.strip():
        profile.printed_name = name
        profile.save(update_fields=["printed_name"])
    return user


def registration_staff_add(
    *,
    session: Session,
    by,
    person: User | None = None,
    new_person: NewPerson | None = None,
    tier: FeeTier | None = None,
    settlement: str,
    reason: str = "",
    reference: str = "",
    capacity_override_reason: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Add a person to a session at any time, also after it started, settled as staff say."""
    now = now or timezone.now()
    Settlement = StaffAddition.Settlement
    if settlement not in Settlement.values:
        raise SessionOperationError("Choose how the seat is settled.")
    reason, reference = reason.strip(), reference.strip()
    capacity_override_reason = capacity_override_reason.strip()
    if settlement == Settlement.COMPLIMENTARY and not reason:
        raise SessionOperationError("Say why the seat is complimentary.")
    if settlement == Settlement.CHECK and not reference:
        raise SessionOperationError("Enter the check number.")
    try:
        with transaction.atomic():
            if person is None:
                if new_person is None:
                    raise SessionOperationError("Choose a person or give a name and email.")
                person = person_find_or_create(name=new_person.name, email=new_person.email)
            locked = (
                Session.objects.select_for_update().select_related("training").get(pk=session.pk)
            )
            if locked.status == Session.Status.CANCELLED:
                raise SessionOperationError("This session is cancelled.")
            if Registration.objects.filter(
                session=locked, person=person, status__in=Registration.SEAT_HOLDING
            ).exists():
                raise SessionOperationError(f"{person.email} already has a seat in this session.")
            if seats_left(session=locked, now=now) <= 0:
                if not capacity_override_reason:
                    raise SessionOperationError(
                        "The session is full: give a reason to add a seat over capacity."
                    )
                audit_log(
                    instance=locked,
                    action="lms.session.capacity_override",
                    user=by,
                    data={"person": person.email, "reason": capacity_override_reason},
                )
            registration = Registration(session=locked, person=person, fee_tier=tier)
            if tier is not None and settlement != Settlement.COMPLIMENTARY:
                quote = registration_quote(
                    session=locked, person=person, tier=tier, now=now, profile=profile_of(person)
                )
                registration.amount_cents = quote.total_cents
                registration.quote = [item.as_dict() for item in quote.line_items]
            elif settlement != Settlement.COMPLIMENTARY and locked.effective_fee_schedule:
                raise SessionOperationError("Choose the fee tier the person pays.")
            registration.staff_notes = f"Added by staff ({Settlement(settlement).label})." + (
                f" {reason}" if reason else ""
            )
            if settlement == Settlement.CARD_LINK:
                if registration.amount_cents == 0:
                    raise SessionOperationError(
                        "Nothing is owed, so there is no card link to send."
                    )
                registration.hold_expires_at = now + CARD_LINK_HOLD
            registration.save()
            invoice = None
            if settlement == Settlement.INVOICE:
                invoice = _invoice_one(registration=registration, by=by, now=now)
            StaffAddition.objects.create(
                registration=registration,
                settlement=settlement,
                amount_cents=registration.amount_cents,
                reference=reference[:100],
                reason=reason[:300],
                capacity_override_reason=capacity_override_reason[:300],
                invoice=invoice,
                added_by=by,
            )
            audit_log(
                instance=registration,
                action="lms.registration.staff_add",
                user=by,
                data={
                    "settlement": settlement,
                    "amount_cents": registration.amount_cents,
                    "reference": reference,
                    "reason": reason,
                    "capacity_override": capacity_override_reason,
                },
            )
            if settlement == Settlement.CARD_LINK:
                enqueue_on_commit(
                    "lms.tasks.session_operations.email_payment_link", registration.pk
                )
            else:
                registration_confirm(registration=registration, now=now)
    except IntegrityError as exc:
        raise SessionOperationError(f"{person.email} already has a seat in this session.") from exc
    return registration


def _invoice_one(*, registration: Registration, by, now: dt.datetime) -> Invoice:
    profile = profile_of(registration.person)
    organization = profile.organization if profile else None
    if organization is None:
        raise SessionOperationError(
            "An invoice goes to an organization: set the person's organization first."
        )
    last = Invoice.objects.select_for_update().aggregate(m=Max("number"))["m"] or 0
    today = timezone.localdate(now)
    invoice = Invoice.objects.create(
        number=last + 1,
        organization=organization,
        coordinator=registration.person,
        session=registration.session,
        issued_on=today,
        due_on=default_due_on(today),
        total_cents=registration.amount_cents,
    )
    InvoiceLine.objects.create(
        invoice=invoice,
        registration=registration,
        description=f"{registration.person.email} – {registration.fee_tier.label}",
        amount_cents=registration.amount_cents,
    )
    audit_log(
        instance=invoice,
        action="lms.invoice.issue",
        user=by,
        data={"total_cents": invoice.total_cents, "attendees": 1},
    )
    enqueue_on_commit("lms.tasks.invoices.invoice_pdf_render", invoice.pk)
    return invoice
