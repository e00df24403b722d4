"""Session operations in the demo: a walk-in at the session under way (paid cash at the door
and checked in), a message staff sent to its registrants, and the Carbondale session cancelled
by staff after two people had registered, through the same services the admin's buttons call.
Idempotent: each step is skipped when already there."""

from django.utils import timezone

from lms.demo.catalogue import demo_trainings
from lms.models import (
    Registration,
    Session,
    SessionCancellation,
    SessionMessage,
    StaffAddition,
    User,
)


def seed_session_operations_demo(*, now=None):
    from lms.services import emails
    from lms.services.attendance import attendance_check_in
    from lms.services.session_operations import (
        NewPerson,
        registration_staff_add,
        session_cancel,
        session_cancellation_run,
        session_message_create,
        session_message_send,
    )

    now = now or timezone.now()
    staff = User.objects.get(email="staff@demo.test")
    live = (
        Session.objects.filter(meetings__starts_at__lte=now, meetings__ends_at__gt=now)
        .order_by("pk")
        .first()
    )
    if live is not None:
        if not StaffAddition.objects.filter(registration__session=live).exists():
            tier = (
                live.effective_fee_schedule.tiers.order_by("sort_order").first()
                if live.effective_fee_schedule
                else None
            )
            walk_in = registration_staff_add(
                session=live,
                by=staff,
                new_person=NewPerson(name="Jordan Walker", email="walkin@demo.test"),
                tier=tier,
                settlement=StaffAddition.Settlement.CASH if tier else "complimentary",
                reason="" if tier else "Walk-in guest of the facilitator",
                reference="Receipt 0042",
                now=now,
            )
            attendance_check_in(
                registration=walk_in, meeting=live.meetings.order_by("starts_at").first(), by=staff
            )
        if not SessionMessage.objects.filter(session=live).exists():
            message = session_message_create(
                session=live,
                audience=SessionMessage.Audience.CONFIRMED,
                subject="Parking today",
                body="The garage on Adams Street is closed today: please use the Quincy Street "
                "lot. We start at the top of the hour.",
                by=staff,
            )
            session_message_send(
                message_id=message.pk,
                send=lambda delivery: emails.email_session_message(delivery=delivery),
            )
    # The catalogue's session flagged "cancelled" (lms.demo.catalogue.SESSIONS).
    carbondale = (
        Session.objects.filter(training=demo_trainings()[6], city="Carbondale")
        .order_by("-starts_at")
        .first()
    )
    if (
        carbondale is not None
        and not SessionCancellation.objects.filter(session=carbondale).exists()
    ):
        for name, email in (("Avery Lee", "avery@demo.test"), ("Casey Moreno", "casey@demo.test")):
            registration_staff_add(
                session=carbondale,
                by=staff,
                new_person=NewPerson(name=name, email=email),
                settlement=StaffAddition.Settlement.COMPLIMENTARY,
                reason="Board member",
                now=now,
            )
        cancellation = session_cancel(
            session=carbondale,
            reason="The venue flooded; we will schedule the training again in the spring.",
            by=staff,
        )
        session_cancellation_run(cancellation_id=cancellation.pk)
    return Registration.objects.filter(person__email="walkin@demo.test").first()
