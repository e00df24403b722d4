"""Technical-assistance requests: creation and the staff queue's state changes.

Every change emails the requester (lms.tasks.technical_assistance.ta_request_email) and is logged."""

from django.db import transaction
from django.utils import timezone

from lms.errors import DomainError
from lms.models import TechnicalAssistanceRequest
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit

Status = TechnicalAssistanceRequest.Status


class TechnicalAssistanceError(DomainError):
    """A change the queue does not allow; the message is for staff."""


def ta_request_check_change(*, current: str, status: str, owner) -> None:
    """Raise a DomainError if moving from `current` to `status` with `owner` is not allowed
    (the model's table, then the owner rule). No writes: the admin form calls it to show the
    error beside the field before the service runs."""
    if status != current:
        TechnicalAssistanceRequest.transition_check(current, status)
    if status in (Status.ASSIGNED, Status.IN_PROGRESS) and owner is None:
        raise TechnicalAssistanceError("Choose an owner before assigning or starting the request.")


def _notify(request: TechnicalAssistanceRequest, event: str):
    # The state and note go with the task: the email tells of this change even if a later
    # one has happened by the time a worker sends it.
    args = (request.pk, event, request.status, request.staff_note)
    enqueue_on_commit("lms.tasks.technical_assistance.ta_request_email", *args)


def ta_request_create(
    *,
    topic: str,
    requester_name: str,
    requester_email: str,
    details: str = "",
    requester=None,
    phone: str = "",
    organization=None,
    organization_name: str = "",
    urgency: str = TechnicalAssistanceRequest.Urgency.ROUTINE,
    preferred_contact: str = TechnicalAssistanceRequest.Contact.EMAIL,
    training=None,
    evaluation_response=None,
) -> TechnicalAssistanceRequest:
    with transaction.atomic():
        if evaluation_response is not None:
            existing = TechnicalAssistanceRequest.objects.filter(
                evaluation_response=evaluation_response
            ).first()
            if existing:
                return existing
        request = TechnicalAssistanceRequest.objects.create(
            topic=topic.strip()[:200],
            details=details.strip(),
            requester=requester,
            requester_name=requester_name.strip()[:200],
            requester_email=requester_email.strip().lower(),
            phone=phone.strip(),
            organization=organization,
            organization_name=(organization_name or (organization.name if organization else ""))[
                :200
            ],
            urgency=urgency,
            preferred_contact=preferred_contact,
            training=training,
            evaluation_response=evaluation_response,
        )
        audit_log(
            instance=request,
            action="lms.ta_request.create",
            user=requester,
            data={"from_evaluation": evaluation_response is not None},
        )
        _notify(request, "created")
    return request


def ta_request_change(
    *, request: TechnicalAssistanceRequest, status: str, owner, note: str = "", by
) -> TechnicalAssistanceRequest:
    """Move a request in the queue and/or give it an owner. Lock, check, act, log, email."""
    with transaction.atomic():
        request = TechnicalAssistanceRequest.objects.select_for_update().get(pk=request.pk)
        if request.status == status and request.owner_id == (owner.pk if owner else None):
            return request  # nothing changed: no email, no log
        ta_request_check_change(current=request.status, status=status, owner=owner)
        before = {"status": request.status, "owner": request.owner_id}
        if status != request.status:
            request.transition_to(status)
        request.owner = owner
        request.staff_note = note
        request.closed_at = timezone.now() if status == Status.CLOSED else None
        request.save()
        audit_log(
            instance=request,
            action="lms.ta_request.change",
            user=by,
            data={"before": before, "status": status, "owner": owner.pk if owner else None},
        )
        _notify(request, "changed")
    return request
