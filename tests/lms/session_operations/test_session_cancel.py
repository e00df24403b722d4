"""Cancelling a session: every seat cancelled, card payments refunded in full at localstripe,
waitlist closed, invoices settled, everyone told; a second run changes nothing; an
interrupted run resumes."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.errors import DomainError
from lms.models import Invoice, Payment, Refund, Registration, Session, WaitlistEntry
from lms.selectors.session_operations import session_cancellation
from lms.services.groups import Attendee, group_registration_invoice
from lms.services.invoices import invoice_payment_record
from lms.services.payments import payment_submit
from lms.services.registrations import registration_create
from lms.services.session_operations import (
    NewPerson,
    registration_staff_add,
    session_cancel,
    session_cancellation_run,
)
from tests.factories import (
    FacilitatorFactory,
    OrganizationFactory,
    ProfileFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    paid_session,
)
from tests.fixtures.payments import stripe_api

pytestmark = pytest.mark.stripe


def paid_registrants(session, tiers, count):
    registrations = []
    for _ in range(count):
        person = ProfileFactory().user
        registration = registration_create(
            session=session, person=person, tier=tiers["standard"], attested=True
        )
        payment_submit(
            registration_id=registration.pk, person=person, payment_method_id="pm_card_visa"
        )
        registrations.append(registration)
    return registrations


def statuses(registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


@pytest.mark.django_db
def test_cancelling_a_session_refunds_and_tells_everyone_once(
    stripe_quiet, django_capture_on_commit_callbacks
):
    session, tiers = paid_session(capacity=4, meeting__days_ahead=2)
    SessionFacilitatorFactory(session=session, facilitator=FacilitatorFactory(email="lead@x.org"))
    paid = paid_registrants(session, tiers, 3)
    held = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    waiting = WaitlistEntry.objects.create(
        session=session, person=ProfileFactory().user, position=1
    )
    staff = StaffFactory()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancellation = session_cancel(session=session, reason="The facilitator is ill", by=staff)

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert statuses([*paid, held]) == ["cancelled"] * 4
    refunds = Refund.objects.filter(reason=Refund.Reason.SESSION_CANCELLED)
    assert sorted(refunds.values_list("status", "amount_cents")) == [("succeeded", 5000)] * 3
    for refund in refunds:
        at_stripe = stripe_api(stripe_quiet, "GET", f"/v1/refunds/{refund.stripe_refund_id}")
        assert (at_stripe["amount"], at_stripe["status"]) == (5000, "succeeded")
    assert set(Payment.objects.filter(registration__in=paid).values_list("status", flat=True)) == {
        "refunded"
    }
    assert WaitlistEntry.objects.get(pk=waiting.pk).status == WaitlistEntry.Status.LEFT
    subjects = [message.subject for message in mail.outbox]
    assert sum(s.startswith("Session cancelled: ") for s in subjects) == 5  # 4 seats + lead
    assert sum(s.startswith("Refund of $50.00") for s in subjects) == 3
    lead_mail = next(m for m in mail.outbox if m.to == ["lead@x.org"])
    assert "The facilitator is ill" in lead_mail.body
    registrant_mail = next(m for m in mail.outbox if m.to == [paid[0].person.email])
    assert "The coalition cancelled this session: The facilitator is ill" in registrant_mail.body
    progress = session_cancellation(session=session)
    assert progress.finished
    assert (progress.registrations_cancelled, progress.registrations_total) == (4, 4)
    assert (progress.refunds_succeeded, progress.refunds_pending) == (3, 0)

    # Twice: nothing changes, nobody is emailed again.
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = session_cancel(session=session, reason="Again", by=staff)
        session_cancellation_run(cancellation_id=cancellation.pk)
    assert again.pk == cancellation.pk and again.reason == "The facilitator is ill"
    assert Refund.objects.count() == 3
    assert len(mail.outbox) == sent


@pytest.mark.django_db
def test_an_interrupted_cancellation_resumes_and_the_registrant_page_says_cancelled(
    client, stripe_quiet, django_capture_on_commit_callbacks
):
    session, tiers = paid_session(meeting__days_ahead=5)
    (first, second) = paid_registrants(session, tiers, 2)
    staff = StaffFactory()
    # The run never starts (the worker died): the session is cancelled, its seats not yet.
    with django_capture_on_commit_callbacks(execute=False):
        session_cancel(session=session, reason="Venue closed", by=staff)
    assert statuses([first, second]) == ["confirmed", "confirmed"]
    client.force_login(first.person)
    page = client.get(reverse("lms:registration_detail", args=[first.pk])).content.decode()
    assert "This session is cancelled." in page
    assert "Venue closed" in page
    assert "Your seat is confirmed" not in page
    assert "Join the session" not in page
    assert "Session cancelled" in client.get(reverse("lms:dashboard")).content.decode()
    # One registration was cancelled before the interruption.
    with django_capture_on_commit_callbacks(execute=True):
        from lms.services.registrations import registration_cancel

        registration_cancel(registration=first, by=staff, reason="by hand", staff=True)
        assert not session_cancellation(session=session).finished
        # Staff press Cancel again: the run resumes and finishes.
        session_cancel(session=session, reason="Venue closed", by=staff)
    assert statuses([first, second]) == ["cancelled", "cancelled"]
    assert Refund.objects.filter(status="succeeded").count() == 2
    assert session_cancellation(session=session).finished
    page = client.get(reverse("lms:registration_detail", args=[first.pk])).content.decode()
    assert "This session is cancelled." in page and "Join the session" not in page


@pytest.mark.django_db
def test_invoices_are_voided_when_open_and_noted_for_finance_when_paid(
    django_capture_on_commit_callbacks,
):
    session, tiers = paid_session(meeting__days_ahead=9)
    coordinator = ProfileFactory().user
    invoices = [
        group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=OrganizationFactory(),
            tier=tiers["standard"],
            attendees=[Attendee(name=f"Person {n}", email=f"p{n}{suffix}@agency.org")],
            attested=True,
        )
        for n, suffix in ((1, "a"), (2, "b"))
    ]
    staff = StaffFactory()
    invoice_payment_record(
        invoice=invoices[1],
        method="check",
        reference="1001",
        paid_on=session.starts_at.date(),
        by=staff,
    )
    registration_staff_add(
        session=session,
        by=staff,
        new_person=NewPerson(name="Door Payer", email="door@x.org"),
        tier=tiers["standard"],
        settlement="check",
        reference="1234",
    )
    with django_capture_on_commit_callbacks(execute=True):
        cancellation = session_cancel(session=session, reason="Storm", by=staff)
        session_cancellation_run(cancellation_id=cancellation.pk)
    cancellation.refresh_from_db()
    assert Invoice.objects.get(pk=invoices[0].pk).status == Invoice.Status.VOID
    assert Invoice.objects.get(pk=invoices[1].pk).status == Invoice.Status.PAID
    invoice_note, door_note = cancellation.finance_notes
    assert invoices[1].display_number in invoice_note and "$50.00" in invoice_note
    assert door_note == "door@x.org paid $50.00 at the door (check, 1234): give it back."


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Session.Status.COMPLETED])
def test_a_completed_session_cannot_be_cancelled(status):
    session, _ = paid_session()
    session.transition_to(status)
    session.save()
    with pytest.raises(DomainError, match="cannot go from"):
        session_cancel(session=session, reason="Too late", by=StaffFactory())


@pytest.mark.django_db
def test_a_reason_is_required():
    session, _ = paid_session()
    with pytest.raises(DomainError, match="reason"):
        session_cancel(session=session, reason="  ", by=StaffFactory())
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED
