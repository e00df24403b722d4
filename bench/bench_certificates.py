"""Bulk certificate issue for one session of 500 participants through the real task path
(eligibility, serial under lock, snapshot, WeasyPrint PDF stored, email), against bare
WeasyPrint rendering of the same 500 pages in the same run.

Prints the total, median per certificate, the ratio task / bare rendering and peak memory
(max RSS). SQLite scratch database; BENCH_CERTIFICATES=N for a smaller run.
"""

import itertools
import os
import subprocess
import sys

from bench.harness import ROOT, bench_env, manage, scratch_sqlite_url

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "500"))


def run_child():
    import resource
    import statistics
    import time

    import django

    django.setup()
    import datetime as dt
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from certificates.models import AccreditingBody, BulkIssueRun, Certificate, TrainingApproval
    from certificates.services import certificate_context
    from certificates.tasks import bulk_issue_run
    from lms.documents import static_files_fetcher
    from lms.models import AttendanceRecord, Meeting, Profile, Registration, Session, Training, User

    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
    training = Training.objects.create(
        title="Bench: Trauma-Informed Supervision", slug="bench", summary="x", duration_minutes=180
    )
    session = Session.objects.create(
        training=training, format="in_person", capacity=COUNT, venue_name="Hall", city="Springfield"
    )
    meeting = Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(minutes=180)
    )
    body = AccreditingBody.objects.get(slug="il-social-work")
    approval = TrainingApproval.objects.create(
        training=training,
        body=body,
        approval_number="APP-1",
        sponsor_number="159.001234",
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )
    approval.hours_set({"general": Decimal("2"), "ethics": Decimal("1")})
    approval.credentials.set(body.credentials.all())
    users = User.objects.bulk_create(
        User(email=f"p{n}@agency.org", first_name=f"Person{n}", last_name="Bench")
        for n in range(COUNT)
    )
    Profile.objects.bulk_create(
        Profile(
            user=u, printed_name=f"Person{n} Bench", license_type="LSW", license_number=f"150.{n}"
        )
        for n, u in enumerate(users)
    )
    registrations = Registration.objects.bulk_create(
        Registration(session=session, person=u, status="confirmed") for u in users
    )
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            registration=r,
            meeting=meeting,
            arrived_at=meeting.starts_at,
            left_at=meeting.ends_at,
            minutes_present=180,
            source="manual",
        )
        for r in registrations
    )
    # Warm-up as a running worker would be: fonts loaded, templates compiled.
    warm = BulkIssueRun.objects.create(session=session)
    bulk_issue_run(warm.pk, limit=3)
    Certificate.objects.all().delete()

    run = BulkIssueRun.objects.create(session=session)
    began = time.perf_counter()
    bulk_issue_run(run.pk)
    task_seconds = time.perf_counter() - began
    certificates = list(Certificate.objects.order_by("pk"))
    assert len(certificates) == COUNT, len(certificates)
    stamps = [c.issued_at for c in certificates]
    per_certificate = [(b - a).total_seconds() for a, b in itertools.pairwise(stamps)]
    rss_after_task = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    base_url = settings.SITE_URL + "/"
    pages = [
        render_to_string(
            "pdf/certificate.html", {"pdf_base_url": base_url, **certificate_context(c)}
        )
        for c in certificates
    ]
    began = time.perf_counter()
    bare = []
    for html in pages:
        t = time.perf_counter()
        HTML(
            string=html, base_url=base_url, url_fetcher=static_files_fetcher(base_url=base_url)
        ).write_pdf()
        bare.append(time.perf_counter() - t)
    bare_seconds = time.perf_counter() - began
    ratio = task_seconds / bare_seconds
    print(
        f"  {COUNT} certificates, one session (SQLite)\n"
        f"  task path:     {task_seconds:7.1f} s total, median {statistics.median(per_certificate) * 1000:5.0f} ms per certificate\n"
        f"  bare WeasyPrint:{bare_seconds:6.1f} s total, median {statistics.median(bare) * 1000:5.0f} ms per page\n"
        f"  ratio task / bare: {ratio:.2f} (product overhead {100 * (ratio - 1):.0f}%)\n"
        f"  peak memory (max RSS): {rss_after_task / 1024:.0f} MB after the task, "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB at the end"
    )


def main():
    env = bench_env(scratch_sqlite_url(), Q_SYNC="1")
    manage(env, "migrate", "--noinput")
    print("Certificates:", flush=True)
    subprocess.run(
        [sys.executable, "-c", "from bench.bench_certificates import run_child; run_child()"],
        cwd=ROOT,
        env=env,
        check=True,
    )


if __name__ == "__main__":
    main()
