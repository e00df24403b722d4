"""Technical-assistance (TA) requests: participants and partner organizations ask for help
putting a training into practice. Writes go through lms.services.technical_assistance."""

from django.conf import settings
from django.db import models

from lms.models.state import StateMachine


class TechnicalAssistanceRequest(StateMachine, models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"

    TRANSITIONS = {
        Status.NEW: {Status.ASSIGNED, Status.CLOSED},
        Status.ASSIGNED: {Status.IN_PROGRESS, Status.CLOSED, Status.NEW},
        Status.IN_PROGRESS: {Status.CLOSED, Status.ASSIGNED},
        Status.CLOSED: {Status.IN_PROGRESS},  # reopened
    }

    class Urgency(models.TextChoices):
        ROUTINE = "routine", "Routine – within a month"
        SOON = "soon", "Soon – within two weeks"
        URGENT = "urgent", "Urgent – this week"

    class Contact(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"

    topic = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technical_assistance_requests",
    )
    requester_name = models.CharField(max_length=200)
    requester_email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    organization = models.ForeignKey(
        "lms.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_name = models.CharField(max_length=200, blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    preferred_contact = models.CharField(
        max_length=10, choices=Contact.choices, default=Contact.EMAIL
    )
    training = models.ForeignKey(
        "lms.Training",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technical_assistance_requests",
        help_text="The training that prompted the request, if any.",
    )
    evaluation_response = models.OneToOneField(
        "lms.EvaluationResponse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="technical_assistance_request",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_technical_assistance_requests",
        help_text="The staff member answering it.",
    )
    staff_note = models.TextField(
        blank=True, help_text="Included in the email to the requester when the state changes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "technical-assistance request"

    def __str__(self):
        return f"TA #{self.pk}: {self.topic}"
