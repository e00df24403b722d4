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
