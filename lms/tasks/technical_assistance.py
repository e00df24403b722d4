"""Tasks for technical assistance: emails on each change."""

from lms.models import TechnicalAssistanceRequest
from lms.services import emails


def ta_request_email(request_id: int, event: str, status: str | None = None, note: str = ""):
    request = TechnicalAssistanceRequest.objects.select_related("owner", "training").get(
        pk=request_id
    )
    # The email tells the status and note of the change that queued it, even if a later
    # change has been saved since (the row is only read here).
    emails.email_ta_request_update(
        request=request, event=event, status=status or request.status, note=note
    )
