"""Table tests for lms.rules.surveys."""

from decimal import Decimal

import pytest

from lms.errors import DomainError
from lms.rules.surveys import CleanAnswer, TopicDemand, answer_clean, demand_order

CHOICES = ["Monthly", "Quarterly", "Yearly"]


@pytest.mark.parametrize(
    ("kind", "raw", "allowed", "required", "answer"),
    [
        ("single", "Monthly", CHOICES, True, CleanAnswer(choices=("Monthly",))),
        ("single", "", CHOICES, False, CleanAnswer()),
        (
            "multiple",
            ["Monthly", "Yearly", "Monthly"],
            CHOICES,
            False,
            CleanAnswer(choices=("Monthly", "Yearly")),
        ),
        ("multiple", [], CHOICES, False, CleanAnswer()),
        (
            "topics",
            ["ethics", "supervision"],
            ["ethics", "supervision"],
            True,
            CleanAnswer(choices=("ethics", "supervision")),
        ),
        ("scale", "4", [], True, CleanAnswer(number=4)),
        ("scale", "", [], False, CleanAnswer()),
        ("text", "  More evening sessions  ", [], False, CleanAnswer(text="More evening sessions")),
        ("text", "", [], False, CleanAnswer()),
    ],
)
def test_answers_accepted(kind, raw, allowed, required, answer):
    assert (
        answer_clean(kind=kind, raw=raw, allowed=allowed, required=required, question="Q") == answer
    )


@pytest.mark.parametrize(
    ("kind", "raw", "allowed", "required", "message"),
    [
        ("single", "Weekly", CHOICES, False, "choose from the choices given"),
        ("single", ["Monthly", "Yearly"], CHOICES, False, "choose one"),
        ("multiple", ["Monthly", "Daily"], CHOICES, False, "choose from the choices given"),
        ("topics", ["billing"], ["ethics"], False, "choose from the choices given"),
        ("scale", "6", [], False, "from 1 to 5"),
        ("scale", "0", [], False, "from 1 to 5"),
        ("scale", "four", [], False, "from 1 to 5"),
        ("text", "x" * 2001, [], False, "at most 2000"),
        ("single", "", CHOICES, True, "needs an answer"),
        ("multiple", [], CHOICES, True, "needs an answer"),
        ("scale", "", [], True, "needs an answer"),
        ("text", "   ", [], True, "needs an answer"),
    ],
)
def test_answers_refused_naming_the_question(kind, raw, allowed, required, message):
    with pytest.raises(DomainError) as caught:
        answer_clean(kind=kind, raw=raw, allowed=allowed, required=required, question="How often?")
    assert message in caught.value.message and "How often?" in caught.value.message


@pytest.mark.parametrize(
    ("row", "fill_rate", "under_offered"),
    [
        (TopicDemand("Ethics", 12, 0, 0, 0), None, True),
        (TopicDemand("Ethics", 12, 2, 36, 40), Decimal("90.0"), True),
        (TopicDemand("Ethics", 12, 2, 20, 40), Decimal("50.0"), False),
        (TopicDemand("Ethics", 0, 0, 0, 0), None, False),
        (TopicDemand("Ethics", 0, 3, 60, 60), Decimal("100.0"), False),
    ],
)
def test_topic_demand(row, fill_rate, under_offered):
    assert row.fill_rate == fill_rate
    assert row.under_offered is under_offered


def test_demand_order():
    rows = [
        TopicDemand("B", 3, 1, 5, 10),
        TopicDemand("A", 3, 1, 5, 10),
        TopicDemand("C", 3, 1, 9, 10),
        TopicDemand("D", 7, 0, 0, 0),
    ]
    assert [r.topic for r in demand_order(rows)] == ["D", "C", "A", "B"]
