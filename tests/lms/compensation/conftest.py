import pytest

from lms.selectors_session_pay import session_reports_available

needs_session_reports = pytest.mark.skipif(
    not session_reports_available(),
    reason="session reports (the attendance issue) are not on this branch yet",
)
