"""Shared fixtures. Feature fixtures live in tests/fixtures/ and are loaded as plugins."""

import copy
import uuid

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import StaffFactory

pytest_plugins = [
    "tests.fixtures.stripe",
    "tests.fixtures.payments",
    "tests.fixtures.browser",
    "tests.fixtures.stripe_connect",
]


def pytest_collection_modifyitems(config, items):
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def staff_client(client):
    """The test client, signed in as a member of Program staff."""
    client.force_login(StaffFactory(groups=["Program staff"]))
    return client


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads and PDFs to its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # Each test gets its own cache namespace, so rate-limit counters never carry over from an
    # earlier test. (With REDIS_URL the cache is Redis, which also holds the django-q2 broker:
    # a new key prefix isolates the test without flushing the database.)
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _english_to_start():
    # A request under /es/ leaves Spanish active in the thread (as a server thread would until
    # its next request); each test starts in the default language, as a task or command does.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
