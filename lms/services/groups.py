"""Agency group registration: "Invoice my organization" or one card payment for the group,
Finance recording an invoice payment, and the coordinator swapping an attendee.

One transaction under the session's row lock: either every named attendee gets a seat
(confirmed with an invoice, or held while the coordinator pays by card) or nothing is created
and the error says how many seats are left. The invoice PDF is rendered after commit by a task
(lms.tasks.invoice_pdf_render)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from lms.models import (
    FeeTier,
    GroupRegistration,
    Invoice,
    InvoiceLine,
    Organization,
    Profile,
    Registration,
    Session,
    User,
)
from lms.models.invoices import default_due_on
from lms.models.registrations import new_check_in_code
from lms.selectors.registrations import seats_left
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.services.registrations import (
    RegistrationError,
    registration_confirm,
    registration_quote,
    session_closed_reason,
)


class AgencyError(RegistrationError):
    """A group registration or invoice rule said no; `message` is for the coordinator or staff."""


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


def attendees_parse(text: str) -> list[Attendee]:
    """One attendee per line, "Full Name, email@example.org"."""
    attendees = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, email = line.rpartition(",")
        name, email = name.strip(), email.strip().lower()
        try:
            validate_email(email)
        except Exception as exc:
            raise AgencyError(
                f'Line {number}: write "Full name, email", for example "Ana Ruiz, ana@agency.org".'
            ) from exc
        if not name:
            raise AgencyError(
                gettext("Line %(number)s: the attendee's name is missing.") % {"number": number}
            )
        if len(name) > 150:
            raise AgencyError(
                gettext("Line %(number)s: the name is longer than 150 characters.")
                % {"number": number}
            )
        attendees.append(Attendee(name=name, email=email))
    if not attendees:
        raise AgencyError(gettext("Name at least one attendee."))
    emails = [a.email for a in attendees]
    if len(set(emails)) != len(emails):
        raise AgencyError(gettext("Each attendee needs their own email address."))
    return attendees


def _attendee_user(attendee: Attendee, organization: Organization) -> User:
    user = User.objects.filter(email__iexact=attendee.email).first()
    if user is None:
        first, _, last = attendee.name.partition(" ")
        user = User.objects.create_user(
            email=attendee.email, password=None, first_name=first, last_name=last
        )
    profile, _ = Profile.objects.get_or_create(user=user)
    changed = []
    if not profile.printed_name.strip():
        profile.printed_name = attendee.name
        changed.append("printed_name")
    if profile.organization_id is None:
        profile.organization = organization
        changed.append("organization")
    if changed:
        profile.save(update_fields=changed)
    return user


def _group_checked(*, session: Session, attendees: list[Attendee], attested: bool, now):
    """Lock the session and check the group fits; returns the locked session."""
    if not attested:
        raise AgencyError(gettext("Please confirm that the fee tier fits your organization."))
    locked = Session.objects.select_for_update().select_related("training").get(pk=session.pk)
    reason = session_closed_reason(session=locked, now=now)
    if reason:
        raise AgencyError(reason)
    free = seats_left(session=locked, now=now)
    if len(attendees) > free:
        raise AgencyError(
            f"Only {free} seat{'s' if free != 1 else ''} left: you named "
            f"{len(attendees)} attendees. Nothing was registered."
        )
    return locked


def _group_seats_hold(
    *,
    session: Session,
    organization: Organization,
    tier: FeeTier,
    attendees: list[Attendee],
    note: str,
    now: dt.datetime,
    hold_expires_at: dt.datetime | None = None,
    group: GroupRegistration | None = None,
) -> list[tuple[Attendee, Registration]]:
    """A held seat (pending payment) for each attendee, priced by `tier`. Session locked."""
    held = []
    for attendee in attendees:
        person = _attendee_user(attendee, organization)
        if Registration.objects.filter(
            session=session, person=person, status__in=Registration.SEAT_HOLDING
        ).exists():
            raise AgencyError(
                gettext("%(name)s is already registered for this session.")
                % {"name": attendee.name}
            )
        quote = registration_quote(session=session, person=person, tier=tier, now=now)
        registration = Registration.objects.create(
            session=session,
            person=person,
            fee_tier=tier,
            amount_cents=quote.total_cents,
            quote=[item.as_dict() for item in quote.line_items],
            scholarship_fund_cents=quote.scholarship_fund_cents,
            attested_at=now,
            hold_expires_at=hold_expires_at,
            group=group,
            staff_notes=note,
        )
        held.append((attendee, registration))
    return held


def group_registration_invoice(
    *,
    session: Session,
    coordinator,
    organization: Organization,
    tier: FeeTier,
    attendees: list[Attendee],
    attested: bool,
    now: dt.datetime | None = None,
) -> Invoice:
    """Confirm a seat for every attendee and issue one invoice, or create nothing."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = _group_checked(
                session=session, attendees=attendees, attested=attested, now=now
            )
            last = Invoice.objects.select_for_update().aggregate(m=Max("number"))["m"] or 0
            invoice = Invoice.objects.create(
                number=last + 1,
                organization=organization,
                coordinator=coordinator,
                session=locked,
                issued_on=timezone.localdate(now),
                due_on=default_due_on(timezone.localdate(now)),
                total_cents=0,
            )
            held = _group_seats_hold(
                session=locked,
                organization=organization,
                tier=tier,
                attendees=attendees,
                note=f"Registered by {coordinator.email}; invoice {invoice.number}.",
                now=now,
            )
            for attendee, registration in held:
                registration_confirm(registration=registration, now=now)
                InvoiceLine.objects.create(
                    invoice=invoice,
                    registration=registration,
                    description=f"{attendee.name} ({attendee.email}) – {tier.label}",
                    amount_cents=registration.amount_cents,
                )
            invoice.total_cents = sum(registration.amount_cents for _, registration in held)
            invoice.save(update_fields=["total_cents"])
            audit_log(
                instance=invoice,
                action="lms.invoice.issue",
                user=coordinator,
                data={"total_cents": invoice.total_cents, "attendees": len(attendees)},
            )
            enqueue_on_commit("lms.tasks.invoices.invoice_pdf_render", invoice.pk)
    except IntegrityError as exc:
        raise AgencyError(
            "Someone else was registering at the same moment; please try again."
        ) from exc
    return invoice


def group_registration_card_hold(
    *,
    session: Session,
    coordinator,
    organization: Organization,
    tier: FeeTier,
    attendees: list[Attendee],
    attested: bool,
    now: dt.datetime | None = None,
) -> GroupRegistration:
    """Hold a seat for every attendee while the coordinator pays once by card, or create
    nothing. The seats are confirmed together when Stripe says the payment succeeded
    (lms.services.payments) and released together when the hold expires."""
    now = now or timezone.now()
    hold_expires_at = now + dt.timedelta(minutes=settings.SEAT_HOLD_MINUTES)
    try:
        with transaction.atomic():
            locked = _group_checked(
                session=session, attendees=attendees, attested=attested, now=now
            )
            group = GroupRegistration.objects.create(
                session=locked,
                organization=organization,
                coordinator=coordinator,
                fee_tier=tier,
                amount_cents=0,
                hold_expires_at=hold_expires_at,
            )
            held = _group_seats_hold(
                session=locked,
                organization=organization,
                tier=tier,
                attendees=attendees,
                note=f"Registered by {coordinator.email}; group {group.pk}, paid by card.",
                now=now,
                hold_expires_at=hold_expires_at,
                group=group,
            )
            group.amount_cents = sum(registration.amount_cents for _, registration in held)
            if group.amount_cents == 0:
                raise AgencyError(gettext("There is nothing to pay for this tier; choose another."))
            group.save(update_fields=["amount_cents"])
            audit_log(
                instance=group,
                action="lms.group.hold",
                user=coordinator,
                data={
                    "amount_cents": group.amount_cents,
                    "attendees": len(attendees),
                    "hold_expires_at": hold_expires_at.isoformat(),
                },
            )
    except IntegrityError as exc:
        raise AgencyError(
            "Someone else was registering at the same moment; please try again."
        ) from exc
    return group


def group_attendee_swap(
    *,
    registration: Registration,
    coordinator,
    attendee: Attendee,
    now: dt.datetime | None = None,
) -> Registration:
    """Give a group attendee's seat to a colleague before the session starts.

    For a group on an invoice or paid by card. The registration (and so its amount, invoice
    line or share of the card payment) stays; its person changes, the check-in code is renewed
    so the old confirmation no longer checks anyone in, and the new attendee gets their own
    confirmation. An issued invoice is not rewritten (its number and total are what Finance
    matches a check against); the audit log keeps who replaced whom.
    Lock order: session, registration.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("person", "group__organization")
            .get(pk=registration.pk)
        )
        line = (
            InvoiceLine.objects.filter(registration=registration)
            .select_related("invoice__organization")
            .first()
        )
        if registration.group and registration.group.coordinator_id == coordinator.pk:
            organization, reference = (
                registration.group.organization,
                f"group {registration.group_id}",
            )
        elif line and line.invoice.coordinator_id == coordinator.pk:
            if line.invoice.status == Invoice.Status.VOID:
                raise AgencyError(
                    gettext("This invoice was voided; its registrations cannot be changed.")
                )
            organization, reference = line.invoice.organization, line.invoice.display_number
        else:
            raise AgencyError(
                gettext("Only the coordinator who registered this group can swap attendees.")
            )
        if session.starts_at and session.starts_at <= now:
            raise AgencyError(
                "The session has already started, so attendees can no longer be swapped. "
                "Please contact the coalition if someone else attended."
            )
        if registration.status != Registration.Status.CONFIRMED:
            raise AgencyError(gettext("Only a confirmed seat can be given to a colleague."))
        previous = registration.person
        if previous.email.lower() == attendee.email:
            raise AgencyError(
                gettext("%(name)s already holds this seat.") % {"name": attendee.name}
            )
        person = _attendee_user(attendee, organization)
        if Registration.objects.filter(
            session=session, person=person, status__in=Registration.SEAT_HOLDING
        ).exists():
            raise AgencyError(
                gettext("%(name)s is already registered for this session.")
                % {"name": attendee.name}
            )
        registration.person = person
        registration.check_in_code = new_check_in_code()
        registration.reminder_week_sent_at = None
        registration.reminder_day_sent_at = None
        registration.save(
            update_fields=[
                "person",
                "check_in_code",
                "reminder_week_sent_at",
                "reminder_day_sent_at",
                "updated_at",
            ]
        )
        audit_log(
            instance=registration,
            action="lms.registration.swap",
            user=coordinator,
            data={"from": previous.email, "to": person.email, "group": reference},
        )
        enqueue_on_commit("lms.tasks.registrations.email_registration_confirmed", registration.pk)
    return registration
