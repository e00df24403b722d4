"""django-q2 tasks for certificates. They take ids and are safe to run again: a resumed or
repeated run skips what is already issued, rendered and emailed."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import BulkIssueRun
from certificates.services import (
    CertificateError,
    certificates_email,
    registration_certificates_issue,
    session_registrations,
)
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit


def certificates_email_send(certificate_ids: list[int]) -> None:
    """Email the certificates not yet emailed (a resend marks one so)."""
    certificates_email(certificate_ids=certificate_ids)


def bulk_issue_run(run_id: int, limit: int | None = None) -> int:
    """Issue the session's certificates, recording progress on the run after each
    registration. `limit` stops after that many registrations (the run stays "running" and a
    later call resumes it). A finished run is not run again."""
    run = BulkIssueRun.objects.select_related("session", "started_by").get(pk=run_id)
    registrations = list(session_registrations(run.session))
    with transaction.atomic():
        locked = BulkIssueRun.objects.select_for_update().get(pk=run_id)
        if locked.status == BulkIssueRun.Status.DONE:
            return locked.issued  # a repeated task: nothing left to do
        if locked.status == BulkIssueRun.Status.QUEUED:
            locked.transition_to(BulkIssueRun.Status.RUNNING)  # else resumed: still running
        locked.total, locked.processed, locked.failures = len(registrations), 0, []
        locked.heartbeat_at = timezone.now()
        locked.save(update_fields=["status", "total", "processed", "failures", "heartbeat_at"])
    failures, issued = [], 0
    for index, registration in enumerate(registrations, start=1):
        if limit is not None and index > limit:
            return issued
        try:
            certificates = registration_certificates_issue(
                registration=registration, by=run.started_by
            )
            issued += len(certificates)
        except CertificateError as error:
            failures.append(
                {
                    "registration": registration.pk,
                    "name": str(registration.person),
                    "error": str(error),
                }
            )
        except Exception as error:  # one bad row must not stop the session
            failures.append(
                {
                    "registration": registration.pk,
                    "name": str(registration.person),
                    "error": f"unexpected error: {error}",
                }
            )
        BulkIssueRun.objects.filter(pk=run.pk).update(
            processed=index, issued=issued, failures=failures, heartbeat_at=timezone.now()
        )
    with transaction.atomic():
        locked = BulkIssueRun.objects.select_for_update().get(pk=run_id)
        if locked.status != BulkIssueRun.Status.DONE:  # another task on this run may finish first
            locked.transition_to(BulkIssueRun.Status.DONE)
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "finished_at"])
    return issued


def bulk_issue_resume_stalled() -> int:
    """Queue again the runs whose task died (a worker killed or lost with its broker), seen
    by no progress for BULK_ISSUE_STALLED_MINUTES. Scheduled every 2 minutes (certificates
    0006). Running a run twice is safe: every step skips what is done."""
    cutoff = timezone.now() - dt.timedelta(minutes=settings.BULK_ISSUE_STALLED_MINUTES)
    unfinished = [BulkIssueRun.Status.QUEUED, BulkIssueRun.Status.RUNNING]
    resumed = 0
    with transaction.atomic():
        stalled = BulkIssueRun.objects.select_for_update(skip_locked=True).filter(
            status__in=unfinished, created_at__lt=cutoff
        )
        for run in stalled.exclude(heartbeat_at__gte=cutoff):
            # Claim it: the heartbeat keeps the next sweep off while the new task starts.
            BulkIssueRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
            audit_log(
                instance=run,
                action="certificates.bulk_issue.resume",
                user=None,
                data={"processed": run.processed, "total": run.total},
            )
            enqueue_on_commit(
                "certificates.tasks.bulk_issue_run", run.pk, task_name=f"certs-{run.pk}-resume"
            )
            resumed += 1
    return resumed
