"""Shared fixtures. Feature fixtures live in tests/fixtures/ and are loaded as plugins."""

import pytest
from django.conf import settings

pytest_plugins = [
    "tests.fixtures.stripe",
    "tests.fixtures.payments",
    "tests.fixtures.browser",
    "tests.fixtures.stripe_connect",
]


def pytest_collection_modifyitems(config, items):
    # A transactional test (browser, concurrency) empties the database when it ends, taking
    # the rows migrations created (groups, the Wagtail root page, 1099 thresholds) with it.
    # Serialized rollback reloads them before each such test, so test order does not matter.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    # Django keeps the serialized rollback data on the connection object, but connections are
    # per context, and Playwright's sync API runs later tests in another context with fresh
    # connection objects. Keep the data on the class so every connection object has it.
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            type(connection)._test_serialized_contents = connection._test_serialized_contents


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads and PDFs to its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"
