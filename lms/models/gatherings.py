"""Sign-in sheets of gatherings: who came, read from a CSV staff upload, previewed, then
applied by lms.services.gatherings (people, organizations, registrations, attendance)."""

from django.conf import settings
from django.db import models


class SignInSheet(models.Model):
    """One uploaded sheet for one meeting. `applied_at` is empty until staff apply the preview;
    `outcome` then says, per line, whom it matched or created."""

    meeting = models.ForeignKey(
        "lms.Meeting", on_delete=models.PROTECT, related_name="sign_in_sheets"
    )
    file_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="The CSV as uploaded.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"Sign-in sheet {self.file_name or self.pk} – {self.meeting}"
