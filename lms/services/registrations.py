"""Registration writes: hold a seat, confirm, expire holds, cancel.

Lock, check, act, log. Locks are always taken in the same order – session, then
registration, then payment – so two of these never wait on each other in a circle. Capacity
is checked under the session's row lock (PostgreSQL) or SQLite's IMMEDIATE transaction, which
serialises writers; the partial unique constraint on (session, person) backs up the
"registered twice" check.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from lms.dates import when_text
from lms.errors import DomainError
from lms.models import (
    DiscountCode,
    FeeTier,
    GroupRegistration,
    Payment,
    Profile,
    Refund,
    Registration,
    Session,
    SessionReschedule,
    WaitlistEntry,
)
from lms.payments import stripe_gateway
from lms.rules import cancellation, pricing
from lms.rules.cancellation import RefundDecision
from lms.rules.organizations import partner_support_current
from lms.selectors.registrations import holds_run_out, seats_left
from lms.services.audit import audit_log
from lms.services.organizations import membership_confirmed
from lms.services.queue import enqueue_on_commit
from lms.services.refunds import refund_create
from lms.services.scholarship_ledger import registration_awards_release, registration_awards_use
from lms.signals import registration_cancelled

# Partner support counts as current for a year after it was last paid.
PARTNER_SUPPORT_VALID_DAYS = 365


class RegistrationError(DomainError):
    """A registration rule said no; `message` is written for the person registering."""


# --- Reading the rules off the records ----------------------------------------------------


def session_closed_reason(*, session: Session, now: dt.datetime) -> str | None:
    """Why nobody can register for this session now, or None when registration is open."""
    if session.status == Session.Status.CANCELLED:
        return gettext("This session has been cancelled.")
    if session.status == Session.Status.COMPLETED:
        return gettext("This session has already taken place.")
    if session.registration_opens_at and now < session.registration_opens_at:
        return gettext("Registration opens %(day)s at %(time)s.") % {
            "day": when_text(session.registration_opens_at, "date"),
            "time": when_text(session.registration_opens_at, "time"),
        }
    if session.registration_closes_at and now >= session.registration_closes_at:
        return gettext("Registration for this session has closed.")
    if session.starts_at and now >= session.starts_at:
        return gettext("This session has already started.")
    return None


def registration_cancel_refusal(
    *, registration: Registration, now: dt.datetime, staff: bool = False
) -> str | None:
    """Why this registration cannot be cancelled now, or None when it can.

    The one rule behind the status page's Cancel link, the cancel page, the admin's Cancel
    buttons and `registration_cancel`. Participants cancel until the session starts. From
    then on only staff may, as a correction (a registration made by mistake, a person who
    never came): the session may already count for attendance, credit and a certificate, so
    the cancellation revokes any certificate issued for it (certificates listens to
    `lms.signals.registration_cancelled`).
    """
    if registration.status not in Registration.SEAT_HOLDING:
        return gettext("This registration is not active, so there is nothing to cancel.")
    if staff:
        return None
    session = registration.session
    if session.status == Session.Status.CANCELLED:
        return gettext(
            "The coalition cancelled this session: staff cancel its registrations and refund "
            "what was paid, so there is nothing for you to do here."
        )
    if session.status == Session.Status.COMPLETED:
        return gettext(
            "This session has already taken place, so this registration can no longer be "
            "cancelled. If something went wrong, write to us: staff can correct it."
        )
    if session.starts_at and now >= session.starts_at:
        return gettext(
            "This session has already started, so this registration can no longer be "
            "cancelled. If something went wrong, write to us: staff can correct it."
        )
    return None


def profile_of(person) -> Profile | None:
    return Profile.objects.filter(user=person).select_related("organization").first()


def profile_missing_fields(*, person, profile: Profile | None = None) -> list[str]:
    """What the person must still tell us before registering (a license for CE)."""
    profile = profile or profile_of(person)
    if profile is None:
        return [gettext("your name as it should print on certificates")]
    missing = []
    if not profile.printed_name.strip():
        missing.append(gettext("your name as it should print on certificates"))
    if profile.license_type and not profile.license_number.strip():
        missing.append(gettext("your license number"))
    if profile.license_type and not profile.license_state.strip():
        missing.append(gettext("the state that issued your license"))
    return missing


def partner_is_current(*, person, today: dt.date, profile: Profile | None = None) -> bool:
    """The partner discount applies: a confirmed member of a partner with current support."""
    profile = profile or profile_of(person)
    if not membership_confirmed(profile):
        return False
    organization = profile.organization
    return partner_support_current(
        is_partner=organization.is_coalition_partner,
        paid_on=organization.partner_support_paid_on,
        today=today,
        valid_days=PARTNER_SUPPORT_VALID_DAYS,
    )


def organization_tier_refusal(*, tier: FeeTier, profile: Profile | None) -> str | None:
    """Why the person may not take an organization's price tier (None: they may): it is for
    confirmed members of an organization in the tier's budget band."""
    if tier.kind != FeeTier.Kind.ORGANIZATION:
        return None
    organization = profile.organization if profile else None
    if organization is None:
        return gettext(
            "The %(tier)s price is for staff of a member organization: choose your "
            "organization in your profile first."
        ) % {"tier": tier.label}
    if not membership_confirmed(profile):
        return gettext(
            "The %(tier)s price applies once %(organization)s confirms you work there (its "
            "contact or coalition staff confirm; an email address at the organization's domain "
            "confirms at once). Until then, choose another tier."
        ) % {"tier": tier.label, "organization": organization.name}
    if tier.budget_band and tier.budget_band != organization.budget_band:
        return gettext("The %(tier)s price is not for %(organization)s's budget size.") % {
            "tier": tier.label,
            "organization": organization.name,
        }
    return None


def discount_code_find(*, code: str, session: Session, now: dt.datetime, lock: bool = False):
    """The usable DiscountCode for `code`, or RegistrationError saying why not."""
    code = code.strip().upper()
    queryset = DiscountCode.objects.select_for_update() if lock else DiscountCode.objects
    discount = queryset.filter(code=code).first()
    schedule = session.effective_fee_schedule
    if discount is None or not discount.is_active:
        raise RegistrationError(
            gettext("The discount code %(code)s does not exist.") % {"code": code}
        )
    if discount.valid_from and now < discount.valid_from:
        raise RegistrationError(
            gettext("The discount code %(code)s is not valid yet.") % {"code": code}
        )
    if discount.valid_until and now >= discount.valid_until:
        raise RegistrationError(gettext("The discount code %(code)s has expired.") % {"code": code})
    if discount.fee_schedule_id and (schedule is None or discount.fee_schedule_id != schedule.pk):
        raise RegistrationError(
            gettext("The discount code %(code)s is not for this training.") % {"code": code}
        )
    if discount.max_uses is not None:
        used = discount.registrations.filter(status__in=Registration.SEAT_HOLDING).count()
        if used >= discount.max_uses:
            raise RegistrationError(
                gettext("The discount code %(code)s has been used up.") % {"code": code}
            )
    return discount


def tier_price(tier: FeeTier) -> pricing.TierPrice:
    return pricing.TierPrice(
        kind=tier.kind,
        label=tier.label,
        price_cents=tier.price_cents,
        minimum_cents=tier.minimum_cents,
        maximum_cents=tier.maximum_cents,
    )


def registration_quote(
    *,
    session: Session,
    person,
    tier: FeeTier,
    chosen_amount_cents: int | None = None,
    discount: DiscountCode | None = None,
    now: dt.datetime,
    profile: Profile | None = None,
) -> pricing.Quote:
    """The quote for `person` on `tier`: reads the records, then calls the pure function."""
    schedule = session.effective_fee_schedule
    if schedule is None or tier.schedule_id != schedule.pk:
        raise RegistrationError(gettext("That fee tier is not offered for this session."))
    standard = (
        schedule.tiers.filter(kind=FeeTier.Kind.STANDARD)
        .order_by("sort_order")
        .values_list("price_cents", flat=True)
        .first()
    )
    terms = (
        pricing.DiscountTerms(
            code=discount.code,
            percent_off=discount.percent_off,
            amount_off_cents=discount.amount_off_cents,
        )
        if discount
        else None
    )
    try:
        return pricing.quote_compute(
            tier=tier_price(tier),
            standard_price_cents=standard,
            chosen_amount_cents=chosen_amount_cents,
            partner_discount_percent=schedule.partner_discount_percent,
            is_partner=partner_is_current(
                person=person, today=timezone.localdate(now), profile=profile
            ),
            discount=terms,
        )
    except pricing.PricingError as exc:
        raise RegistrationError(str(exc)) from exc


# --- Writes -------------------------------------------------------------------------------


def registration_create(
    *,
    session: Session,
    person,
    tier: FeeTier | None = None,
    attested: bool = False,
    chosen_amount_cents: int | None = None,
    discount_code: str = "",
    for_organization: bool = False,
    now: dt.datetime | None = None,
) -> Registration:
    """Hold a seat (paid session) or confirm at once (free session or a zero total).

    `for_organization`: the person comes on behalf of the organization on their profile
    (participation reports count it); without an organization on the profile it is ignored."""
    now = now or timezone.now()
    profile = profile_of(person)
    missing = profile_missing_fields(person=person, profile=profile)
    if missing:
        raise RegistrationError(
            gettext("Please complete your profile first: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    try:
        with transaction.atomic():
            locked = (
                Session.objects.select_for_update().select_related("training").get(pk=session.pk)
            )
            reason = session_closed_reason(session=locked, now=now)
            if reason:
                raise RegistrationError(reason)
            existing = (
                Registration.objects.filter(
                    session=locked, person=person, status__in=Registration.SEAT_HOLDING
                )
                .only("status")
                .first()
            )
            if existing:
                raise RegistrationError(already_registered_message(existing))
            _expire_stale_holds(session=locked, now=now)
            # Seats offered to people on the waitlist are theirs until the offer runs out;
            # one offered to this person is theirs to take.
            if seats_left(session=locked, now=now, person=person) <= 0:
                raise RegistrationError(gettext("This session is full."))
            own_offer = WaitlistEntry.objects.filter(
                session=locked,
                person=person,
                status=WaitlistEntry.Status.OFFERED,
                offer_expires_at__gt=now,
            ).first()

            registration = Registration(session=locked, person=person)
            if for_organization and profile is not None and profile.organization_id:
                registration.organization_id = profile.organization_id
            schedule = locked.effective_fee_schedule
            if schedule is not None:
                if tier is None:
                    raise RegistrationError(gettext("Please choose a fee tier."))
                if not attested:
                    raise RegistrationError(
                        gettext("Please confirm that the fee tier you chose fits you.")
                    )
                if refusal := organization_tier_refusal(tier=tier, profile=profile):
                    raise RegistrationError(refusal)
                discount = (
                    discount_code_find(code=discount_code, session=locked, now=now, lock=True)
                    if discount_code.strip()
                    else None
                )
                quote = registration_quote(
                    session=locked,
                    person=person,
                    tier=tier,
                    chosen_amount_cents=chosen_amount_cents,
                    discount=discount,
                    now=now,
                    profile=profile,
                )
                registration.fee_tier = tier
                registration.discount_code = discount
                registration.chosen_amount_cents = (
                    chosen_amount_cents if tier.kind == FeeTier.Kind.PAY_WHAT_YOU_CAN else None
                )
                registration.attested_at = now
                registration.amount_cents = quote.total_cents
                registration.scholarship_fund_cents = quote.scholarship_fund_cents
                registration.quote = [item.as_dict() for item in quote.line_items]

            if own_offer:
                own_offer.transition_to(WaitlistEntry.Status.ACCEPTED)
                own_offer.save(update_fields=["status", "updated_at"])
                audit_log(instance=own_offer, action="lms.waitlist.accepted", user=person)
            if registration.amount_cents == 0:
                # Created held (the initial state) and confirmed at once: nothing to pay.
                registration.transition_to(Registration.Status.CONFIRMED)
                registration.confirmed_at = now
                registration.save()
                audit_log(
                    instance=registration,
                    action="lms.registration.confirm",
                    user=person,
                    data={"amount_cents": 0, "why": "nothing to pay"},
                )
                enqueue_on_commit(
                    "lms.tasks.registrations.email_registration_confirmed", registration.pk
                )
            else:
                registration.hold_expires_at = now + dt.timedelta(
                    minutes=settings.SEAT_HOLD_MINUTES
                )
                registration.save()
                audit_log(
                    instance=registration,
                    action="lms.registration.hold",
                    user=person,
                    data={
                        "amount_cents": registration.amount_cents,
                        "fee_tier": tier.label,
                        "discount_code": discount.code if discount else "",
                        "hold_expires_at": registration.hold_expires_at.isoformat(),
                    },
                )
    except IntegrityError as exc:
        # Two requests from the same person raced past the check: the constraint caught it.
        raise RegistrationError(gettext("You are already registered for this session.")) from exc
    return registration


def already_registered_message(existing: Registration) -> str:
    if existing.status == Registration.Status.PENDING_PAYMENT:
        return gettext(
            "You already hold a seat in this session; finish paying for it from My trainings."
        )
    return gettext("You are already registered for this session.")


def _expire_stale_holds(*, session: Session, now: dt.datetime) -> None:
    """Free seats whose hold ran out, unless a card payment for them is under way.

    Holds with a payment in flight are left to the scheduled task, which asks Stripe first.
    """
    stale = Registration.objects.select_for_update().filter(holds_run_out(now=now), session=session)
    for registration in stale:
        _expire(registration)


def _expire(registration: Registration) -> None:
    registration.transition_to(Registration.Status.EXPIRED)
    registration.save(update_fields=["status", "updated_at"])
    audit_log(
        instance=registration,
        action="lms.registration.expire",
        data={"hold_expires_at": registration.hold_expires_at.isoformat()},
    )
    if registration.group_id:
        # A card-paid group is confirmed only whole: one expired seat ends its hold.
        group = GroupRegistration.objects.select_for_update().get(pk=registration.group_id)
        if group.status == GroupRegistration.Status.PENDING_PAYMENT:
            group.transition_to(GroupRegistration.Status.EXPIRED)
            group.save(update_fields=["status"])
            audit_log(
                instance=group,
                action="lms.group.expire",
                data={"registration": registration.pk},
            )
    registration_awards_release(registration=registration, why="seat hold expired")
    enqueue_on_commit("lms.tasks.waitlists.waitlist_offers_make", registration.session_id)


def registration_hold_expire(*, registration_id: int, now: dt.datetime | None = None) -> bool:
    """Expire one hold if it is still pending and past its time. Returns True if it did."""
    now = now or timezone.now()
    with transaction.atomic():
        session_id = Registration.objects.values_list("session_id", flat=True).get(
            pk=registration_id
        )
        Session.objects.select_for_update().filter(pk=session_id).first()
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if (
            registration.status != Registration.Status.PENDING_PAYMENT
            or registration.hold_expires_at is None
            or registration.hold_expires_at > now
        ):
            return False
        _expire(registration)
        return True


def _full_refund_days() -> int:
    """The one place the CANCELLATION_FULL_REFUND_DAYS setting is read."""
    return settings.CANCELLATION_FULL_REFUND_DAYS


def cancellation_policy_text() -> str:
    """The cancellation policy in words, with the configured number of days."""
    return cancellation.policy_text(full_refund_days=_full_refund_days())


def registration_refund_decide(
    *,
    registration: Registration,
    now: dt.datetime,
    paid: list[Payment] | None = None,
    staff_override_cents: int | None = None,
) -> RefundDecision:
    """What cancelling `registration` at `now` refunds under the policy (or staff's amount).

    The staff preview, the participant's cancel page and `registration_cancel` all ask this,
    so the amount shown is the amount refunded. `paid` is the registration's paid payments
    when the caller already holds them locked; otherwise they are read here.
    """
    if paid is None:
        paid = list(Payment.objects.filter(registration=registration, status__in=Payment.PAID))
    return cancellation.refund_policy_decide(
        paid_cents=sum(payment.amount_cents for payment in paid),
        already_refunded_cents=sum(payment.refunded_cents for payment in paid),
        first_meeting_starts_at=registration.session.starts_at,
        cancelled_at=now,
        session_cancelled=registration.session.status == Session.Status.CANCELLED,
        rescheduled_after_registering=SessionReschedule.objects.filter(
            session_id=registration.session_id, changed_at__gt=registration.created_at
        ).exists(),
        staff_override_cents=staff_override_cents,
        full_refund_days=_full_refund_days(),
    )


@dataclass(frozen=True)
class CancellationOutcome:
    registration: Registration
    refund_cents: int
    explanation: str


def registration_cancel(
    *,
    registration: Registration,
    by,
    reason: str = "",
    refund_override_cents: int | None = None,
    staff: bool = False,
    now: dt.datetime | None = None,
) -> CancellationOutcome:
    """Cancel a held or confirmed registration and refund what the policy (or staff) says.

    `registration_cancel_refusal` decides whether it may be cancelled: a participant until the
    session starts, staff (`staff=True`) at any time. Certificates issued for it are revoked
    in the same transaction (`lms.signals.registration_cancelled`)."""
    now = now or timezone.now()
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=registration.session_id).first()
        registration = (
            Registration.objects.select_for_update()
            .select_related("session")
            .get(pk=registration.pk)
        )
        if registration.status == Registration.Status.CANCELLED:
            return CancellationOutcome(registration, 0, "It was already cancelled.")
        refusal = registration_cancel_refusal(registration=registration, now=now, staff=staff)
        if refusal:
            raise RegistrationError(refusal)
        registration.transition_to(Registration.Status.CANCELLED)
        paid = list(
            Payment.objects.select_for_update()
            .filter(registration=registration, status__in=Payment.PAID)
            .order_by("pk")
        )
        decision = registration_refund_decide(
            registration=registration,
            now=now,
            paid=paid,
            staff_override_cents=refund_override_cents,
        )
        registration.cancelled_at = now
        registration.cancellation_reason = reason[:300]
        registration.save(
            update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"]
        )
        audit_log(
            instance=registration,
            action="lms.registration.cancel",
            user=by,
            data={
                "reason": reason,
                "refund_cents": decision.refund_cents,
                "policy": decision.explanation,
                "staff_override": refund_override_cents is not None,
            },
        )
        remaining = decision.refund_cents
        refund_reason = (
            Refund.Reason.SESSION_CANCELLED
            if registration.session.status == Session.Status.CANCELLED
            else Refund.Reason.PARTICIPANT_CANCELLED
            if by == registration.person
            else Refund.Reason.STAFF
        )
        for payment in paid:
            if remaining <= 0:
                break
            amount = min(remaining, payment.refundable_cents)
            if amount:
                refund_create(
                    payment=payment,
                    amount_cents=amount,
                    reason=refund_reason,
                    note=reason or decision.explanation,
                    by=by,
                    locked=True,
                )
                remaining -= amount
        _abandon_open_payments(registration)
        registration_awards_release(
            registration=registration, why=reason or "registration cancelled", by=by
        )
        registration_cancelled.send(
            sender=Registration, registration=registration, by=by, reason=reason
        )
        enqueue_on_commit(
            "lms.tasks.registrations.email_registration_cancelled",
            registration.pk,
            decision.refund_cents,
        )
        enqueue_on_commit("lms.tasks.waitlists.waitlist_offers_make", registration.session_id)
    return CancellationOutcome(registration, decision.refund_cents, decision.explanation)


def registration_confirm(
    *, registration: Registration, payment: Payment | None = None, now: dt.datetime
) -> None:
    """Confirm a held (or, for a late payment, expired) registration. Caller holds the locks."""
    if registration.status == Registration.Status.CONFIRMED:
        return
    late = registration.status == Registration.Status.EXPIRED
    registration.transition_to(Registration.Status.CONFIRMED)
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at", "updated_at"])
    audit_log(
        instance=registration,
        action="lms.registration.confirm_late" if late else "lms.registration.confirm",
        data={
            "payment": payment.pk if payment else None,
            "amount_cents": payment.amount_cents if payment else 0,
        },
    )
    registration_awards_use(registration=registration)
    enqueue_on_commit("lms.tasks.registrations.email_registration_confirmed", registration.pk)


def _abandon_open_payments(registration: Registration) -> None:
    """Give up card attempts still open on a cancelled registration and cancel their intents.

    An attempt already processing is left alone: if Stripe completes it (or completes an
    abandoned one after all), lms.services.payments refunds it automatically.
    """
    abandonable = Payment.objects.select_for_update().filter(
        registration=registration,
        status__in=(Payment.Status.STARTED, Payment.Status.REQUIRES_ACTION),
    )
    for payment in abandonable:
        payment.transition_to(Payment.Status.CANCELED)
        payment.save(update_fields=["status", "updated_at"])
        audit_log(
            instance=payment, action="lms.payment.abandon", data={"why": "registration cancelled"}
        )
        if payment.stripe_payment_intent_id:
            transaction.on_commit(
                partial(
                    stripe_gateway.payment_intent_cancel_if_possible,
                    payment.stripe_payment_intent_id,
                )
            )
