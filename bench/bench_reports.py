"""Staff reports on a large data set: `manage.py seed_load --registrations N` (N from
BENCH_REPORTS_REGISTRATIONS, default 100,000), then each report's time and query count,
unfiltered and filtered (last 12 months, virtual sessions), on SQLite and, when available,
PostgreSQL. Prints the median of 3 runs after one warm-up run.
"""

import os
import subprocess
import sys
import time

from bench.harness import ROOT, bench_env, manage, postgres_url, scratch_sqlite_url

REGISTRATIONS = int(os.environ.get("BENCH_REPORTS_REGISTRATIONS", "100000"))
RUNS = 3


def run_child():
    import datetime as dt
    import statistics

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from lms.selectors.reports import REPORTS, ReportFilters, headline_indicators

    today = timezone.localdate()
    filter_sets = {
        "all time": ReportFilters(),
        "12 months, virtual": ReportFilters(
            start=today - dt.timedelta(days=365), end=today, format="virtual"
        ),
    }
    builds = dict(REPORTS)
    builds["dashboard panel"] = lambda filters: headline_indicators(filters, with_revenue=True)
    for label, filters in filter_sets.items():
        print(f"  {label}:")
        for slug, build in builds.items():
            build(filters)  # warm-up
            times = []
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    build(filters)
                    times.append(time.perf_counter() - began)
            print(
                f"    {slug:<22} {statistics.median(times) * 1000:8.0f} ms"
                f"  ({len(queries)} queries)",
                flush=True,
            )


def main():
    targets = [("SQLite", scratch_sqlite_url())]
    pg = postgres_url("coalition_bench_reports")
    if pg:
        targets.append(("PostgreSQL", pg))
    for label, url in targets:
        env = bench_env(url)
        manage(env, "migrate", "--noinput")
        began = time.perf_counter()
        manage(env, "seed_load", "--registrations", str(REGISTRATIONS))
        print(
            f"{label}: seed_load --registrations {REGISTRATIONS:,} took "
            f"{time.perf_counter() - began:.0f} s",
            flush=True,
        )
        if url.startswith("postgres"):
            manage(env, "dbshell", "--", "-c", "ANALYZE")
        subprocess.run(
            [sys.executable, "-c", "from bench.bench_reports import run_child; run_child()"],
            cwd=ROOT,
            env=env,
            check=True,
        )
