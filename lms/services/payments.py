"""Card payments for registrations: start, submit, and apply what Stripe says.

The browser never tells us a payment succeeded. It confirms a SetupIntent with the card
element and posts the payment method id; the server creates (or reuses) the one
PaymentIntent of this payment attempt for the amount computed on the server and confirms it.
Every change to a Payment then comes from Stripe itself through payment_state_apply(): the
answer to our own confirm call, a re-read after a webhook (lms.payments.webhooks), or a
re-read by the scheduled reconciliation. All three are idempotent, so a registration is
confirmed exactly once however many of them arrive.

What is charged is what is owed now, decided by amount_owed() alone: the pay page shows it,
an open attempt for another amount is given up (its PaymentIntent cancelled at Stripe) and a
new one started, and money that still arrives for another amount is refunded automatically
(the difference, or all of it when it is less than is owed) and flagged for Finance.
"""

import contextlib
import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import (
    GroupRegistration,
    Payment,
    Refund,
    Registration,
    ScholarshipAward,
    Session,
    StripeCustomer,
)
from lms.payments import stripe_gateway
from lms.payments.stripe_gateway import GatewayError, IntentState
from lms.rules.money import dollars
from lms.selectors.registrations import seats_left
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.services.refunds import refund_create
from lms.services.registrations import registration_confirm

# Stripe's PaymentIntent statuses, in our terms.
STRIPE_TO_PAYMENT_STATUS = {
    "requires_payment_method": None,  # failed if Stripe gives an error, else not started
    "requires_confirmation": None,
    "requires_action": Payment.Status.REQUIRES_ACTION,
    "processing": Payment.Status.PROCESSING,
    "requires_capture": Payment.Status.PROCESSING,
    "succeeded": Payment.Status.SUCCEEDED,
    "canceled": Payment.Status.CANCELED,
}


class PaymentError(DomainError):
    """A payment cannot be started or made; `message` is for the payer."""


@dataclass(frozen=True)
class PaymentOutcome:
    status: str  # a Payment.Status value
    message: str = ""
    client_secret: str = ""  # for confirmCardPayment when status is requires_action


def amount_owed(
    *, registration: Registration | None = None, group: GroupRegistration | None = None
) -> int:
    """What a registration, or a card-paid group, owes now, in cents.

    The one answer for the pay page, the amount of a payment attempt and the money that
    arrives. A registration owes the price fixed when its seat was held, less the scholarship
    awards that still pay for it: an award lowers `amount_cents` when it is made, and an award
    released again (the hold expired or the seat was cancelled, so the fund took its money
    back) no longer pays its share. A group owes what its seats owe together. A registration
    waiting for payment has paid nothing yet: a payment that goes through confirms it or is
    refunded.
    """
    released = ScholarshipAward.objects.filter(status=ScholarshipAward.Status.RELEASED)
    if group is not None:
        price = Registration.objects.filter(group=group).aggregate(total=Sum("amount_cents"))
        price_cents = price["total"] or 0
        released = released.filter(registration__group=group)
    else:
        price_cents = registration.amount_cents
        released = released.filter(registration=registration)
    return price_cents + (released.aggregate(total=Sum("amount_cents"))["total"] or 0)


def _payable_problem(registration: Registration, now: dt.datetime) -> str | None:
    if registration.group_id:
        return "This seat is part of a group; the coordinator who registered it pays for it."
    if registration.status == Registration.Status.CONFIRMED:
        return "This registration is already confirmed; there is nothing to pay."
    if registration.status == Registration.Status.CANCELLED:
        return "This registration was cancelled."
    if registration.status == Registration.Status.EXPIRED or (
        registration.hold_expires_at and registration.hold_expires_at <= now
    ):
        return (
            "Your seat hold expired before payment, so the seat was released. "
            "Please register again if seats are left."
        )
    if amount_owed(registration=registration) <= 0:
        return "There is nothing to pay for this registration."
    return None


def stripe_customer_for(*, person) -> str:
    existing = StripeCustomer.objects.filter(person=person).values_list("customer_id", flat=True)
    if existing:
        return existing[0]
    name = getattr(getattr(person, "profile", None), "printed_name", "") or person.get_full_name()
    customer_id = stripe_gateway.customer_create(
        email=person.email, name=name or person.email, person_id=person.pk
    )
    customer, _ = StripeCustomer.objects.get_or_create(
        person=person, defaults={"customer_id": customer_id}
    )
    return customer.customer_id


def payment_setup_start(*, registration: Registration, now: dt.datetime | None = None) -> str:
    """A SetupIntent client secret for the card element on the payment page."""
    problem = _payable_problem(registration, now or timezone.now())
    if problem:
        raise PaymentError(problem)
    try:
        customer_id = stripe_customer_for(person=registration.person)
        return stripe_gateway.setup_intent_create(
            customer_id=customer_id, metadata={"registration": registration.pk}
        )
    except GatewayError as exc:
        raise PaymentError(
            gettext("The card form could not be prepared: %(message)s") % {"message": exc.message}
        ) from exc


def _group_payable_problem(group: GroupRegistration, now: dt.datetime) -> str | None:
    if group.status == GroupRegistration.Status.CONFIRMED:
        return "This group is already paid and confirmed."
    if group.status == GroupRegistration.Status.EXPIRED or group.hold_expires_at <= now:
        return (
            "The seat hold for your group expired before payment, so the seats were released. "
            "Please register the group again if seats are left."
        )
    if amount_owed(group=group) <= 0:
        return "There is nothing to pay for this group."
    return None


def group_payment_setup_start(*, group: GroupRegistration, now: dt.datetime | None = None) -> str:
    """A SetupIntent client secret for the coordinator's card form."""
    problem = _group_payable_problem(group, now or timezone.now())
    if problem:
        raise PaymentError(problem)
    try:
        return stripe_gateway.setup_intent_create(
            customer_id=stripe_customer_for(person=group.coordinator),
            metadata={"group": group.pk},
        )
    except GatewayError as exc:
        raise PaymentError(
            gettext("The card form could not be prepared: %(message)s") % {"message": exc.message}
        ) from exc


def _payment_method_check(payment_method_id: str) -> None:
    """What the browser posts must be a Stripe payment method id, not anything else."""
    if not payment_method_id.startswith(("pm_", "card_", "src_")):
        raise PaymentError(gettext("The card details did not come through; please try again."))


def group_payment_submit(
    *, group_id: int, coordinator, payment_method_id: str, now: dt.datetime | None = None
) -> PaymentOutcome:
    """Charge the whole group's amount once, as payment_submit does for one registration."""
    now = now or timezone.now()
    _payment_method_check(payment_method_id)
    with transaction.atomic():
        group = GroupRegistration.objects.select_for_update().get(
            pk=group_id, coordinator=coordinator
        )
        # Lock order: group, its registrations (a scholarship award changes a seat's amount
        # under the registration's lock), payment.
        list(Registration.objects.select_for_update().filter(group=group).order_by("pk"))
        problem = _group_payable_problem(group, now)
        if problem:
            raise PaymentError(problem)
        payment = _attempt_find_or_start(
            Payment.objects.select_for_update().filter(group=group, status__in=Payment.OPEN),
            owed_cents=amount_owed(group=group),
            payment_method_id=payment_method_id,
            new=lambda: Payment(group=group),
            payer=coordinator,
            audit={"group": group.pk},
        )
    if not payment.stripe_payment_intent_id:
        payment = _intent_open(
            payment, payer=coordinator, metadata={"group": group.pk, "payment": payment.pk}
        )
    return _attempt_submit(payment)


def payment_submit(
    *, registration_id: int, person, payment_method_id: str, now: dt.datetime | None = None
) -> PaymentOutcome:
    """Charge the registration's amount (as the server computed it) to this payment method."""
    payment = payment_attempt_open(
        registration_id=registration_id,
        person=person,
        payment_method_id=payment_method_id,
        now=now,
    )
    return _attempt_submit(payment)


def _attempt_submit(payment: Payment) -> PaymentOutcome:
    """Confirm the attempt's PaymentIntent on the server and apply Stripe's answer."""
    try:
        if payment.status in (Payment.Status.REQUIRES_ACTION, Payment.Status.PROCESSING):
            # A second submit while the first is under way: report where it stands, never
            # charge again. (The client secret lets the browser finish a card authentication.)
            state = stripe_gateway.payment_intent_retrieve(
                intent_id=payment.stripe_payment_intent_id
            )
            source = "resubmit"
        else:
            state = _confirm(payment)
            source = "confirm"
    except GatewayError as exc:
        raise PaymentError(
            gettext("The payment could not be made: %(message)s") % {"message": exc.message}
        ) from exc
    payment = payment_state_apply(payment_id=payment.pk, state=state, source=source)
    return _outcome(payment, client_secret=state.client_secret)


def payment_attempt_open(
    *, registration_id: int, person, payment_method_id: str, now: dt.datetime | None = None
) -> Payment:
    """Find or start the registration's open payment attempt and give it its one PaymentIntent.

    Locks the registration to check it is payable; the PaymentIntent is created outside any
    transaction (it is a network call) with the attempt's idempotency key.
    """
    now = now or timezone.now()
    _payment_method_check(payment_method_id)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(
            pk=registration_id, person=person
        )
        problem = _payable_problem(registration, now)
        if problem:
            raise PaymentError(problem)
        payment = _attempt_find_or_start(
            Payment.objects.select_for_update().filter(
                registration=registration, status__in=Payment.OPEN
            ),
            owed_cents=amount_owed(registration=registration),
            payment_method_id=payment_method_id,
            new=lambda: Payment(registration=registration),
            payer=person,
            audit={"registration": registration.pk},
        )
    if not payment.stripe_payment_intent_id:
        payment = _intent_open(
            payment,
            payer=person,
            metadata={"registration": registration.pk, "payment": payment.pk},
        )
    return payment


def _attempt_find_or_start(
    open_attempts, *, owed_cents: int, payment_method_id: str, new, payer, audit
) -> Payment:
    """The open attempt to charge, under the caller's lock: the one under way, the started one
    for this card, or a new one for `owed_cents`.

    An attempt for another amount than is owed now (a scholarship was awarded meanwhile) is
    abandoned and its PaymentIntent cancelled at Stripe, even while it waits for card
    authentication, so its old bank prompt can no longer charge the old amount. So is a
    started attempt for another card. Only money already processing cannot be called back:
    if it arrives for more than is owed, the difference is refunded (_refund_above_what_is_owed).
    """
    payment = open_attempts.first()
    if payment and payment.status == Payment.Status.PROCESSING:
        return payment
    if payment and payment.amount_cents != owed_cents:
        _attempt_abandon(
            payment,
            why="the amount owed changed",
            amount_cents=payment.amount_cents,
            owed_cents=owed_cents,
        )
        payment = None
    elif payment and payment.status == Payment.Status.REQUIRES_ACTION:
        return payment
    elif payment and payment.stripe_payment_method_id != payment_method_id:
        _attempt_abandon(payment, why="another card")
        payment = None
    if payment is None:
        payment = new()
        payment.amount_cents = owed_cents
        payment.currency = settings.STRIPE_CURRENCY
        payment.stripe_payment_method_id = payment_method_id
        payment.save()
        audit_log(
            instance=payment,
            action="lms.payment.start",
            user=payer,
            data={**audit, "amount_cents": payment.amount_cents},
        )
    return payment


def _attempt_abandon(payment: Payment, *, why: str, **details) -> None:
    """Give up an open attempt (its row is locked) and cancel its PaymentIntent after commit.
    If Stripe completes it anyway, payment_state_apply records the money and the registration
    rules decide between seat and refund."""
    payment.transition_to(Payment.Status.CANCELED)
    payment.save(update_fields=["status", "updated_at"])
    audit_log(instance=payment, action="lms.payment.abandon", data={"why": why, **details})
    if payment.stripe_payment_intent_id:
        transaction.on_commit(
            partial(
                stripe_gateway.payment_intent_cancel_if_possible, payment.stripe_payment_intent_id
            )
        )


def _intent_open(payment: Payment, *, payer, metadata: dict) -> Payment:
    """Create the attempt's one PaymentIntent (a network call, outside any transaction)."""
    try:
        state = stripe_gateway.payment_intent_create(
            amount_cents=payment.amount_cents,
            currency=payment.currency,
            customer_id=stripe_customer_for(person=payer),
            payment_method_id=payment.stripe_payment_method_id,
            metadata=metadata,
            idempotency_key=payment.idempotency_key,
        )
    except GatewayError as exc:
        raise PaymentError(
            gettext("The payment could not be started: %(message)s") % {"message": exc.message}
        ) from exc
    return _intent_attach(payment_id=payment.pk, intent_id=state.id)


def _confirm(payment: Payment) -> IntentState:
    """Confirm on the server; a decline or a repeat confirm is answered by a re-read."""
    try:
        return stripe_gateway.payment_intent_confirm(intent_id=payment.stripe_payment_intent_id)
    except GatewayError as exc:
        state = stripe_gateway.payment_intent_retrieve(intent_id=payment.stripe_payment_intent_id)
        if exc.declined and not state.error_message:
            state = _with_error(state, exc.message)
        return state


def _with_error(state: IntentState, message: str) -> IntentState:
    return IntentState(**{**state.__dict__, "error_message": message})


def _intent_attach(*, payment_id: int, intent_id: str) -> Payment:
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.stripe_payment_intent_id and payment.stripe_payment_intent_id != intent_id:
            # Another request for this attempt got there first; keep one intent per attempt.
            transaction.on_commit(
                partial(stripe_gateway.payment_intent_cancel_if_possible, intent_id)
            )
            return payment
        payment.stripe_payment_intent_id = intent_id
        payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
    return payment


def _outcome(payment: Payment, *, client_secret: str) -> PaymentOutcome:
    if payment.status == Payment.Status.FAILED:
        return PaymentOutcome(
            payment.status,
            f"{payment.failure_message or 'The payment did not go through.'} "
            "Your seat is still held; you can try another card.",
        )
    if payment.status == Payment.Status.REQUIRES_ACTION:
        return PaymentOutcome(
            payment.status, "Your bank asks you to confirm this payment.", client_secret
        )
    return PaymentOutcome(payment.status)


def payment_sync(*, payment_id: int, source: str) -> Payment:
    """Re-read the payment's PaymentIntent from Stripe and apply it (webhook task, reconcile)."""
    payment = Payment.objects.get(pk=payment_id)
    if not payment.stripe_payment_intent_id:
        return payment
    state = stripe_gateway.payment_intent_retrieve(intent_id=payment.stripe_payment_intent_id)
    return payment_state_apply(payment_id=payment.pk, state=state, source=source)


def payment_sync_under_way(*, payments, source: str) -> bool:
    """Before a page shows a payment's outcome: re-read from Stripe the attempt of `payments`
    that is under way (processing or waiting for card authentication), so the page is current
    even before the webhook arrives. A failure leaves it to the webhook and reconciliation.
    True when an attempt was re-read (the caller reloads what it shows)."""
    under_way = payments.filter(
        status__in=(Payment.Status.PROCESSING, Payment.Status.REQUIRES_ACTION),
        stripe_payment_intent_id__isnull=False,
    ).first()
    if under_way is None:
        return False
    with contextlib.suppress(DomainError, GatewayError):
        payment_sync(payment_id=under_way.pk, source=source)
    return True


def payment_state_apply(
    *, payment_id: int, state: IntentState, source: str, now: dt.datetime | None = None
) -> Payment:
    """Move a payment (and its registration) to where Stripe says it is. Idempotent.

    A payment that went through never goes back: a failure reported after a success
    changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration_id, group_id, session_id, group_session_id = Payment.objects.values_list(
            "registration_id", "group_id", "registration__session_id", "group__session_id"
        ).get(pk=payment_id)
        # Lock order: session, registration (or group), payment.
        session = Session.objects.select_for_update().get(pk=session_id or group_session_id)
        registration = group = None
        if group_id:
            group = GroupRegistration.objects.select_for_update().get(pk=group_id)
        else:
            registration = Registration.objects.select_for_update().get(pk=registration_id)
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if state.id != payment.stripe_payment_intent_id:
            raise PaymentError(gettext("That PaymentIntent belongs to another payment."))
        if payment.status in Payment.PAID:
            return payment  # money taken never goes back to unpaid
        new_status = STRIPE_TO_PAYMENT_STATUS.get(state.status)
        if state.status == "requires_payment_method" and state.error_message:
            new_status = Payment.Status.FAILED
        if new_status is None or new_status == payment.status:
            return payment
        if not payment.transition_allowed(payment.status, new_status):
            return payment  # an older state arriving late (for example processing after failed)
        if payment.status in (Payment.Status.FAILED, Payment.Status.CANCELED):
            payment.needs_attention = True
            payment.attention_note = (
                "Stripe completed a payment attempt we had recorded as "
                f"{payment.get_status_display().lower()}."
            )
        payment.transition_to(new_status)
        if new_status == Payment.Status.FAILED:
            payment.failure_message = (state.error_message or "The payment did not go through.")[
                :500
            ]
        if new_status == Payment.Status.SUCCEEDED:
            payment.succeeded_at = now
            payment.card_last4 = state.card_last4 or payment.card_last4
            if state.amount_cents != payment.amount_cents:
                payment.needs_attention = True
                payment.attention_note = (
                    f"Stripe charged {state.amount_cents} cents; we asked for "
                    f"{payment.amount_cents}."
                )
        payment.save()
        audit_log(
            instance=payment,
            action={
                Payment.Status.SUCCEEDED: "lms.payment.succeed",
                Payment.Status.FAILED: "lms.payment.fail",
            }.get(new_status, "lms.payment.update"),
            data={
                "status": new_status,
                "stripe_status": state.status,
                "source": source,
                "amount_cents": state.amount_cents,
                "message": state.error_message,
            },
        )
        if new_status == Payment.Status.SUCCEEDED:
            enqueue_on_commit("lms.tasks.payments.email_payment_receipt", payment.pk)
            if group is not None:
                _group_money_arrived(group=group, payment=payment, now=now)
            else:
                _money_arrived(session=session, registration=registration, payment=payment, now=now)
    return payment


def _money_arrived(
    *, session: Session, registration: Registration, payment: Payment, now: dt.datetime
) -> None:
    """Give the seat for money received, or refund it. Session and registration are locked."""
    owed_cents = amount_owed(registration=registration)
    if registration.status == Registration.Status.PENDING_PAYMENT:
        if _charged_for_what_is_owed(payment, owed_cents):
            registration_confirm(registration=registration, payment=payment, now=now)
            _refund_above_what_is_owed(payment, owed_cents)
        return
    if registration.status == Registration.Status.CONFIRMED:
        _refund_automatically(
            payment,
            Refund.Reason.DUPLICATE_PAYMENT,
            "This registration was already paid; the second payment was refunded.",
        )
        return
    if registration.status == Registration.Status.EXPIRED:
        other_active = (
            Registration.objects.filter(
                session=session, person=registration.person, status__in=Registration.SEAT_HOLDING
            )
            .exclude(pk=registration.pk)
            .exists()
        )
        if (
            session.status == Session.Status.SCHEDULED
            and not other_active
            and seats_left(session=session, now=now, person=registration.person) > 0
        ):
            if _charged_for_what_is_owed(payment, owed_cents):
                registration_confirm(registration=registration, payment=payment, now=now)
                _refund_above_what_is_owed(payment, owed_cents)
            return
        why = (
            "they already hold another registration for this session"
            if other_active
            else "the session is no longer open"
            if session.status != Session.Status.SCHEDULED
            else "no seat was left"
        )
        _refund_automatically(
            payment,
            Refund.Reason.SEAT_UNAVAILABLE,
            f"Paid after the seat hold expired and {why}; refunded in full automatically.",
        )
        return
    # Cancelled while the card was being charged.
    _refund_automatically(
        payment,
        Refund.Reason.SEAT_UNAVAILABLE,
        "Paid after the registration was cancelled; refunded in full automatically.",
    )


def _group_money_arrived(*, group: GroupRegistration, payment: Payment, now: dt.datetime) -> None:
    """Confirm every seat of the group at once, or refund a payment that came too late.

    Session and group are locked. A group is confirmed only whole: if its hold expired (its
    seats were released and may be taken), the payment is refunded in full automatically.
    """
    registrations = list(
        Registration.objects.select_for_update().filter(group=group).order_by("pk")
    )
    if group.status == GroupRegistration.Status.PENDING_PAYMENT and all(
        registration.status == Registration.Status.PENDING_PAYMENT for registration in registrations
    ):
        owed_cents = amount_owed(group=group)
        if not _charged_for_what_is_owed(payment, owed_cents):
            return
        for registration in registrations:
            registration_confirm(registration=registration, payment=payment, now=now)
        group.transition_to(GroupRegistration.Status.CONFIRMED)
        group.confirmed_at = now
        group.save(update_fields=["status", "confirmed_at"])
        audit_log(
            instance=group,
            action="lms.group.confirm",
            data={"payment": payment.pk, "attendees": len(registrations)},
        )
        _refund_above_what_is_owed(payment, owed_cents)
        return
    _refund_automatically(
        payment,
        Refund.Reason.SEAT_UNAVAILABLE,
        "Paid after the group's seat hold expired; refunded in full automatically.",
    )


def _charged_for_what_is_owed(payment: Payment, owed_cents: int) -> bool:
    """May this payment give the seat(s)? Not for less than is owed now (an award was given
    back to its fund while the payment was under way): then it is refunded in full and the
    registration stays as it is, to be paid again at the amount owed."""
    if payment.amount_cents >= owed_cents:
        return True
    _refund_automatically(
        payment,
        Refund.Reason.AMOUNT_CHANGED,
        f"Charged {dollars(payment.amount_cents)} while {dollars(owed_cents)} is owed now (the "
        "amount changed while the payment was under way); the seat is not given for less, so "
        "the payment was refunded in full automatically.",
    )
    return False


def _refund_above_what_is_owed(payment: Payment, owed_cents: int) -> None:
    """Money that arrived for more than is owed now (an old attempt completed after a
    scholarship award) keeps the seat; the difference is refunded automatically."""
    if payment.amount_cents <= owed_cents:
        return
    above = payment.amount_cents - owed_cents
    _refund_automatically(
        payment,
        Refund.Reason.AMOUNT_CHANGED,
        f"Charged {dollars(payment.amount_cents)} while {dollars(owed_cents)} is owed now (the "
        f"amount changed while the payment was under way); the difference of {dollars(above)} "
        "was refunded automatically.",
        amount_cents=above,
    )


def _refund_automatically(
    payment: Payment, reason: str, note: str, *, amount_cents: int | None = None
) -> None:
    """Refund (all that is left, or `amount_cents`) and tell Finance. The payment is locked."""
    attention = note
    if payment.needs_attention and payment.attention_note:
        attention = f"{payment.attention_note} {note}"  # what payment_state_apply just noted
    payment.needs_attention = True
    payment.attention_note = attention[:500]
    payment.save(update_fields=["needs_attention", "attention_note", "updated_at"])
    refund_create(
        payment=payment,
        amount_cents=payment.refundable_cents if amount_cents is None else amount_cents,
        reason=reason,
        note=note,
        by=None,
        locked=True,
    )
    enqueue_on_commit("lms.tasks.payments.email_staff_payment_attention", payment.pk)


def payments_reconcile(*, older_than_minutes: int = 2, now: dt.datetime | None = None) -> int:
    """Re-read open payment attempts from Stripe: a lost webhook never loses money."""
    now = now or timezone.now()
    # Open attempts, and attempts we abandoned in the last day (Stripe may have completed one
    # after all: a second tab, a slow bank).
    settled_long_enough = Q(updated_at__lte=now - dt.timedelta(minutes=older_than_minutes))
    ids = list(
        Payment.objects.filter(settled_long_enough, stripe_payment_intent_id__isnull=False)
        .filter(
            Q(status__in=Payment.OPEN)
            | Q(status=Payment.Status.CANCELED, updated_at__gte=now - dt.timedelta(days=1))
        )
        .values_list("pk", flat=True)
    )
    for payment_id in ids:
        try:
            payment_sync(payment_id=payment_id, source="reconcile")
        except (GatewayError, PaymentError):
            continue  # tried again on the next run
    return len(ids)
