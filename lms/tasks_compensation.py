"""Old home of some tasks, kept so tasks queued before the move still run: see lms/tasks/moved.py."""


def __getattr__(name: str):
    from lms.tasks.moved import moved_task

    return moved_task(__name__, name)
