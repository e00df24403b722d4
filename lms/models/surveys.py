"""Partner surveys: questions staff build in the admin, sent to an audience, answered once
per person, anonymously or by name as each survey says (lms.services.surveys).

The one-response rule is the database's: `SurveyInvitation` is unique per survey and person
and records *that* the person answered (`answered_at`); the answers are a `SurveyResponse`,
which names the person only on a named survey. An anonymous response keeps just the groups
of the respondent's organization (for suppressed breakdowns), never who or which one.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from lms.models.state import StateMachine


def new_survey_token() -> str:
    return secrets.token_urlsafe(16)


class Survey(StateMachine, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open: sent, taking answers"
        CLOSED = "closed", "Closed"

    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    class Audience(models.TextChoices):
        PARTNER_CONTACTS = "partner_contacts", "Contacts of coalition partner organizations"
        EVERYONE = "everyone", "Everyone with an account"
        PARTICIPANTS = "participants", "People who attended a training or event in a period"

    title = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text="Why the coalition asks, and what it will do with the answers."
    )
    anonymous = models.BooleanField(
        default=True,
        help_text="Anonymous: answers are kept without the person's name or organization "
        "(only its groups, for suppressed breakdowns). Respondents are told which it is.",
    )
    audience = models.CharField(
        max_length=20, choices=Audience.choices, default=Audience.PARTNER_CONTACTS
    )
    period_start = models.DateField(
        null=True, blank=True, help_text="For participants of a period: the first day."
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="For participants of a period: the last day."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("anonymous"),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        InlinePanel("questions", label="Questions", min_num=1),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start"))
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True),
                name="survey_period_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class SurveyQuestion(Orderable):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        SCALE = "scale", "Scale, 1 to 5"
        TEXT = "text", "Free text"
        TOPICS = "topics", "Topics to train on next (the catalogue's topics)"

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    choices = models.TextField(
        blank=True, help_text="For single and multiple choice: one choice per line."
    )
    required = models.BooleanField(default=False)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class SurveyInvitation(models.Model):
    """One person asked to answer; `answered_at` is set once, when they answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=32, unique=True, default=new_survey_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="one_invitation_per_person")
        ]

    def __str__(self):
        return f"{self.person} – {self.survey}"

    def get_absolute_url(self):
        return reverse("lms:survey_answer", args=[self.token])


class SurveyResponse(models.Model):
    """One person's answers. `person` only on a named survey (the invitation's unique
    constraint is the one-response rule, also for anonymous ones); the organization's groups
    are copied for breakdowns: "yes", "no" or "" (not reported)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    led_by_underrepresented = models.CharField(max_length=3, blank=True)
    budget_under_5m = models.CharField(max_length=3, blank=True)
    submitted_on = models.DateField(
        help_text="The day answered; on an anonymous survey the day it opened, so the "
        "response cannot be matched to the day someone answered."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=models.Q(person__isnull=False),
                name="one_named_response_per_person",
            )
        ]

    def __str__(self):
        return f"Response to {self.survey}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    choices = models.JSONField(
        default=list, blank=True, help_text="Chosen choices (text), or topic slugs."
    )
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_survey_answer_per_question"
            )
        ]

    def __str__(self):
        return f"Answer to {self.question}"
