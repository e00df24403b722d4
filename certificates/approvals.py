"""What a certificate says about the approvals a training holds: plain values in, plain values
out, no database (certificates.selectors reads the rows; docs/certificates.md says it in
words).

- The approval the certificate is issued for prints first, with its statement filled in.
- The training's other CE approvals are listed below it: first those that also cover the
  participant's own credential, then the rest, each group by body name.
- A body may not be accepted in some states; a participant licensed there is told.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from lms.rules.money import hours_text

ZERO = Decimal("0")


@dataclass(frozen=True)
class ApprovalFacts:
    """One approval of a training, as a certificate prints it."""

    key: int
    body: str
    provider_number: str
    approval_number: str
    valid_from: dt.date
    valid_until: dt.date
    hours_by_category: Mapping[str, Decimal]
    credentials: frozenset[str] = frozenset()
    statement_template: str = ""
    format_wording: str = ""
    not_accepted_in_states: tuple[str, ...] = ()
    is_certificate_of_attendance: bool = False

    @property
    def total_hours(self) -> Decimal:
        return sum(self.hours_by_category.values(), ZERO)


@dataclass(frozen=True)
class PrintedApproval:
    """One approval as printed: its words, numbers, period and hours lines."""

    body: str
    provider_number: str
    approval_number: str
    valid_from: dt.date
    valid_until: dt.date
    format_wording: str
    hours: list[tuple[str, Decimal]] = field(default_factory=list)  # (category label, hours)
    statement: str = ""
    covers_credential: bool = False

    @property
    def total_hours(self) -> Decimal:
        return sum((h for _label, h in self.hours), ZERO)

    def as_snapshot(self) -> dict:
        """JSON for Certificate.other_approvals."""
        return {
            "body": self.body,
            "provider_number": self.provider_number,
            "approval_number": self.approval_number,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "format": self.format_wording,
            "hours": [[label, str(hours)] for label, hours in self.hours],
            "covers_credential": self.covers_credential,
        }

    @classmethod
    def from_snapshot(cls, data: Mapping) -> "PrintedApproval":
        return cls(
            body=data["body"],
            provider_number=data.get("provider_number", ""),
            approval_number=data.get("approval_number", ""),
            valid_from=dt.date.fromisoformat(data["valid_from"]),
            valid_until=dt.date.fromisoformat(data["valid_until"]),
            format_wording=data.get("format", ""),
            hours=[(label, Decimal(hours)) for label, hours in data.get("hours", [])],
            covers_credential=bool(data.get("covers_credential")),
        )


def hours_lines(
    hours_by_category: Mapping[str, Decimal], labels: Mapping[str, str]
) -> list[tuple[str, Decimal]]:
    """[(label, hours)] for the categories with hours, in the order of `labels` (print order),
    then any category `labels` does not name."""
    known = [(labels[c], hours_by_category[c]) for c in labels if hours_by_category.get(c)]
    unknown = [(c, h) for c, h in hours_by_category.items() if h and c not in labels]
    return known + unknown


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def statement_fill(
    template: str,
    *,
    facts: ApprovalFacts,
    hours_by_category: Mapping[str, Decimal],
    labels: Mapping[str, str],
    presenters: Iterable[str] = (),
) -> str:
    """The body's approval statement with its placeholders filled in for one certificate:
    {provider_number} (also {sponsor_number}), {approval_number}, {valid_from}, {valid_until},
    {hours} (the certificate's total), {categories} ("general and ethics"), {format},
    {presenters}. An unknown placeholder prints as written; a stray brace never stops issuing."""
    lines = hours_lines(hours_by_category, labels)
    names = [label.lower() for label, _hours in lines]
    values = _Blank(
        provider_number=facts.provider_number,
        sponsor_number=facts.provider_number,
        approval_number=facts.approval_number,
        valid_from=f"{facts.valid_from:%B %-d, %Y}",
        valid_until=f"{facts.valid_until:%B %-d, %Y}",
        hours=hours_text(sum(hours_by_category.values(), ZERO)),
        categories=" and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names),
        format=facts.format_wording,
        presenters="; ".join(presenters),
    )
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


def printed_approval(
    facts: ApprovalFacts,
    *,
    labels: Mapping[str, str],
    credential: str = "",
    hours_by_category: Mapping[str, Decimal] | None = None,
    presenters: Iterable[str] = (),
) -> PrintedApproval:
    """`facts` as printed; `hours_by_category` are the hours earned (the approval's own when
    not given, as for the other approvals listed below the certificate's own)."""
    hours = facts.hours_by_category if hours_by_category is None else hours_by_category
    return PrintedApproval(
        body=facts.body,
        provider_number=facts.provider_number,
        approval_number=facts.approval_number,
        valid_from=facts.valid_from,
        valid_until=facts.valid_until,
        format_wording=facts.format_wording,
        hours=hours_lines(hours, labels),
        statement=statement_fill(
            facts.statement_template,
            facts=facts,
            hours_by_category=hours,
            labels=labels,
            presenters=presenters,
        ),
        covers_credential=bool(credential) and credential in facts.credentials,
    )


def approvals_in_print_order(
    approvals: Iterable[ApprovalFacts], *, credential: str, issued_for: int | None = None
) -> list[ApprovalFacts]:
    """The training's approvals in the order a certificate prints them: the one it is issued
    for (`issued_for`, a key) first; then the CE approvals covering `credential`; then the
    other CE approvals; each group by body name. Certificate-of-attendance approvals are
    listed only when issued for."""
    chosen = [a for a in approvals if a.key == issued_for]
    rest = [a for a in approvals if a.key != issued_for and not a.is_certificate_of_attendance]
    rest.sort(key=lambda a: (credential not in a.credentials or not credential, a.body, a.key))
    return chosen + rest


def states_notice(
    approvals: Iterable[ApprovalFacts], *, credential: str, license_state: str
) -> list[str]:
    """What a participant licensed in `license_state` with `credential` should know before
    registering: each approval covering their credential whose body their state does not
    accept, and whether another approval still covers them there."""
    state = (license_state or "").strip().upper()
    if not credential or not state:
        return []
    covering = [
        a for a in approvals if credential in a.credentials and not a.is_certificate_of_attendance
    ]
    refused = [a for a in covering if state in a.not_accepted_in_states]
    if not refused:
        return []
    accepted = [a for a in covering if state not in a.not_accepted_in_states]
    notices = [
        f"{a.body} approvals are not accepted by {state} licensing boards, so its "
        f"certificate will not count toward your {state} {credential} renewal."
        for a in refused
    ]
    if accepted:
        notices.append(
            f"This training is also approved by {', '.join(a.body for a in accepted)}, "
            f"which covers {credential}; check that your board accepts it."
        )
    else:
        notices.append(
            f"No other approval of this training covers {credential}; "
            "ask us before registering if you need the hours for your license."
        )
    return notices
