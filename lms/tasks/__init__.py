"""django-q2 tasks, one module per domain. Each takes ids, loads fresh rows and calls a
service; each is safe to run twice. Old dotted names (``lms.tasks.holds_expire``) still
resolve: see lms/tasks/moved.py."""


def __getattr__(name: str):
    from lms.tasks.moved import moved_task

    return moved_task(__name__, name)
