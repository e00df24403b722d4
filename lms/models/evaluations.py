"""Training evaluations tied to learning objectives, and participants' responses.

Results are shown in aggregate only (lms.selectors.evaluations); a response's answers are
never shown with the respondent's name.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class Evaluation(ClusterableModel):
    training = models.OneToOneField(
        "lms.Training", on_delete=models.PROTECT, related_name="evaluation"
    )
    introduction = models.TextField(
        blank=True, help_text="Shown above the questions, for example why the answers matter."
    )
    required_for_certificate = models.BooleanField(
        default=False, help_text="Participants must submit it before their certificate is issued."
    )

    panels = [
        FieldPanel("training"),
        FieldPanel("introduction"),
        FieldPanel("required_for_certificate"),
        InlinePanel("questions", label="Questions", min_num=1),
    ]

    class Meta:
        ordering = ["training__title"]

    def __str__(self):
        return f"Evaluation: {self.training}"


class EvaluationQuestion(Orderable):
    class Kind(models.TextChoices):
        RATING = "rating", "Rating, 1 to 5"
        COMMENT = "comment", "Open comment"
        YES_NO = "yes_no", "Yes or no"

    class Purpose(models.TextChoices):
        GENERAL = "general", "General"
        OBJECTIVE = "objective", "Learning objective"
        ORGANIZATION_VALUE = "organization_value", "Value to the organization (indicator)"
        TECHNICAL_ASSISTANCE = (
            "technical_assistance",
            "Wants technical assistance (opens a request)",
        )

    evaluation = ParentalKey(Evaluation, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RATING)
    purpose = models.CharField(max_length=30, choices=Purpose.choices, default=Purpose.GENERAL)
    learning_objective = models.CharField(
        max_length=300, blank=True, help_text="For learning-objective questions: the objective."
    )
    required = models.BooleanField(default=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("purpose"),
        FieldPanel("learning_objective"),
        FieldPanel("required"),
    ]

    def __str__(self):
        return self.text


class EvaluationResponse(models.Model):
    """A participant's submitted evaluation: one per registration."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="responses")
    registration = models.OneToOneField(
        "lms.Registration", on_delete=models.PROTECT, related_name="evaluation_response"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    wants_technical_assistance = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"Evaluation response #{self.pk}"


class EvaluationAnswer(models.Model):
    response = models.ForeignKey(
        EvaluationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        EvaluationQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    yes = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"Answer to {self.question}"


class EvaluationInvitation(models.Model):
    """Sent once per registration after the session's last meeting."""

    registration = models.OneToOneField(
        "lms.Registration", on_delete=models.PROTECT, related_name="evaluation_invitation"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Evaluation invitation for registration #{self.registration_id}"
