"""Side effects run after commit: a django-q2 task is queued only if the change was saved.

If the broker does not answer (Redis down), the task is not lost and the request does not
fail: it is written to the outbox (`DeferredTask`) and `task_outbox_drain`, scheduled every
minute, queues it once the broker is back (docs/operations.md). Tasks are safe to run twice,
so a task queued twice by a drain interrupted half-way does no harm.
"""

import logging

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: str, *args, **options) -> None:
    """Queue the django-q2 task `task` (a dotted path) with ids as arguments, after commit.

    `options` are django-q2's own (`group`, `task_name`), kept as they are.
    """
    transaction.on_commit(lambda: _enqueue_or_defer(task, args, options))


def _enqueue_or_defer(task: str, args: tuple, options: dict) -> None:
    if settings.Q_CLUSTER.get("sync"):
        _enqueue(task, args, options)  # runs the task here: its errors are not the broker's
        return
    try:
        _enqueue(task, args, options)
    except _broker_errors() as exc:
        _defer(task, args, options, exc)


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


def _defer(task: str, args: tuple, options: dict, exc: Exception) -> None:
    from lms.models import DeferredTask

    logger.warning("task queue unreachable, %s kept in the outbox: %s", task, exc)
    DeferredTask.objects.create(
        task=task,
        args=list(args),
        options=options,
        attempts=1,
        last_error=f"{type(exc).__name__}: {exc}"[:300],
    )


def task_outbox_drain(*, limit: int = 500) -> int:
    """Queue the tasks kept while the broker was down, oldest first. Returns how many went.

    Stops at the first failure (the broker is still down) and leaves the rest for the next
    run. Rows are locked with SKIP LOCKED on PostgreSQL so two drains never send one row twice.
    """
    from lms.models import DeferredTask

    sent = 0
    with transaction.atomic():
        rows = DeferredTask.objects.select_for_update(skip_locked=True).order_by("pk")[:limit]
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
