"""How a page shows a refusal: one way for every domain error (lms.errors.DomainError).

Views catch DomainError, not the service's own subclass, so a refused transition or a rule
from another service called on the way shows the same way as the service's own refusals.
"""

from django.contrib import messages
from django.http import JsonResponse

from lms.errors import DomainError


def domain_error_show(request, error: DomainError, *, form=None) -> None:
    """Each line of the refusal on the form (above its fields) when there is one, else as an
    error message on the next page shown."""
    for line in error.lines:
        if form is not None:
            form.add_error(None, line)
        else:
            messages.error(request, line)


def domain_error_json(error: DomainError) -> JsonResponse:
    """The refusal for the page's script (the card form): 400 with the message."""
    return JsonResponse({"status": "error", "message": error.message}, status=400)
