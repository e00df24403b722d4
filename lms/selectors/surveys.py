"""Reads for partner surveys: a survey's aggregated results (breakdowns by organization
group suppressed), and what partners ask for beside what the catalogue offers."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from lms.models import (
    EventKind,
    Registration,
    Session,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    Topic,
)
from lms.rules.participation import share_percent
from lms.rules.suppression import THRESHOLD, suppress_table
from lms.rules.surveys import TopicDemand, demand_order
from lms.selectors.reports import Column, Report, ReportFilters, Table

GROUPINGS = [
    (
        "led_by_underrepresented",
        "Organization led by people from historically underrepresented communities",
    ),
    ("budget_under_5m", "Organization's annual budget under $5M"),
]
GROUP_VALUES = [("yes", "Yes"), ("no", "No"), ("", "Not reported")]


@dataclass
class Breakdown:
    title: str
    columns: list[str]
    rows: list[tuple[str, list[int | None]]]


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    rows: list[tuple[str, int, Decimal | None]] = field(default_factory=list)
    average: Decimal | None = None
    texts: list[str] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    answered: int
    questions: list[QuestionResult]


def _options(question: SurveyQuestion, topics: dict[str, str]) -> list[tuple[str, str]]:
    Kind = SurveyQuestion.Kind
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        return [(c, c) for c in question.choice_list]
    if question.kind == Kind.TOPICS:
        return list(topics.items())
    if question.kind == Kind.SCALE:
        return [(str(n), str(n)) for n in range(1, 6)]
    return []


def survey_results(*, survey: Survey) -> SurveyResults:
    """Counts per choice (share of those who answered the question), the scale's average,
    free texts (sorted, without names), and per organization group a choice × group table
    with small-cell suppression. Three queries."""
    invitations = survey.invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    topics = dict(Topic.objects.order_by("name").values_list("slug", "name"))
    answers = list(
        SurveyAnswer.objects.filter(response__survey=survey).values(
            "question_id",
            "choices",
            "number",
            "text",
            "response__led_by_underrepresented",
            "response__budget_under_5m",
        )
    )
    results = []
    for question in survey.questions.all():
        mine = [a for a in answers if a["question_id"] == question.pk]
        result = QuestionResult(question=question, answered=len(mine))
        if question.kind == SurveyQuestion.Kind.TEXT:
            result.texts = sorted(a["text"] for a in mine if a["text"])
            results.append(result)
            continue

        def picked(answer, scale=question.kind == SurveyQuestion.Kind.SCALE):
            if scale:
                return [str(answer["number"])] if answer["number"] else []
            return answer["choices"]

        counts = Counter(value for a in mine for value in picked(a))
        options = _options(question, topics)
        result.rows = [
            (label, counts[value], share_percent(counts[value], len(mine)))
            for value, label in options
        ]
        if question.kind == SurveyQuestion.Kind.SCALE and mine:
            numbers = [a["number"] for a in mine if a["number"]]
            if numbers:
                result.average = (Decimal(sum(numbers)) / len(numbers)).quantize(
                    Decimal("0.01"), ROUND_HALF_UP
                )
        for key, title in GROUPINGS:
            cells = [
                [
                    sum(1 for a in mine if value in picked(a) and a[f"response__{key}"] == group)
                    for group, _ in GROUP_VALUES
                ]
                for value, _ in options
            ]
            if not cells:
                continue
            if question.kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.SCALE):
                shown = suppress_table(cells)
                rows = [(label, row) for (_, label), row in zip(options, shown.cells, strict=True)]
            else:
                # Several choices per person: the rows overlap and have no meaningful sum, so
                # each cell is protected on its own (a count under the threshold is hidden).
                rows = [
                    (label, [None if 0 < v < THRESHOLD else v for v in row])
                    for (_, label), row in zip(options, cells, strict=True)
                ]
            result.breakdowns.append(
                Breakdown(title=title, columns=[label for _, label in GROUP_VALUES], rows=rows)
            )
        results.append(result)
    return SurveyResults(
        survey=survey,
        invited=invitations["invited"],
        answered=invitations["answered"],
        questions=results,
    )


def partner_requests_report(filters: ReportFilters) -> Report:
    """Topics partners asked to be trained on (topic questions answered in the period) beside
    the CE sessions offered on each topic in the period and their fill rate."""
    answers = SurveyAnswer.objects.filter(question__kind=SurveyQuestion.Kind.TOPICS)
    if filters.start:
        answers = answers.filter(response__submitted_on__gte=filters.start)
    if filters.end:
        answers = answers.filter(response__submitted_on__lte=filters.end)
    requested = Counter(
        slug for choices in answers.values_list("choices", flat=True) for slug in choices
    )
    sessions = (
        Session.objects.filter(filters.period_q("starts_at"), training__kind=EventKind.CE_TRAINING)
        .exclude(status=Session.Status.CANCELLED)
        .annotate(
            filled=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            )
        )
        .values("pk", "capacity", "filled", "training__topics__slug")
    )
    offered: dict[str, list] = {}
    for row in sessions:
        slug = row["training__topics__slug"]
        if slug:
            offered.setdefault(slug, []).append(row)
    rows = [
        TopicDemand(
            topic=name,
            requested=requested.get(slug, 0),
            sessions_offered=len(offered.get(slug, [])),
            seats_filled=sum(r["filled"] for r in offered.get(slug, [])),
            capacity=sum(r["capacity"] for r in offered.get(slug, [])),
        )
        for slug, name in Topic.objects.order_by("name").values_list("slug", "name")
    ]
    table = Table(
        "requests",
        "Topics partners ask for, beside what is offered",
        [
            Column("Topic", "text"),
            Column("Times requested"),
            Column("CE sessions offered"),
            Column("Seats filled"),
            Column("Seats offered"),
            Column("Fill rate", "percent"),
            Column("Asked for and short of offer", "text"),
        ],
    )
    for row in demand_order(rows):
        table.rows.append(
            [
                row.topic,
                row.requested,
                row.sessions_offered,
                row.seats_filled,
                row.capacity,
                row.fill_rate,
                "Yes" if row.under_offered else "",
            ]
        )
    return Report(
        "partner-requests",
        "What partners ask for",
        [table],
        notes=[
            "Times requested: how many survey answers chose the topic in a “topics to train on "
            "next” question, by the day they were sent. Sessions: CE trainings on the topic "
            "starting in the period, not cancelled; fill rate is confirmed seats over capacity.",
            "“Short of offer” marks a topic asked for with nothing offered, or whose sessions "
            "are 90% full or more.",
        ],
    )
