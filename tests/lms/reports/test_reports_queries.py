"""Every report runs the same number of queries on small and on larger data: the figures
are aggregated by the database, never by a Python loop that queries per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.selectors.reports import REPORTS, ReportFilters, headline_indicators

from . import report_data

pytestmark = pytest.mark.django_db

FILTER_SETS = [ReportFilters(), ReportFilters(format="virtual")]


def query_counts() -> dict:
    counts = {}
    for filters in FILTER_SETS:
        for slug, build in REPORTS.items():
            with CaptureQueriesContext(connection) as queries:
                report = build(filters)
            counts[(slug, filters)] = len(queries)
            assert report.tables
        with CaptureQueriesContext(connection) as queries:
            headline_indicators(filters, with_revenue=True)
        counts[("headline", filters)] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data():
    report_data.all_data()
    small = query_counts()
    for tag in ("-2", "-3", "-4"):
        report_data.all_data(tag=tag)
    assert query_counts() == small
    # The headline panel is the largest: participation, TA, value, and money received by
    # date (card payments, invoice payments, refunds: one query each).
    assert max(small.values()) <= 7
