"""Reads for evaluations: whether one is done (certificates ask this) and aggregate results.

Results are aggregates only and only from EVALUATION_MIN_RESPONSES responses on; comments are
listed without names, sorted, never beside the rest of the respondent's answers."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count

from lms.models import Evaluation, EvaluationAnswer, EvaluationQuestion, EvaluationResponse


def evaluation_for_training(*, training) -> Evaluation | None:
    return Evaluation.objects.filter(training=training).first()


def evaluation_done(*, registration) -> bool:
    """True once this registration has submitted its training's evaluation."""
    return EvaluationResponse.objects.filter(registration=registration).exists()


def evaluation_requirement_met(*, registration) -> bool:
    """What certificate issue asks: True when no evaluation is required, or it is done."""
    evaluation = evaluation_for_training(training=registration.session.training)
    if evaluation is None or not evaluation.required_for_certificate:
        return True
    return evaluation_done(registration=registration)


@dataclass
class QuestionResult:
    question: EvaluationQuestion
    average: float | None = None
    distribution: list[int] = field(default_factory=list)  # counts of 1..5
    yes: int = 0
    no: int = 0
    comments: list[str] = field(default_factory=list)


@dataclass
class EvaluationResults:
    evaluation: Evaluation
    responses: int
    shown: bool
    questions: list[QuestionResult] = field(default_factory=list)


def evaluation_results(*, evaluation: Evaluation, session=None) -> EvaluationResults:
    """Aggregates for a training (or one session of it). `shown` is False, with no figures,
    while there are fewer responses than EVALUATION_MIN_RESPONSES."""
    responses = EvaluationResponse.objects.filter(evaluation=evaluation)
    if session is not None:
        responses = responses.filter(registration__session=session)
    count = responses.count()
    minimum = settings.EVALUATION_MIN_RESPONSES
    result = EvaluationResults(evaluation=evaluation, responses=count, shown=count >= minimum)
    if not result.shown:
        return result
    answers = EvaluationAnswer.objects.filter(response__in=responses)
    ratings = {
        row["question_id"]: row
        for row in answers.filter(rating__isnull=False)
        .values("question_id")
        .annotate(average=Avg("rating"), count=Count("pk"))
    }
    distribution = {}
    for row in (
        answers.filter(rating__isnull=False).values("question_id", "rating").annotate(n=Count("pk"))
    ):
        distribution.setdefault(row["question_id"], [0] * 5)[row["rating"] - 1] = row["n"]
    yes_no = {}
    for row in (
        answers.filter(yes__isnull=False).values("question_id", "yes").annotate(n=Count("pk"))
    ):
        yes_no.setdefault(row["question_id"], {True: 0, False: 0})[row["yes"]] = row["n"]
    comments = {}
    for question_id, text in answers.exclude(text="").values_list("question_id", "text"):
        comments.setdefault(question_id, []).append(text)
    for question in evaluation.questions.all():
        item = QuestionResult(question=question)
        if question.pk in ratings:
            item.average = round(float(ratings[question.pk]["average"]), 2)
            item.distribution = distribution.get(question.pk, [0] * 5)
        if question.pk in yes_no:
            item.yes, item.no = yes_no[question.pk][True], yes_no[question.pk][False]
        item.comments = sorted(comments.get(question.pk, []), key=str.casefold)
        result.questions.append(item)
    return result
