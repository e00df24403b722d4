"""Demo registrations, all through lms.services: people register for free sessions, agencies
register their staff as an invoiced group, and the participant holds a free seat."""

import datetime as dt

from django.utils import timezone

from lms.demo.people import CHICAGO
from lms.models import (
    FeeTier,
    Organization,
    Registration,
    Session,
    User,
)

# Agencies that register their staff as a group and are invoiced (lms.services.groups), and
# who does it for them. The coordinators have no login: their groups are there to be seen.
AGENCY_COORDINATORS = {
    "Southside Family Wellness Center": ("director@southside.example", "Renee", "Carter"),
    "Lakefront Youth Alliance": ("training@lakefrontyouth.example", "Tanya", "Brooks"),
}


def agency_registers_group(*, session, organization_name, people, now):
    """The agency registers `people` for `session` as a group and is invoiced, as its
    coordinator would from /my/groups/: a confirmed seat each, priced on the agency's
    budget-band tier."""
    from lms.services.groups import Attendee, group_registration_invoice
    from lms.services.invoices import invoice_pdf_render

    organization = Organization.objects.get(name=organization_name)
    email, first, last = AGENCY_COORDINATORS[organization_name]
    coordinator, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:
        coordinator.set_unusable_password()
        coordinator.save()
    tiers = session.effective_fee_schedule.tiers.order_by("sort_order")
    tier = (
        tiers.filter(kind=FeeTier.Kind.ORGANIZATION, budget_band=organization.budget_band).first()
        or tiers.first()
    )
    invoice = group_registration_invoice(
        session=session,
        coordinator=coordinator,
        organization=organization,
        tier=tier,
        attendees=[Attendee(person.get_full_name(), person.email) for person in people],
        attested=True,
        now=now,
    )
    return invoice_pdf_render(invoice_id=invoice.pk)


def fill_session(session, people):
    """Fill a session the way people would: each registers for a free one; an agency
    registers them as a group for a paid one."""
    from lms.services.registrations import registration_create

    if session.effective_fee_schedule is None:
        for person in people:
            registration_create(session=session, person=person)
    else:
        agency_registers_group(
            session=session,
            organization_name="Lakefront Youth Alliance",
            people=people,
            now=timezone.now(),
        )


def seed_registration_demo(*, today=None):
    """A discount code and one free registration for the participant.

    Returns the first open paid session with seats, ready to try with card 4242 4242 4242 4242.
    """
    from lms.models import DiscountCode
    from lms.selectors import registrations as selectors
    from lms.services.registrations import registration_create, session_closed_reason

    today = today or timezone.localdate()
    now = timezone.now()
    DiscountCode.objects.update_or_create(
        code="COALITION10",
        defaults={
            "description": "10% off for coalition newsletter readers",
            "percent_off": 10,
            "amount_off_cents": None,
            "max_uses": 50,
            "valid_until": dt.datetime.combine(
                today + dt.timedelta(days=365), dt.time(23, 59), tzinfo=CHICAGO
            ),
        },
    )

    def open_with_seats(session):
        return (
            session_closed_reason(session=session, now=now) is None
            and selectors.seats_left(session=session, now=now) > 0
        )

    upcoming = Session.objects.filter(starts_at__gt=now).select_related("training", "fee_schedule")
    free = [s for s in upcoming if s.effective_fee_schedule is None and open_with_seats(s)]
    paid = [s for s in upcoming if s.effective_fee_schedule is not None and open_with_seats(s)]
    participant = User.objects.get(email="participant@demo.test")
    mine = Registration.objects.filter(person=participant, session__starts_at__gt=now)
    if free and not mine.exists():
        registration_create(session=free[0], person=participant)
    # Lucía, who reads in Spanish, holds a seat in the training taught in Spanish.
    lucia = User.objects.get(email="participante@demo.test")
    in_spanish = [s for s in free if "spanish" in s.training.language.lower()]
    if in_spanish and not Registration.objects.filter(person=lucia).exists():
        registration_create(session=in_spanish[0], person=lucia)
    return paid[0] if paid else None
