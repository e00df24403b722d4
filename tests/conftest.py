"""Shared fixtures. Feature fixtures live in tests/fixtures/ and are loaded as plugins."""

import pytest
from django.conf import settings

pytest_plugins = [
    "tests.fixtures.stripe",
    "tests.fixtures.payments",
    "tests.fixtures.browser",
    "tests.fixtures.migration_data",
]


def pytest_collection_modifyitems(config, items):
    if settings.IS_POSTGRES:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads and PDFs to its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    # A transactional test's flush (and serialized rollback) can give content types new ids;
    # the manager's process-wide cache must not hand the next test the old ones.
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
