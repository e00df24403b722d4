"""Errors as RFC 9457 problem details (`application/problem+json`).

Every refusal of the API has the same shape: `type`, `title`, `status`, `detail`,
`instance` (the path asked), plus `errors` (field: messages) for a request that does not
validate and `reasons` when a business rule gives several. A business rule's refusal (an
`lms.errors.DomainError` from a service) is 422 with the service's own words."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from lms.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
REFUSED = "urn:coalition-ce:problem:refused"
INVALID = "urn:coalition-ce:problem:invalid-request"
RATE_LIMITED = "urn:coalition-ce:problem:rate-limited"


class Refused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "That is not allowed."
    default_code = "refused"

    def __init__(self, error: DomainError):
        super().__init__(error.message)
        self.reasons = list(error.reasons)


def problem_response(
    *, status_code: int, title: str, detail: str, instance: str, type_: str = "about:blank", **extra
) -> Response:
    body = {"type": type_, "title": title, "status": status_code, "detail": detail}
    body["instance"] = instance
    body.update({name: value for name, value in extra.items() if value})
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat = {}
        for field, value in detail.items():
            for name, messages in _flatten(value).items():
                flat[f"{field}.{name}" if name else str(field)] = messages
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {"": [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            for name, messages in _flatten(item).items():
                flat[f"{index}.{name}" if name else str(index)] = messages
        return flat
    return {"": [str(detail)]}


def problem_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        exc = Refused(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Nothing was found here.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    extra: dict = {}
    type_ = "about:blank"
    title = response.status_text
    if isinstance(exc, exceptions.ValidationError):
        type_, title = INVALID, "The request is not valid"
        extra["errors"] = {
            name or "non_field_errors": m for name, m in _flatten(exc.detail).items()
        }
        detail = "; ".join(
            f"{name}: {' '.join(messages)}" if name else " ".join(messages)
            for name, messages in _flatten(exc.detail).items()
        )
    elif isinstance(exc, Refused):
        type_, title = REFUSED, "Refused by a coalition rule"
        detail = str(exc.detail)
        extra["reasons"] = exc.reasons
    elif isinstance(exc, exceptions.Throttled):
        type_, title = RATE_LIMITED, "Too many requests"
        detail = "Too many requests with this key or from this address; wait a minute."
    else:
        detail = str(exc.detail)
    problem = problem_response(
        status_code=response.status_code,
        title=title,
        detail=detail,
        instance=request.get_full_path(),
        type_=type_,
        **extra,
    )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="A URI naming the kind of problem.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(help_text="The path that was asked.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For an invalid request: field name to messages.",
    )
    reasons = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="When a rule gives several."
    )


def problems(*codes: int) -> dict:
    """extend_schema `responses` entries: each status as a problem document."""
    return {(code, PROBLEM_CONTENT_TYPE): ProblemSerializer for code in codes}
