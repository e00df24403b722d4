"""The task outbox drain (tasks queued while the broker was down)."""


def task_outbox_drain() -> int:
    """Queue the tasks kept while the broker was down (scheduled every minute)."""
    from lms.services.queue import task_outbox_drain as drain

    return drain()
