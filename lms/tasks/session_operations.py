"""Tasks for session operations: the cancellation run, sending a message, their emails."""

from lms.models import Registration, SessionCancellation, SessionReschedule
from lms.services import emails, session_operations


def session_cancellation_run(cancellation_id: int) -> bool:
    return (
        session_operations.session_cancellation_run(cancellation_id=cancellation_id).finished_at
        is not None
    )


def session_message_send(message_id: int) -> int:
    return session_operations.session_message_send(
        message_id=message_id, send=lambda delivery: emails.email_session_message(delivery=delivery)
    )


def email_facilitators_session_cancelled(cancellation_id: int) -> None:
    cancellation = SessionCancellation.objects.select_related("session__training").get(
        pk=cancellation_id
    )
    emails.email_facilitators_session_cancelled(cancellation=cancellation)


def email_payment_link(registration_id: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    emails.email_payment_link(registration=registration)


def email_session_rescheduled(reschedule_id: int, registration_id: int) -> None:
    registration = Registration.objects.select_related("session__training", "person").get(
        pk=registration_id
    )
    if registration.holds_seat:
        emails.email_session_rescheduled(
            reschedule=SessionReschedule.objects.get(pk=reschedule_id), registration=registration
        )
