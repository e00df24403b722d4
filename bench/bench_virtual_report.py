"""Zoom report import at the row limit: 5,000 rows (300 participants, rejoins, guests) for
one meeting, through the real service (parse, match, save, merge into attendance).

Prints parse-only time, full import time, rows per second and queries, on SQLite and, when
available, PostgreSQL.
"""

import os

from bench.harness import run_child_on_each_database

PEOPLE = 300
ROWS = 5000


def build_csv(start) -> bytes:
    import datetime as dt

    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    row = 0
    while row < ROWS:
        for n in range(PEOPLE):
            if row >= ROWS:
                break
            piece = row // PEOPLE  # each person rejoins several times, overlapping a little
            joined = start + dt.timedelta(minutes=piece * 12 - 2)
            left = joined + dt.timedelta(minutes=14)
            guest = n % 10 == 0
            email = "" if guest else f"person{n}@agency{n % 40}.org"
            lines.append(
                f"Person {n} Demo,{email},{joined:%m/%d/%Y %I:%M:%S %p},{left:%m/%d/%Y %I:%M:%S %p},14,"
                f"{'Yes' if guest else 'No'}"
            )
            row += 1
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def run_child():
    import time

    import django

    django.setup()
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.models import Meeting, Registration, Session, Training, User
    from lms.services.virtual_reports import virtual_report_import, virtual_report_parse

    start = dt.datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    training = Training.objects.create(
        title="Bench", slug=f"bench-{os.getpid()}", summary="x", duration_minutes=195
    )
    session = Session.objects.create(training=training, format="virtual", capacity=PEOPLE)
    meeting = Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(minutes=195)
    )
    users = User.objects.bulk_create(
        User(email=f"person{n}@agency{n % 40}.org", first_name=f"Person {n}", last_name="Demo")
        for n in range(PEOPLE)
    )
    Registration.objects.bulk_create(
        Registration(session=session, person=user, status="confirmed") for user in users
    )
    data = build_csv(start)
    # Warm up (imports, Wagtail's log-action registry) on a small file for another meeting, as
    # a running server would be.
    warm = Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(minutes=195)
    )
    small = b"\r\n".join(data.split(b"\r\n")[:50]) + b"\r\n"
    virtual_report_import(meeting=warm, data=small, file_name="warm.csv", by=None)
    began = time.perf_counter()
    parsed = virtual_report_parse(data, time_zone="America/Chicago", max_rows=ROWS)
    parse_seconds = time.perf_counter() - began
    assert not parsed.errors and len(parsed.rows) == ROWS
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        virtual_report_import(meeting=meeting, data=data, file_name="bench.csv", by=None)
        import_seconds = time.perf_counter() - began
    print(
        f"  file {len(data) / 1024:.0f} KB, {ROWS} rows, {PEOPLE} participants\n"
        f"  parse only:   {parse_seconds * 1000:7.0f} ms  ({ROWS / parse_seconds:,.0f} rows/s)\n"
        f"  full import:  {import_seconds * 1000:7.0f} ms  ({ROWS / import_seconds:,.0f} rows/s), "
        f"{len(queries)} queries"
    )


def main():
    run_child_on_each_database("bench.bench_virtual_report")
