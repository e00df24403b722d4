"""The plan's participation indicators: attendance at gatherings by quarter and event kind,
and the organizations taking part in each gathering kind by underrepresented group, beside
the coalition's partner organizations as a whole (lms.admin.reports lists the report).

An organization attended when one of its people has an attendance record (checked in, the
virtual report, a sign-in sheet) at a meeting: the registration's organization (on whose
behalf they came), else the person's profile organization. Groups come from what the
organization reported, counted only when reported within the last year
(lms.rules.participation.self_report_current); older answers count as "not reported".

Queries: one for the attendance table, one for who attended which kind each quarter, one for
the organizations' groups (participants and the coalition's partners together), whatever
the number of quarters, kinds or organizations.
"""

import datetime as dt

from django.db.models import BooleanField, Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from lms.models import AttendanceRecord, BudgetBand, EventKind, Organization, Registration
from lms.models.catalogue import GATHERING_KINDS
from lms.models.demographics import LEADERSHIP_GROUPS, Answer
from lms.rules.participation import (
    Quarter,
    group_count_shown,
    quarter_of,
    quarters_of_year,
    self_report_cutoff,
    share_percent,
)
from lms.rules.suppression import THRESHOLD, suppress_counts
from lms.selectors.reports import Column, Report, ReportFilters, Table

PLURALS = {
    EventKind.LAC_MEETING: "LAC meetings",
    EventKind.ADVOCACY_DAY: "Advocacy days",
    EventKind.HHS_COALITION: "HHS Coalition meetings",
    EventKind.COMMUNITY_OF_PRACTICE: "Community-of-practice sessions",
    EventKind.WEBINAR: "Webinars without CE",
}
NOT_REPORTED = "Not reported, or reported more than a year ago"
SMALL_BUDGET = [BudgetBand.UNDER_500K, BudgetBand.FROM_500K_TO_5M]


def _attendances():
    """Attendance records that count (present, confirmed registration), with the person's
    organization: on whose behalf they came, else their profile's."""
    return AttendanceRecord.objects.filter(
        arrived_at__isnull=False, registration__status=Registration.Status.CONFIRMED
    ).annotate(
        organization_id=Coalesce(
            F("registration__organization_id"), F("registration__person__profile__organization_id")
        ),
        kind=F("meeting__session__training__kind"),
    )


def _in_period(records, start: dt.date, end: dt.date):
    zone = timezone.get_current_timezone()
    return records.filter(
        meeting__starts_at__gte=dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        meeting__starts_at__lt=dt.datetime.combine(
            end + dt.timedelta(days=1), dt.time.min, tzinfo=zone
        ),
    )


def attendance_counts(*, start: dt.date, end: dt.date, kinds=None) -> dict:
    """{"people", "organizations", "sessions"} attending gatherings of `kinds` (LAC meetings
    by default) from `start` to `end`: the admin home panel's figure."""
    records = _in_period(_attendances(), start, end).filter(
        kind__in=kinds or [EventKind.LAC_MEETING]
    )
    return records.aggregate(
        people=Count("registration__person", distinct=True),
        organizations=Count("organization_id", distinct=True),
        sessions=Count("meeting__session", distinct=True),
    )


def _group_flags(today: dt.date) -> dict:
    """Each group as a boolean annotation on Organization; "not reported" ones included."""
    cutoff = self_report_cutoff(today)
    leadership_current = Q(self_report__leadership_reported_on__gt=cutoff)
    budget_current = Q(budget_band_reported_on__gt=cutoff) & ~Q(budget_band="")
    sector_current = Q(self_report__sub_sector_reported_on__gt=cutoff) & ~Q(sub_sector="")
    flags = {
        "led_by_underrepresented": leadership_current
        & Q(self_report__led_by_underrepresented=Answer.YES),
        **{
            name: leadership_current & Q(**{f"self_report__{name}": True})
            for name, _ in LEADERSHIP_GROUPS
        },
        "leadership_not_reported": ~leadership_current,
        "budget_under_5m": budget_current & Q(budget_band__in=SMALL_BUDGET),
        "budget_not_reported": ~budget_current,
        **{
            f"sector_{value}": sector_current & Q(sub_sector=value)
            for value in Organization.SubSector.values
        },
        "sector_not_reported": ~sector_current,
    }
    return {
        key: Case(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())
        for key, q in flags.items()
    }


LEADERSHIP_ROWS = [
    ("led_by_underrepresented", "Led by people from historically underrepresented communities"),
    *[(name, f"Leaders include: {label}") for name, label in LEADERSHIP_GROUPS],
    ("leadership_not_reported", f"Leadership: {NOT_REPORTED.lower()}"),
]
BUDGET_ROWS = [
    ("budget_under_5m", "Annual budget under $5M"),
    ("budget_not_reported", f"Budget: {NOT_REPORTED.lower()}"),
]
SECTOR_ROWS = [
    *[
        (f"sector_{value}", f"Sub-sector: {label}")
        for value, label in Organization.SubSector.choices
    ],
    ("sector_not_reported", f"Sub-sector: {NOT_REPORTED.lower()}"),
]


def _counts(organizations: list[dict], keys: list[str]) -> dict[str, int]:
    return {key: sum(1 for o in organizations if o[key]) for key in keys}


def _shown(counts: dict[str, int], total: int) -> dict[str, int | None]:
    """Suppressed counts: each binary group against the total; the sub-sectors (a partition
    of the organizations) together, as the equity report protects a breakdown."""
    shown = {key: group_count_shown(counts[key], total) for key, _ in LEADERSHIP_ROWS + BUDGET_ROWS}
    sector_keys = [key for key, _ in SECTOR_ROWS]
    sector_shown, sector_total = suppress_counts([counts[key] for key in sector_keys])
    hide_all = total < THRESHOLD or sector_total is None
    for key, value in zip(sector_keys, sector_shown, strict=True):
        shown[key] = None if hide_all else value
    return shown


def comparison_table(*, key: str, title: str, participating: list[dict], coalition: list[dict]):
    rows = LEADERSHIP_ROWS + BUDGET_ROWS + SECTOR_ROWS
    keys = [k for k, _ in rows]
    part_total, all_total = len(participating), len(coalition)
    part = _shown(_counts(participating, keys), part_total)
    whole = _shown(_counts(coalition, keys), all_total)
    table = Table(
        key,
        title,
        [
            Column("Group", "text"),
            Column("Participating organizations"),
            Column("Share of participating", "percent"),
            Column("Coalition partner organizations"),
            Column("Share of coalition partners", "percent"),
        ],
        chart_column=2,
        suppressed=True,
    )
    for k, label in rows:
        table.rows.append(
            [
                label,
                part[k],
                share_percent(part[k], part_total),
                whole[k],
                share_percent(whole[k], all_total),
            ]
        )
    table.total = [
        "All organizations",
        part_total if part_total >= THRESHOLD or part_total == 0 else None,
        None,
        all_total if all_total >= THRESHOLD or all_total == 0 else None,
        None,
    ]
    return table


def gathering_participation_report(filters: ReportFilters) -> Report:
    """Attendance at every kind of event by quarter of one year (the year of the chosen end
    date, else start, else this year), then, for each quarter and gathering kind with
    attendance, the participating organizations by group beside all coalition partners."""
    today = timezone.localdate()
    chosen = filters.end or filters.start or today
    quarters = quarters_of_year(chosen.year, today=today)
    title = "Gathering participation"
    if not quarters:
        return Report(
            "gathering-participation",
            title,
            [],
            notes=[f"{chosen.year} has not begun: there is nothing to count yet."],
        )
    records = _in_period(_attendances(), quarters[0].start, quarters[-1].end)
    kind_labels = dict(EventKind.choices)

    attendance = Table(
        "attendance",
        f"Attendance by quarter and event kind, {chosen.year}",
        [
            Column("Quarter", "text"),
            Column("Event kind", "text"),
            Column("Sessions"),
            Column("People attending"),
            Column("Organizations attending"),
        ],
        chart_column=3,
    )
    # Who came to what, one row per (meeting start, kind, person, organization): one query.
    seen = list(
        records.values_list(
            "meeting__starts_at",
            "kind",
            "meeting__session_id",
            "registration__person_id",
            "organization_id",
        ).distinct()
    )
    by_cell: dict[tuple[Quarter, str], dict[str, set]] = {}
    for starts_at, kind, session_id, person_id, organization_id in seen:
        quarter = quarter_of(timezone.localdate(starts_at))
        cell = by_cell.setdefault(
            (quarter, kind), {"sessions": set(), "people": set(), "organizations": set()}
        )
        cell["sessions"].add(session_id)
        cell["people"].add(person_id)
        if organization_id:
            cell["organizations"].add(organization_id)
    current = quarter_of(today)
    for quarter in quarters:
        for kind, label in EventKind.choices:
            cell = by_cell.get((quarter, kind))
            if cell is None:
                continue
            attendance.rows.append(
                [
                    quarter.label + (" (in progress)" if quarter == current else ""),
                    label,
                    len(cell["sessions"]),
                    len(cell["people"]),
                    len(cell["organizations"]),
                ]
            )
    if not attendance.rows:
        attendance.note = "Nobody's attendance was recorded at any event this year yet."

    participating_ids = {
        org
        for (_quarter, kind), cell in by_cell.items()
        if kind in GATHERING_KINDS
        for org in cell["organizations"]
    }
    organizations = {
        row["pk"]: row
        for row in Organization.objects.filter(
            Q(pk__in=participating_ids) | Q(is_coalition_partner=True)
        )
        .annotate(**_group_flags(today))
        .values("pk", "is_coalition_partner", *_group_flags(today).keys())
    }
    coalition = [row for row in organizations.values() if row["is_coalition_partner"]]
    tables = [attendance]
    for quarter in quarters:
        for kind in GATHERING_KINDS:
            cell = by_cell.get((quarter, kind))
            if not cell or not cell["organizations"]:
                continue
            participating = [organizations[pk] for pk in sorted(cell["organizations"])]
            tables.append(
                comparison_table(
                    key=f"groups-{quarter.year}-q{quarter.number}-{kind}",
                    title=f"{PLURALS.get(kind, kind_labels[kind])}, {quarter.label}, "
                    "organizations by group",
                    participating=participating,
                    coalition=coalition,
                )
            )
    return Report(
        "gathering-participation",
        title,
        tables,
        notes=[
            f"Quarters of {chosen.year} up to today; the current quarter is in progress and "
            "changes as attendance is recorded. Gatherings are every kind of event but CE "
            "trainings.",
            "An organization took part when one of its people attended a meeting (check-in, "
            "virtual report or sign-in sheet), on its behalf or with it on their profile.",
            "Groups are what organizations reported about themselves within the last year; an "
            "older or missing answer counts as not reported. An organization may be in several "
            "leadership groups. Shares are of all participating organizations, and of all "
            "coalition partner organizations.",
            f"Counts under {THRESHOLD} are hidden, and so is a group's count when the "
            "organizations outside it are fewer than that (they could be had by subtraction); "
            "sub-sectors are protected together as in the equity report.",
        ],
    )
