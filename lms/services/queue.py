"""Side effects queued with the change they belong to: a task is never lost to a crash.

With Redis as the broker, each task is first written to the outbox (`DeferredTask`) inside
the transaction of its change, so the two commit or roll back together; after the commit it
is sent to Redis and its row deleted. A web process that dies between its commit and that
send leaves the row, and `task_outbox_drain` (scheduled every minute) queues it; so does a
Redis that does not answer. With the ORM broker (the embedded default) the broker's own
queue table is in the same database, so the task is queued inside the transaction directly.
Tasks are safe to run twice, so a task queued by both the commit hook and a drain does no harm.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# A row younger than this may still be on its way from its own commit hook: the drain leaves it.
OUTBOX_GRACE = dt.timedelta(seconds=30)


def enqueue_on_commit(task: str, *args, **options) -> None:
    """Queue the django-q2 task `task` (a dotted path) with ids as arguments, with the change
    being saved: it runs only if the surrounding transaction commits, and is not lost if
    this process dies right after the commit.

    `options` are django-q2's own (`group`, `task_name`), kept as they are.
    """
    q_cluster = settings.Q_CLUSTER
    if q_cluster.get("sync"):
        # Runs the task here, after commit, so it sees what was saved; its errors are its own.
        transaction.on_commit(lambda: _enqueue(task, args, options))
    elif q_cluster.get("orm"):
        _enqueue(task, args, options)  # the queue row commits or rolls back with the change
    else:
        from lms.models import DeferredTask

        row = DeferredTask.objects.create(task=task, args=list(args), options=options)
        transaction.on_commit(lambda: _send(row.pk, task, args, options))


def _send(pk: int, task: str, args: tuple, options: dict) -> None:
    """After commit: hand the outbox row's task to the broker and forget the row."""
    from lms.models import DeferredTask

    try:
        _enqueue(task, args, options)
    except _broker_errors() as exc:
        logger.warning("task queue unreachable, %s kept in the outbox: %s", task, exc)
        DeferredTask.objects.filter(pk=pk).update(
            attempts=1, last_error=f"{type(exc).__name__}: {exc}"[:300]
        )
        return
    DeferredTask.objects.filter(pk=pk).delete()


def _broker_errors() -> tuple[type[Exception], ...]:
    """What an unreachable Redis raises. The ORM broker's errors are the database's own:
    the outbox lives in that same database, so they are not caught."""
    from redis.exceptions import RedisError

    return (RedisError, OSError)


def _enqueue(task: str, args, options: dict) -> None:
    from django_q.tasks import async_task

    if settings.Q_CLUSTER.get("orm") and not settings.Q_CLUSTER.get("sync"):
        # The ORM broker closes the database connection before every enqueue made outside a
        # transaction (django-q2 calls close_old_connections); inside one it just inserts.
        # On SQLite each close also checkpoints the WAL: about 8 ms saved per task.
        with transaction.atomic():
            async_task(task, *args, **options)
    else:
        async_task(task, *args, **options)


def task_outbox_drain(*, limit: int = 500) -> int:
    """Queue the tasks kept while the broker was down, oldest first. Returns how many went.

    Rows younger than OUTBOX_GRACE are left to their own commit hook. Stops at the first
    failure (the broker is still down) and leaves the rest for the next run. Rows are locked
    with SKIP LOCKED on PostgreSQL so two drains never send one row twice.
    """
    from lms.models import DeferredTask

    sent = 0
    with transaction.atomic():
        rows = (
            DeferredTask.objects.select_for_update(skip_locked=True)
            .filter(created_at__lte=timezone.now() - OUTBOX_GRACE)
            .order_by("pk")[:limit]
        )
        for row in rows:
            try:
                _enqueue(row.task, row.args, row.options)
            except _broker_errors() as exc:
                DeferredTask.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:300]
                )
                logger.warning("task outbox: queue still unreachable: %s", exc)
                break
            row.delete()
            sent += 1
    if sent:
        logger.info("task outbox: %d deferred tasks queued", sent)
    return sent
