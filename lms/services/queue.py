"""Side effects run after commit: a django-q2 task is queued only if the change was saved."""

from django.conf import settings
from django.db import transaction


def enqueue_on_commit(task: str, *args) -> None:
    """Queue the django-q2 task `task` (a dotted path) with ids as arguments, after commit."""
    transaction.on_commit(lambda: _enqueue(task, *args))


def _enqueue(task: str, *args) -> None:
    from django_q.tasks import async_task

    if settings.Q_CLUSTER.get("orm") and not settings.Q_CLUSTER.get("sync"):
        # The ORM broker closes the database connection before every enqueue made outside a
        # transaction (django-q2 calls close_old_connections); inside one it just inserts.
        # On SQLite each close also checkpoints the WAL: about 8 ms saved per task.
        with transaction.atomic():
            async_task(task, *args)
    else:
        async_task(task, *args)
