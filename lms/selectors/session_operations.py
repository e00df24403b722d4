"""Reads for session operations: who a message goes to, how far a cancellation or a message
has got, and the session's operations history for its admin page."""

from dataclasses import dataclass

from django.db.models import Count, Q

from lms.models import (
    Refund,
    Registration,
    Session,
    SessionCancellation,
    SessionMessage,
    User,
    WaitlistEntry,
)

Audience = SessionMessage.Audience


def message_recipients(*, session: Session, audience: str) -> list[User]:
    """The people in `audience` for `session`, each once, in email order."""
    statuses = {
        Audience.CONFIRMED: [Registration.Status.CONFIRMED],
        Audience.PENDING: [Registration.Status.PENDING_PAYMENT],
        Audience.WAITLIST: [],
        Audience.ALL: list(Registration.SEAT_HOLDING),
    }[audience]
    wanted = Q(registrations__session=session, registrations__status__in=statuses)
    if audience in (Audience.WAITLIST, Audience.ALL):
        wanted |= Q(
            waitlist_entries__session=session,
            waitlist_entries__status__in=(
                WaitlistEntry.Status.WAITING,
                WaitlistEntry.Status.OFFERED,
            ),
        )
    return list(User.objects.filter(wanted).distinct().order_by("email"))


@dataclass(frozen=True)
class CancellationProgress:
    cancellation: SessionCancellation
    registrations_total: int
    registrations_cancelled: int
    refunds_succeeded: int
    refunds_pending: int
    refunds_failed: int

    @property
    def finished(self) -> bool:
        return self.cancellation.finished_at is not None and self.refunds_pending == 0


def cancellation_progress(*, cancellation: SessionCancellation) -> CancellationProgress:
    ids = cancellation.registration_ids
    refunds = Refund.objects.filter(
        Q(payment__registration_id__in=ids) | Q(payment__group__session=cancellation.session_id),
        reason=Refund.Reason.SESSION_CANCELLED,
    ).aggregate(
        succeeded=Count("pk", filter=Q(status=Refund.Status.SUCCEEDED)),
        pending=Count("pk", filter=Q(status=Refund.Status.PENDING)),
        failed=Count("pk", filter=Q(status=Refund.Status.FAILED)),
    )
    return CancellationProgress(
        cancellation=cancellation,
        registrations_total=len(ids),
        registrations_cancelled=Registration.objects.filter(
            pk__in=ids, status=Registration.Status.CANCELLED
        ).count(),
        refunds_succeeded=refunds["succeeded"],
        refunds_pending=refunds["pending"],
        refunds_failed=refunds["failed"],
    )


@dataclass(frozen=True)
class MessageProgress:
    message: SessionMessage
    total: int
    sent: int


def session_messages(*, session: Session) -> list[MessageProgress]:
    messages = (
        SessionMessage.objects.filter(session=session)
        .select_related("sent_by")
        .annotate(
            total=Count("deliveries"),
            sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
        )
    )
    return [MessageProgress(message, message.total, message.sent) for message in messages]


def session_cancellation(*, session: Session) -> CancellationProgress | None:
    cancellation = SessionCancellation.objects.filter(session=session).first()
    return cancellation_progress(cancellation=cancellation) if cancellation else None
