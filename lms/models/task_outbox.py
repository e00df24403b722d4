"""Tasks that could not reach the broker. Writes go through lms.services.queue."""

from django.db import models


class DeferredTask(models.Model):
    """A django-q2 task owed by a change, written in the change's own transaction (Redis broker).

    Deleted once the task reaches the broker after the commit. A row that stays means the
    process died before that or the broker did not answer: `task_outbox_drain` (scheduled
    every minute) queues it and deletes the row.
    """

    task = models.CharField(max_length=200, help_text="Dotted path of the django-q2 task.")
    args = models.JSONField(default=list, help_text="Positional arguments (ids).")
    options = models.JSONField(default=dict, help_text="django-q2 options (group, task_name).")
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Failed enqueues so far.")
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
