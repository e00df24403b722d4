"""Facilitators the plan asks for: the share of sessions led by facilitators from
historically marginalized communities (their own voluntary answers, the participants'
questions) and by facilitators with a lived-experience statement. Suppressed by the number
of facilitators, for the one period an equity breakdown may describe. Three queries."""

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from lms.models import ParticipantDemographics, Session, SessionFacilitator
from lms.models.demographics import RACE_ETHNICITY_CATEGORIES, WASHINGTON_GROUP_DOMAINS
from lms.rules.participation import group_count_shown, identifies_marginalized, share_percent
from lms.rules.suppression import THRESHOLD, equity_period
from lms.selectors.reports import Column, Report, ReportFilters, Table

ROWS = [
    ("marginalized", "Led by a facilitator from a historically marginalized community"),
    ("not_marginalized", "Led only by facilitators who answered and are not"),
    ("lived_experience", "Led by a facilitator with a lived-experience statement"),
    ("not_answered", "Led by facilitators who did not answer the voluntary questions"),
]


def facilitator_representation_report(filters: ReportFilters) -> Report:
    title = "Facilitator representation"
    period = equity_period(filters.start, filters.end, today=timezone.localdate())
    if period is None:
        return Report(
            "facilitators",
            title,
            [],
            notes=["No quarter of that year has ended yet: figures describe completed quarters."],
        )
    selection = ReportFilters(start=period.start, end=period.end)
    sessions = set(
        selection.sessions().exclude(status=Session.Status.CANCELLED).values_list("pk", flat=True)
    )
    assignments = list(
        SessionFacilitator.objects.filter(session_id__in=sessions).values_list(
            "session_id", "facilitator_id", "facilitator__user_id", "facilitator__lived_experience"
        )
    )
    users = {user for _s, _f, user, _l in assignments if user}
    race_fields = [name for name, _ in RACE_ETHNICITY_CATEGORIES]
    wg_fields = [name for name, _ in WASHINGTON_GROUP_DOMAINS]
    answers = {
        row["person_id"]: identifies_marginalized(
            race_categories={name for name in race_fields if row[name]},
            race_prefer_not=row["race_prefer_not"],
            difficulties=[
                row[name] for name in wg_fields if row[name] and row[name] != "prefer_not"
            ],
        )
        for row in ParticipantDemographics.objects.filter(Q(person_id__in=users)).values(
            "person_id", "race_prefer_not", *race_fields, *wg_fields
        )
    }
    facilitator_group = {}
    for _session, facilitator, user, lived in assignments:
        facilitator_group[facilitator] = {
            "answer": answers.get(user) if user else None,
            "lived": bool((lived or "").strip()),
        }
    by_session: dict[int, list[dict]] = {}
    for session, facilitator, _user, _lived in assignments:
        by_session.setdefault(session, []).append(facilitator_group[facilitator])
    session_total = len(by_session)
    facilitator_total = len(facilitator_group)

    def in_row(key, group):
        return {
            "marginalized": group["answer"] is True,
            "not_marginalized": group["answer"] is False,
            "lived_experience": group["lived"],
            "not_answered": group["answer"] is None,
        }[key]

    table = Table(
        "facilitators",
        "Sessions by who led them",
        [
            Column("Sessions", "text"),
            Column("Sessions led"),
            Column("Share of sessions", "percent"),
            Column("Facilitators"),
        ],
        chart_column=2,
        suppressed=True,
    )
    for key, label in ROWS:
        if key == "not_marginalized":
            led = sum(
                1 for groups in by_session.values() if all(g["answer"] is False for g in groups)
            )
        elif key == "not_answered":
            led = sum(
                1 for groups in by_session.values() if all(g["answer"] is None for g in groups)
            )
        else:
            led = sum(1 for groups in by_session.values() if any(in_row(key, g) for g in groups))
        people = group_count_shown(
            sum(1 for g in facilitator_group.values() if in_row(key, g)), facilitator_total
        )
        shown = led if people is not None else None
        table.rows.append([label, shown, share_percent(shown, session_total), people])
    table.total = [
        "All sessions delivered",
        session_total,
        None,
        facilitator_total if facilitator_total >= THRESHOLD or facilitator_total == 0 else None,
    ]
    span = f"{date_format(period.start, 'F j, Y')} to {date_format(period.end, 'F j, Y')}"
    return Report(
        "facilitators",
        title,
        [table],
        notes=[
            f"Sessions (not cancelled) starting from {span}, the completed quarters of "
            f"{period.year}; the training, topic and format filters are not applied.",
            "A facilitator is from a historically marginalized community when their own "
            "voluntary answers (the questions participants answer, at /my/demographics/) name "
            "a race or ethnicity other than White only, or a disability (Washington Group "
            "cut-off). A lived-experience statement is the one they chose to publish.",
            f"A row is hidden when fewer than {THRESHOLD} facilitators are in it, or fewer "
            f"than {THRESHOLD} are not, so that no facilitator can be singled out; sessions "
            "can be led by several facilitators, so rows overlap.",
        ],
    )
