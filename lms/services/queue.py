"""Side effects run after commit: a django-q2 task is queued only if the change was saved."""

from django.db import transaction


def enqueue_on_commit(task: str, *args) -> None:
    """Queue the django-q2 task `task` (a dotted path) with ids as arguments, after commit."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(task, *args))
