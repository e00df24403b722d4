"""Demo card payments, a scholarship award and work for the staff home's "Needs attention"
queue.

`make demo` loads the data before localstripe starts, so no PaymentIntent can be made here:
each demo payment is recorded as Stripe would report it (a `pi_demo_...` id) and applied by
the same service the webhook calls (payment_state_apply), which confirms the registration,
credits a supporter's pay-it-forward to the default supporter fund and writes the log. A
refund of one of these goes to localstripe, which never saw the intent: it fails and the
payment is flagged for Finance, as a refund Stripe refuses would be. Card payments made in
the demo itself (card 4242 4242 4242 4242) refund for real.
"""

import datetime as dt

from django.utils import timezone

from lms.demo.people import demo_login
from lms.models import FeeTier, Invoice, Payment, Profile, Registration, Session, User


def _paid_by_card(registration, *, fail_first: bool = False) -> Payment:
    from lms.payments.stripe_gateway import IntentState
    from lms.services.payments import payment_state_apply

    intent = f"pi_demo_{registration.pk}"
    payment, _ = Payment.objects.get_or_create(
        stripe_payment_intent_id=intent,
        defaults={"registration": registration, "amount_cents": registration.amount_cents},
    )

    def state(status, error=""):
        return IntentState(
            id=intent,
            status=status,
            amount_cents=payment.amount_cents,
            currency="usd",
            client_secret="",
            metadata={},
            card_last4="4242",
            error_message=error,
        )

    if fail_first:
        payment_state_apply(
            payment_id=payment.pk,
            state=state("requires_payment_method", "Your card was declined."),
            source="demo",
        )
    return payment_state_apply(payment_id=payment.pk, state=state("succeeded"), source="demo")


def seed_payments_demo(*, today=None):
    """Two card payments (one from a supporter, whose surplus goes to the default supporter
    fund; one Stripe completed after recording it failed, so it is flagged for Finance), a
    scholarship awarded, and an agency invoice past due."""
    from lms.models import ScholarshipApplication, ScholarshipFund
    from lms.selectors import registrations as selectors
    from lms.services import scholarships
    from lms.services.registrations import registration_create, session_closed_reason

    today = today or timezone.localdate()
    now = timezone.now()
    staff = User.objects.get(email="staff@demo.test")
    upcoming = [
        s
        for s in Session.objects.filter(starts_at__gt=now, status=Session.Status.SCHEDULED)
        .select_related("training", "fee_schedule")
        .order_by("starts_at")
        if s.effective_fee_schedule is not None
        and session_closed_reason(session=s, now=now) is None
        and selectors.seats_left(session=s, now=now) >= 3
    ]
    if not upcoming:
        return
    session = upcoming[-1]  # far off: the demo's own registrations use the first ones
    tiers = session.effective_fee_schedule.tiers
    payers = [
        ("supporter@demo.test", "Dana", "Whitfield", FeeTier.Kind.SUPPORTER, False),
        ("cardholder@demo.test", "Eli", "Brooks", FeeTier.Kind.STANDARD, True),
    ]
    for email, first, last, kind, fail_first in payers:
        person = demo_login(email, first, last)
        Profile.objects.update_or_create(
            user=person, defaults={"printed_name": f"{first} {last}", "job_title": "Case manager"}
        )
        tier = tiers.filter(kind=kind).order_by("sort_order").first()
        if tier is None or Registration.objects.filter(person=person).exists():
            continue
        registration = registration_create(session=session, person=person, tier=tier, attested=True)
        _paid_by_card(registration, fail_first=fail_first)

    # A scholarship awarded (the applicant's own application stays waiting for staff).
    fund = ScholarshipFund.objects.filter(
        sponsor_kind=ScholarshipFund.SponsorKind.FOUNDATION
    ).first()
    awardee = demo_login("awardee@demo.test", "Sam", "Okafor")
    Profile.objects.update_or_create(
        user=awardee, defaults={"printed_name": "Sam Okafor", "job_title": "Youth worker"}
    )
    if fund and not ScholarshipApplication.objects.filter(person=awardee).exists():
        application = scholarships.scholarship_apply(
            session=session,
            person=awardee,
            fund=fund,
            tier=tiers.filter(kind=FeeTier.Kind.COMMUNITY).first() or tiers.first(),
            attested=True,
            coverage=ScholarshipApplication.Coverage.FULL,
            need_statement="My agency's training budget is spent for the year.",
        )
        scholarships.scholarship_award(application=application, by=staff)

    # The first agency invoice, issued 45 days ago and so past due.
    invoice = Invoice.objects.filter(status=Invoice.Status.OPEN).order_by("number").first()
    if invoice and invoice.due_on >= today:
        Invoice.objects.filter(pk=invoice.pk).update(
            issued_on=today - dt.timedelta(days=45), due_on=today - dt.timedelta(days=15)
        )
