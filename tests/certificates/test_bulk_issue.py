"""Bulk issue for a session: progress, failures listed, nothing twice, resumable."""

import os
import signal

import pytest
from django.conf import settings
from django.db import connection

from certificates.models import BulkIssueRun, Certificate
from certificates.services import bulk_issue_start
from certificates.tasks import bulk_issue_run
from tests.fixtures.processes import qcluster, shared_database_url
from tests.fixtures.waiting import wait_until

from .helpers import certified_session, restore_reference_rows


def _assert_one_each(session, expected):
    valid = Certificate.objects.filter(registration__session=session, status="valid")
    per_registration = {}
    for c in valid:
        per_registration.setdefault((c.registration_id, c.approval_id), []).append(c)
    assert len(per_registration) == expected
    assert all(len(v) == 1 for v in per_registration.values())
    numbers = sorted(int(c.serial.rsplit("-", 1)[1]) for c in valid)
    assert numbers == list(range(numbers[0], numbers[0] + expected))  # no gaps, no reuse
    assert all(c.pdf and c.emailed_at for c in valid)


@pytest.mark.django_db
def test_bulk_issue_lists_failures_and_a_second_run_issues_nothing(
    admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    session, _approval, _registrations = certified_session(participants=3)
    absent, *_ = certified_session(participants=1, attend=False)[2]
    absent.session = session
    absent.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = bulk_issue_start(session=session, by=admin_user)  # the task runs sync in tests
    run.refresh_from_db()
    assert (run.status, run.total, run.processed, run.issued) == ("done", 4, 4, 3)
    [failure] = run.failures
    assert failure["registration"] == absent.pk
    assert "did not attend the meeting" in failure["error"]
    _assert_one_each(session, 3)
    assert len(mailoutbox) == 3
    title = session.training.title
    assert {message.subject for message in mailoutbox} == {f"Your certificate for “{title}”"}
    assert all(message.alternatives for message in mailoutbox)  # text and HTML

    with django_capture_on_commit_callbacks(execute=True):
        again = bulk_issue_start(session=session, by=admin_user)
    again.refresh_from_db()
    assert again.status == "done" and again.issued == 3
    _assert_one_each(session, 3)
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_a_run_stopped_partway_resumes_without_duplicates_or_losses(admin_user, mailoutbox):
    session, _approval, _registrations = certified_session(participants=6)
    run = BulkIssueRun.objects.create(session=session, started_by=admin_user)
    bulk_issue_run(run.pk, limit=2)
    run.refresh_from_db()
    assert (run.status, run.processed, run.total) == ("running", 2, 6)
    assert Certificate.objects.count() == 2
    bulk_issue_run(run.pk)
    run.refresh_from_db()
    assert (run.status, run.processed) == ("done", 6)
    _assert_one_each(session, 6)
    assert len(mailoutbox) == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_qcluster_worker_is_resumed_without_duplicates(admin_user):
    """A real django-q2 cluster (the suite's broker: Redis when REDIS_URL is set, else the
    ORM; the test database) is killed with SIGKILL in the middle of a session, then a new
    cluster is started and the run queued again (what staff do by issuing again): it
    finishes with one certificate each, none twice, none missing.

    The Redis broker does not redeliver a task its worker took (no acknowledgement), so the
    run is queued again here; the ORM broker would redeliver it after Q_CLUSTER["retry"]."""
    from django_q.tasks import async_task

    restore_reference_rows()
    session, _approval, _registrations = certified_session(participants=12)
    run = BulkIssueRun.objects.create(session=session, started_by=admin_user)
    env = {"DATABASE_URL": shared_database_url(), "REDIS_URL": settings.REDIS_URL or None}
    with qcluster(**env) as process:
        async_task("certificates.tasks.bulk_issue_run", run.pk, sync=False)
        wait_until(
            lambda: Certificate.objects.count() >= 3,
            timeout=300,
            interval=0.2,
            process=process,
            what="the worker to issue its first certificates",
        )
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    connection.close()
    run.refresh_from_db()
    stopped_at = Certificate.objects.count()
    assert run.status == "running" and stopped_at < 12

    with qcluster(**env) as process:
        async_task("certificates.tasks.bulk_issue_run", run.pk, sync=False)
        wait_until(
            lambda: BulkIssueRun.objects.get(pk=run.pk).status == "done",
            timeout=300,
            process=process,
            reconnect=True,
            what="the restarted worker to finish the run",
        )
    _assert_one_each(session, 12)


@pytest.mark.django_db
def test_a_stalled_run_is_queued_again_and_finishes(
    admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    """A run whose task died partway (no progress for BULK_ISSUE_STALLED_MINUTES) is queued
    again by the every-2-minutes sweep; a run making progress and a finished one are not."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from certificates.tasks import bulk_issue_resume_stalled

    session, _approval, _registrations = certified_session(participants=6)
    busy_session, *_ = certified_session(participants=1)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        stalled = BulkIssueRun.objects.create(session=session, started_by=admin_user)
        bulk_issue_run(stalled.pk, limit=2)  # the worker died after two
        done = BulkIssueRun.objects.create(session=busy_session, status="done")
    with time_machine.travel(now + dt.timedelta(minutes=4), tick=False):
        busy = BulkIssueRun.objects.create(session=busy_session, started_by=admin_user)
        BulkIssueRun.objects.filter(pk=busy.pk).update(
            status="running", heartbeat_at=timezone.now()
        )
    with time_machine.travel(now + dt.timedelta(minutes=6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert bulk_issue_resume_stalled() == 1  # the task runs sync in tests
        with django_capture_on_commit_callbacks(execute=True):
            assert bulk_issue_resume_stalled() == 0  # finished now; nothing to resume

    stalled.refresh_from_db()
    assert (stalled.status, stalled.processed, stalled.total) == ("done", 6, 6)
    _assert_one_each(session, 6)
    assert len(mailoutbox) == 6
    busy.refresh_from_db()
    done.refresh_from_db()
    assert (busy.status, done.status) == ("running", "done")
