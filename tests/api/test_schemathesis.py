"""Schemathesis against the OpenAPI schema the API serves: generated requests (valid and
not) to every operation, with an organization's key holding every scope, answered through
the real WSGI application. No answer may be a server error, and each must match the schema
(status code documented, content type and body as described). Hypothesis keeps the number
of examples per operation bounded so `make test` stays quick."""

import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.api.conftest import ALL_SCOPES

MAX_EXAMPLES = 15


def served_schema() -> dict:
    """The document /api/schema/ serves (tests/api/test_public.py fetches it over HTTP too),
    built here at collection time, before any database is open."""
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(served_schema())
schema.app = application  # requests go through the whole WSGI application


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Generated requests come fast from one address: no limit gets in their way here
    # (tests/api/test_keys.py tests the limits).
    settings.API_KEY_REQUESTS_PER_MINUTE = 100_000
    settings.API_PUBLIC_REQUESTS_PER_MINUTE = 100_000
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 100_000


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI application, not through Django's test client, so
    its end-of-request hook would close the database connection the test's transaction is
    on (PostgreSQL: "the connection is closed"). Do what the test client does: unhook it."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def key_header(world, issue_key):
    return {"Authorization": f"Bearer {issue_key(world.a, ALL_SCOPES)}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_answer_outside_the_schema(case, key_header):
    case.call_and_validate(
        headers=key_header,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
