import pytest

from lms.selectors_session_pay import session_reports_available


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    # W-9s and statement PDFs go to a per-test private folder.
    storages = {**settings.STORAGES}
    storages["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
    }
    settings.STORAGES = storages


needs_session_reports = pytest.mark.skipif(
    not session_reports_available(),
    reason="session reports (the attendance issue) are not on this branch yet",
)
