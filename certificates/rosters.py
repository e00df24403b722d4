"""Rosters of completions for a licensing board: plain values in, rows out, no database
(certificates.services.roster_export_create reads the certificates and logs the export;
docs/certificates.md says it in words).

- The roster: one row per certificate with the person, license, dates, hours by category
  and the certificate serial.
- The CE Broker provider upload (its "simplified Excel" layout, no header row): A provider
  tracking number without "50-", B course tracking number without "20-", C own course ID,
  D publishing number (empty), E license number, F completion date, G "State=IL",
  H "Profession=<code>", and for partial credit I subject area code and J hours, one row per
  category earned. Full credit leaves I and J empty.
- A row whose license number is missing or malformed is refused, with the reason, for staff
  to fix and export again.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True)
class Completion:
    """One valid certificate as a roster reads it."""

    serial: str
    name: str
    license_type: str
    license_number: str
    license_state: str
    dates: Sequence[dt.date]
    hours: Mapping[str, Decimal]  # category code -> hours earned
    approved_hours: Mapping[str, Decimal] = field(default_factory=dict)
    course_number: str = ""  # the approval number
    course_id: str = ""  # our own id for the training

    @property
    def total(self) -> Decimal:
        return sum(self.hours.values(), ZERO)

    @property
    def partial(self) -> bool:
        return self.total < sum(self.approved_hours.values(), ZERO)


@dataclass(frozen=True)
class Refusal:
    serial: str
    name: str
    reason: str


def license_number_problem(number: str, pattern: str = "") -> str:
    """Why `number` cannot be reported ("" when it can): missing, no digit, or not matching
    the body's pattern."""
    number = (number or "").strip()
    if not number:
        return "no license number"
    if pattern:
        try:
            if not re.fullmatch(pattern, number):
                return f"license number {number} is not in the board's format"
        except re.error:
            return "the board's license number format is not a valid pattern (fix the body)"
    elif not any(c.isdigit() for c in number) or any(c.isspace() for c in number):
        return f"license number {number} does not look like one"
    return ""


def sort_completions(completions: Iterable[Completion]) -> list[Completion]:
    return sorted(completions, key=lambda c: (c.name.casefold(), c.serial))


def roster_header(categories: Mapping[str, str]) -> list[str]:
    return [
        "Name",
        "License type",
        "License number",
        "License state",
        "First date",
        "Last date",
        *[f"{label} hours" for label in categories.values()],
        "Total hours",
        "Certificate serial",
    ]


def roster_rows(completions: Iterable[Completion], categories: Mapping[str, str]) -> list[list]:
    """The plain roster: a header, then one row per completion; hours as numbers (Decimal),
    dates as dates. `categories` ({code: label}, print order) are the columns."""
    rows: list[list] = [roster_header(categories)]
    for c in sort_completions(completions):
        rows.append(
            [
                c.name,
                c.license_type,
                c.license_number,
                c.license_state,
                min(c.dates) if c.dates else None,
                max(c.dates) if c.dates else None,
                *[c.hours.get(code, ZERO) for code in categories],
                c.total,
                c.serial,
            ]
        )
    return rows


def _strip_prefix(number: str, prefix: str) -> str:
    number = (number or "").strip()
    return number[len(prefix) :] if number.startswith(prefix) else number


def ce_broker_rows(
    completions: Iterable[Completion],
    *,
    provider_number: str,
    profession_codes: Mapping[str, str],
    subject_codes: Mapping[str, str],
    license_pattern: str = "",
    partial_allowed: bool = True,
) -> tuple[list[list], list[Refusal]]:
    """(rows, refusals) for CE Broker's roster upload. A partial completion is reported per
    category with its subject area code (I) and hours (J) where the body allows partial
    credit; a category without a subject code, or a credential without a profession code,
    refuses the row rather than report something CE Broker would misread."""
    rows: list[list] = []
    refused: list[Refusal] = []
    for c in sort_completions(completions):
        problem = license_number_problem(c.license_number, license_pattern)
        profession = profession_codes.get(c.license_type, "")
        if not problem and not profession:
            problem = f"no CE Broker profession code for {c.license_type or 'no license'}"
        if not problem and c.partial and not partial_allowed:
            problem = "partial credit, which this board does not accept"
        missing = [code for code, h in c.hours.items() if h and code not in subject_codes]
        if not problem and c.partial and missing:
            problem = f"no CE Broker subject area code for {', '.join(missing)}"
        if problem:
            refused.append(Refusal(serial=c.serial, name=c.name, reason=problem))
            continue
        first = [
            _strip_prefix(provider_number, "50-"),
            _strip_prefix(c.course_number, "20-"),
            c.course_id,
            "",
            c.license_number.strip(),
            max(c.dates) if c.dates else None,
            f"State={c.license_state.strip().upper()}",
            f"Profession={profession}",
        ]
        if not c.partial:
            rows.append([*first, "", ""])
            continue
        for code, hours in c.hours.items():
            if hours:
                rows.append([*first, subject_codes[code], hours])
    return rows, refused


def reporting_days_left(*, last_date: dt.date, deadline_days: int, today: dt.date) -> int:
    """Days left to report a session that ended on `last_date` (negative: overdue)."""
    return (last_date + dt.timedelta(days=deadline_days) - today).days
