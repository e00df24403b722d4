"""Partner surveys: what an answer to each kind of question may be, and what partners ask
for beside what is offered. Pure: values in, answers out."""

from dataclasses import dataclass
from decimal import Decimal

from lms.errors import DomainError
from lms.rules.participation import share_percent

SCALE = range(1, 6)
TEXT_MAX = 2000


@dataclass(frozen=True)
class CleanAnswer:
    choices: tuple[str, ...] = ()
    number: int | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.choices and self.number is None and not self.text


def answer_clean(
    *, kind: str, raw, allowed: list[str], required: bool, question: str
) -> CleanAnswer:
    """An answer checked against its question: `raw` is a string (single, scale, text) or a
    list of strings (multiple, topics); `allowed` the choices (topic slugs for topics).
    Raises DomainError naming the question."""
    values = [v for v in (raw if isinstance(raw, list | tuple) else [raw]) if v not in (None, "")]
    if kind in ("single", "multiple", "topics"):
        values = [str(v) for v in values]
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise DomainError(f"“{question}”: choose from the choices given.")
        if kind == "single" and len(values) > 1:
            raise DomainError(f"“{question}”: choose one.")
        answer = CleanAnswer(choices=tuple(dict.fromkeys(values)))
    elif kind == "scale":
        number = None
        if values:
            try:
                number = int(values[0])
            except (TypeError, ValueError):
                number = 0
            if number not in SCALE:
                raise DomainError(f"“{question}”: choose a number from 1 to 5.")
        answer = CleanAnswer(number=number)
    elif kind == "text":
        text = str(values[0]).strip() if values else ""
        if len(text) > TEXT_MAX:
            raise DomainError(f"“{question}”: at most {TEXT_MAX} characters, please.")
        answer = CleanAnswer(text=text)
    else:
        raise ValueError(f"unknown question kind {kind!r}")
    if required and answer.empty:
        raise DomainError(f"“{question}” needs an answer.")
    return answer


@dataclass(frozen=True)
class TopicDemand:
    topic: str
    requested: int
    sessions_offered: int
    seats_filled: int
    capacity: int

    @property
    def fill_rate(self) -> Decimal | None:
        return share_percent(self.seats_filled, self.capacity)

    @property
    def under_offered(self) -> bool:
        """Asked for, and either nothing offered or what is offered fills up (90% or more)."""
        if not self.requested:
            return False
        return self.sessions_offered == 0 or (self.fill_rate or 0) >= 90


def demand_order(rows: list[TopicDemand]) -> list[TopicDemand]:
    """Most requested first; among equals the fuller offer, then by name."""
    return sorted(rows, key=lambda r: (-r.requested, -(r.fill_rate or 0), r.topic))
