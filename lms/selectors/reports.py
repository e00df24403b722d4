"""Reads for the staff indicators and reports.

Every figure is computed by the database (aggregate, annotate, conditional Count/Sum,
Count(distinct=True)); Python only lays the grouped rows out as tables. Each report runs a
fixed number of queries whatever the amount of data (tests/lms/test_reports_queries.py).

Filters: the period applies to the session's start (registrations, revenue, scholarship
awards, evaluations, equity), to the request date (TA requests by month) and to the entry
date (fund credits). Training, topic and format narrow the sessions, and for TA requests
the training that prompted them. docs/reports.md says what each figure means.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from lms.models import (
    BudgetBand,
    DeliveryFormat,
    Difficulty,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    FeeTier,
    Invoice,
    InvoiceLine,
    Organization,
    Payment,
    Refund,
    Registration,
    ScholarshipApplication,
    ScholarshipFund,
    ScholarshipLedgerEntry,
    Session,
    SessionReport,
    TechnicalAssistanceRequest,
    Training,
    User,
)
from lms.models.demographics import (
    RACE_ETHNICITY_CATEGORIES,
    WASHINGTON_GROUP_DOMAINS,
    Answer,
    PeopleEmployed,
)
from lms.rules.suppression import THRESHOLD, equity_period, suppress_counts, suppress_table
from lms.selectors import scholarships as selectors_scholarships

TA_WINDOW_DAYS = 90
CONFIRMED = Registration.Status.CONFIRMED
Kind = ScholarshipLedgerEntry.Kind


# --- Filters and the shape of a report -------------------------------------------------------
@dataclass(frozen=True)
class ReportFilters:
    start: dt.date | None = None
    end: dt.date | None = None
    training_id: int | None = None
    topic_id: int | None = None
    format: str = ""

    @property
    def period_label(self) -> str:
        """The period in words, as every report states it: "All time" when no dates."""

        def day(value: dt.date) -> str:
            return f"{value:%B} {value.day}, {value.year}"

        if self.start and self.end:
            return f"{day(self.start)} to {day(self.end)}"
        if self.start:
            return f"From {day(self.start)}"
        if self.end:
            return f"Until {day(self.end)}"
        return "All time"

    def bounds(self):
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=zone) if self.start else None
        end = (
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
            if self.end
            else None
        )
        return start, end

    def period_q(self, field_name: str) -> Q:
        start, end = self.bounds()
        q = Q()
        if start:
            q &= Q(**{f"{field_name}__gte": start})
        if end:
            q &= Q(**{f"{field_name}__lt": end})
        return q

    def sessions(self):
        sessions = Session.objects.filter(self.period_q("starts_at"))
        if self.training_id:
            sessions = sessions.filter(training_id=self.training_id)
        if self.topic_id:
            sessions = sessions.filter(training__topics=self.topic_id)
        if self.format:
            sessions = sessions.filter(format=self.format)
        return sessions

    def trainings(self):
        trainings = Training.objects.all()
        if self.training_id:
            trainings = trainings.filter(pk=self.training_id)
        if self.topic_id:
            trainings = trainings.filter(topics=self.topic_id)
        if self.format:
            trainings = trainings.filter(format=self.format)
        return trainings

    def registrations(self):
        return Registration.objects.filter(session__in=self.sessions().values("pk"))

    def participants(self):
        """Primary keys of the unique people with a confirmed registration in the filter."""
        return self.registrations().filter(status=CONFIRMED).values("person_id")


@dataclass
class Column:
    label: str
    kind: str = "count"  # text, count, money (cents), average, percent


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    chart_column: int | None = 1  # which column the bar chart draws; None for no chart
    note: str = ""
    suppressed: bool = False  # small-cell suppression applied

    def column_values(self, index: int) -> list:
        return [row[index] for row in self.rows]


@dataclass
class Report:
    slug: str
    title: str
    tables: list[Table]
    notes: list[str] = field(default_factory=list)


def _percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _average(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- Participation ---------------------------------------------------------------------------
def _delivered_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Session.Status.COMPLETED}) | Q(
        **{f"{prefix}report__status": SessionReport.Status.FILED}
    )


def participation_summary(filters: ReportFilters) -> dict:
    """Headline figures: two queries."""
    registrations = filters.registrations().aggregate(
        registrations=Count("pk"),
        confirmed=Count("pk", filter=Q(status=CONFIRMED)),
        participants=Count("person", distinct=True, filter=Q(status=CONFIRMED)),
        seats_filled=Count(
            "pk", filter=Q(status=CONFIRMED) & ~Q(session__status=Session.Status.CANCELLED)
        ),
    )
    sessions = filters.sessions().aggregate(
        sessions=Count("pk", filter=~Q(status=Session.Status.CANCELLED)),
        delivered=Count("pk", filter=_delivered_q()),
        seats=Coalesce(Sum("capacity", filter=~Q(status=Session.Status.CANCELLED)), 0),
    )
    figures = {**registrations, **sessions}
    figures["fill_rate"] = _percent(figures["seats_filled"], figures["seats"])
    return figures


def participation_report(filters: ReportFilters) -> Report:
    figures = participation_summary(filters)
    summary = Table(
        "summary",
        "Summary",
        [Column("Indicator", "text"), Column("Value")],
        rows=[
            ["Participants (unique people with a confirmed registration)", figures["participants"]],
            ["Registrations (any status)", figures["registrations"]],
            ["Confirmed registrations", figures["confirmed"]],
            ["Sessions scheduled (not cancelled)", figures["sessions"]],
            ["Sessions delivered", figures["delivered"]],
            ["Seats offered", figures["seats"]],
            ["Seats filled", figures["seats_filled"]],
        ],
        chart_column=None,
    )
    summary.rows.append(["Share of seats filled (%)", figures["fill_rate"]])
    by_status = dict(
        filters.registrations()
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    status_table = Table(
        "by_status",
        "Registrations by status",
        [Column("Status", "text"), Column("Registrations")],
        rows=[[label, by_status.get(value, 0)] for value, label in Registration.Status.choices],
    )
    status_table.total = ["Total", sum(by_status.values())]
    tier_rows = (
        filters.registrations()
        .order_by()
        .values("fee_tier__kind", "fee_tier__budget_band")
        .annotate(
            registrations=Count("pk"),
            confirmed=Count("pk", filter=Q(status=CONFIRMED)),
            cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        )
    )
    tiers = {(row["fee_tier__kind"], row["fee_tier__budget_band"]): row for row in tier_rows}
    tier_table = Table(
        "by_tier",
        "Registrations by fee tier",
        [
            Column("Fee tier", "text"),
            Column("Confirmed"),
            Column("All registrations"),
            Column("Cancelled"),
        ],
    )
    for key, label in _tier_keys(tiers):
        row = tiers[key]
        tier_table.rows.append([label, row["confirmed"], row["registrations"], row["cancelled"]])
    tier_table.total = [
        "Total",
        *(sum(row[i] for row in tier_table.rows) for i in (1, 2, 3)),
    ]
    return Report("participation", "Participation", [summary, status_table, tier_table])


def _tier_label(kind, band) -> str:
    if not kind:
        return "No fee tier (free or not chosen)"
    label = FeeTier.Kind(kind).label
    if band:
        label += f": {BudgetBand(band).label}"
    return label


def _tier_keys(groups) -> list[tuple]:
    kinds = [None, *FeeTier.Kind.values]
    bands = ["", *BudgetBand.values, None]
    keys = sorted(
        groups,
        key=lambda k: (
            kinds.index(k[0]) if k[0] in kinds else 99,
            bands.index(k[1]) if k[1] in bands else 99,
        ),
    )
    return [(key, _tier_label(*key)) for key in keys]


# --- Revenue ---------------------------------------------------------------------------------
def revenue_report(filters: ReportFilters) -> Report:
    """Card payments taken, invoice payments recorded, refunds, by fee tier: two queries."""
    registrations = filters.registrations().values("pk")
    cards = (
        Payment.objects.filter(status__in=Payment.PAID, registration__in=registrations)
        .order_by()
        .values("registration__fee_tier__kind", "registration__fee_tier__budget_band")
        .annotate(
            payments=Count("pk"),
            gross=Sum("amount_cents"),
            refunds=Sum("refunded_cents"),
        )
    )
    invoices = (
        InvoiceLine.objects.filter(invoice__status="paid", registration__in=registrations)
        .order_by()
        .values("registration__fee_tier__kind", "registration__fee_tier__budget_band")
        .annotate(lines=Count("pk"), gross=Sum("amount_cents"))
    )
    groups: dict[tuple, dict] = {}
    for row in cards:
        key = (row["registration__fee_tier__kind"], row["registration__fee_tier__budget_band"])
        groups.setdefault(key, {"payments": 0, "card": 0, "invoice": 0, "refunds": 0})
        groups[key].update(payments=row["payments"], card=row["gross"], refunds=row["refunds"])
    for row in invoices:
        key = (row["registration__fee_tier__kind"], row["registration__fee_tier__budget_band"])
        groups.setdefault(key, {"payments": 0, "card": 0, "invoice": 0, "refunds": 0})
        groups[key]["payments"] += row["lines"]
        groups[key]["invoice"] = row["gross"]
    table = Table(
        "by_tier",
        "Revenue by fee tier",
        [
            Column("Fee tier", "text"),
            Column("Payments"),
            Column("Gross (card and invoice)", "money"),
            Column("Refunds", "money"),
            Column("Net", "money"),
            Column("Of which paid by invoice", "money"),
        ],
        chart_column=4,
    )
    for key, label in _tier_keys(groups):
        group = groups[key]
        gross = group["card"] + group["invoice"]
        table.rows.append(
            [
                label,
                group["payments"],
                gross,
                group["refunds"],
                gross - group["refunds"],
                group["invoice"],
            ]
        )
    table.total = ["Total", *(sum(row[i] for row in table.rows) for i in range(1, 6))]
    return Report(
        "revenue",
        "Revenue",
        [table, pay_it_forward_table(registrations)],
        notes=[
            "Gross is card payments taken plus invoice payments recorded; refunds are the "
            "amounts given back to cards; net = gross - refunds.",
            "Pay it forward: what supporter-tier registrants paid above the standard price, "
            "credited to a supporter fund for scholarships (part of the gross above), less "
            "what refunds of those registrations gave back.",
        ],
    )


def pay_it_forward_table(registrations) -> Table:
    """Supporter-tier surplus credited to funds and taken back by refunds, per fund (one
    query): the ledger's credits and debits tied to a registration and no award."""
    rows = (
        ScholarshipLedgerEntry.objects.filter(
            registration__in=registrations,
            award__isnull=True,
            kind__in=(Kind.CREDIT, Kind.DEBIT),
        )
        .order_by()
        .values("fund__name")
        .annotate(
            received=Sum("amount_cents", filter=Q(kind=Kind.CREDIT), default=0),
            given_back=Sum("amount_cents", filter=Q(kind=Kind.DEBIT), default=0),
        )
        .order_by("fund__name")
    )
    table = Table(
        "pay_it_forward",
        "Pay it forward (supporter tier)",
        [
            Column("Fund", "text"),
            Column("Received", "money"),
            Column("Given back by refunds", "money"),
            Column("Kept for scholarships", "money"),
        ],
    )
    for row in rows:
        received, given_back = row["received"], row["given_back"]
        table.rows.append([row["fund__name"], received, given_back, received - given_back])
    table.total = ["Total", *(sum(row[i] for row in table.rows) for i in range(1, 4))]
    return table


def revenue_summary(filters: ReportFilters) -> dict:
    total = revenue_report(filters).tables[0].total
    return {"gross": total[2], "refunds": total[3], "net": total[4]}


def revenue_received(start: dt.date | None, end: dt.date | None) -> dict:
    """Money by the date it moved, for the dashboard: card payments by the day they succeeded
    and invoice payments by the day recorded, less refunds by the day Stripe sent them, from
    `start` to `end` (both included). Three queries."""
    period = ReportFilters(start=start, end=end)
    cards = Payment.objects.filter(
        period.period_q("succeeded_at"), status__in=Payment.PAID
    ).aggregate(total=Sum("amount_cents", default=0))["total"]
    paid_on = Q(**({"paid_on__gte": start} if start else {})) & Q(
        **({"paid_on__lte": end} if end else {})
    )
    invoices = Invoice.objects.filter(paid_on, status=Invoice.Status.PAID).aggregate(
        total=Sum("total_cents", default=0)
    )["total"]
    refunds = Refund.objects.filter(
        period.period_q("completed_at"), status=Refund.Status.SUCCEEDED
    ).aggregate(total=Sum("amount_cents", default=0))["total"]
    gross = cards + invoices
    return {"gross": gross, "refunds": refunds, "net": gross - refunds, "start": start, "end": end}


# --- Scholarships ----------------------------------------------------------------------------
SCHOLARSHIP_COLUMNS = [
    Column("Funded", "money"),
    Column("Offered (asked in applications)", "money"),
    Column("Awarded", "money"),
    Column("Used", "money"),
    Column("Released", "money"),
]


def _scholarship_annotations(filters: ReportFilters):
    """Per-fund totals as subqueries (the pattern of selectors_scholarships.funds_with_totals,
    narrowed to the filter's registrations and, for credits, its period)."""
    registrations = filters.registrations().values("pk")
    total = selectors_scholarships.fund_subquery_total
    ledger = ScholarshipLedgerEntry
    credits_q = {
        f"created_at__{op}": value
        for op, value in zip(("gte", "lt"), filters.bounds(), strict=True)
        if value is not None
    }

    def ledger_total(kind, **narrowing):
        return total(ledger, value="amount_cents", aggregate=Sum, kind=kind, **narrowing)

    return {
        # Funded: credits less debits (a refunded supporter's pay-it-forward given back).
        "r_funded": ledger_total(Kind.CREDIT, **credits_q) - ledger_total(Kind.DEBIT, **credits_q),
        "r_offered": total(
            ScholarshipApplication,
            value="amount_requested_cents",
            aggregate=Sum,
            registration__in=registrations,
        ),
        "r_awarded": ledger_total(Kind.COMMITMENT, registration__in=registrations),
        "r_used": ledger_total(Kind.SPEND, registration__in=registrations),
        "r_released": ledger_total(Kind.RELEASE, registration__in=registrations),
    }


def scholarships_report(filters: ReportFilters) -> Report:
    """Per fund and per sponsor: funded, offered, awarded, used, released (one query)."""
    names = ["r_funded", "r_offered", "r_awarded", "r_used", "r_released"]
    funds = list(
        ScholarshipFund.objects.annotate(**_scholarship_annotations(filters))
        .order_by("name")
        .values("name", "sponsor_kind", "sponsor_name", *names)
    )
    per_fund = Table(
        "per_fund",
        "Scholarship funds",
        [Column("Fund", "text"), Column("Sponsor", "text"), *SCHOLARSHIP_COLUMNS],
        chart_column=4,
    )
    sponsors: dict[tuple, list[int]] = {}
    for fund in funds:
        values = [fund[name] for name in names]
        per_fund.rows.append([fund["name"], fund["sponsor_name"], *values])
        key = (fund["sponsor_name"], fund["sponsor_kind"])
        sponsors[key] = [a + b for a, b in zip(sponsors.get(key, [0] * 5), values, strict=True)]
    per_fund.total = ["Total", "", *(sum(row[i] for row in per_fund.rows) for i in range(2, 7))]
    per_sponsor = Table(
        "per_sponsor",
        "Scholarships by sponsor",
        [Column("Sponsor", "text"), Column("Kind of sponsor", "text"), *SCHOLARSHIP_COLUMNS],
        chart_column=4,
        rows=[
            [name, ScholarshipFund.SponsorKind(kind).label, *values]
            for (name, kind), values in sorted(sponsors.items())
        ],
    )
    per_sponsor.total = list(per_fund.total)
    return Report(
        "scholarships",
        "Scholarships",
        [per_fund, per_sponsor],
        notes=[
            "Funded: credits to the fund in the period. Offered: amounts asked in applications "
            "for registrations in the filter. Awarded, used, released: ledger commitments, "
            "spends and releases for those registrations."
        ],
    )


# --- Technical assistance --------------------------------------------------------------------
def ta_share(filters: ReportFilters) -> dict:
    """Participants, and how many asked for TA within TA_WINDOW_DAYS after a session's start."""
    asked = TechnicalAssistanceRequest.objects.filter(
        requester_id=OuterRef("person_id"),
        created_at__gte=OuterRef("session__starts_at"),
        created_at__lt=ExpressionWrapper(
            OuterRef("session__starts_at") + dt.timedelta(days=TA_WINDOW_DAYS),
            output_field=DateTimeField(),
        ),
    )
    figures = (
        filters.registrations()
        .filter(status=CONFIRMED)
        .annotate(asked_ta=Exists(asked))
        .aggregate(
            participants=Count("person", distinct=True),
            asked=Count("person", distinct=True, filter=Q(asked_ta=True)),
        )
    )
    figures["share"] = _percent(figures["asked"], figures["participants"])
    return figures


def technical_assistance_report(filters: ReportFilters) -> Report:
    requests = TechnicalAssistanceRequest.objects.filter(filters.period_q("created_at"))
    if filters.training_id or filters.topic_id or filters.format:
        requests = requests.filter(training__in=filters.trainings().values("pk"))
    statuses = TechnicalAssistanceRequest.Status
    months = (
        requests.annotate(month=TruncMonth("created_at"))
        .order_by("month")
        .values("month")
        .annotate(
            total=Count("pk"),
            **{status.value: Count("pk", filter=Q(status=status.value)) for status in statuses},
        )
    )
    by_month = Table(
        "by_month",
        "TA requests by month and status",
        [Column("Month", "text"), Column("Requests"), *(Column(s.label) for s in statuses)],
    )
    for row in months:
        by_month.rows.append(
            [row["month"].strftime("%Y-%m"), row["total"], *(row[s.value] for s in statuses)]
        )
    by_month.total = [
        "Total",
        *(sum(row[i] for row in by_month.rows) for i in range(1, 2 + len(statuses))),
    ]
    share = ta_share(filters)
    share_table = Table(
        "share",
        f"Participants who asked for TA within {TA_WINDOW_DAYS} days after a training",
        [Column("Indicator", "text"), Column("Value")],
        rows=[
            ["Participants", share["participants"]],
            [f"Asked for TA within {TA_WINDOW_DAYS} days", share["asked"]],
            ["Share (%)", share["share"]],
        ],
        chart_column=None,
    )
    return Report("technical-assistance", "Technical assistance", [by_month, share_table])


# --- Evaluations -----------------------------------------------------------------------------
def _evaluation_answers(filters: ReportFilters):
    return EvaluationAnswer.objects.filter(
        rating__isnull=False, response__registration__in=filters.registrations().values("pk")
    )


def value_to_organization(filters: ReportFilters) -> dict:
    minimum = settings.EVALUATION_MIN_RESPONSES
    row = (
        _evaluation_answers(filters)
        .filter(question__purpose=EvaluationQuestion.Purpose.ORGANIZATION_VALUE)
        .aggregate(
            average=Avg("rating"),
            responses=Count("response", distinct=True),
            **{f"rated_{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
        )
    )
    row["shown"] = row["responses"] >= minimum
    row["average"] = _average(row["average"]) if row["shown"] else None
    return row


def evaluations_report(filters: ReportFilters) -> Report:
    minimum = settings.EVALUATION_MIN_RESPONSES
    answers = _evaluation_answers(filters)
    per_question = Table(
        "per_question",
        "Average rating per question (1 to 5)",
        [
            Column("Training", "text"),
            Column("Question", "text"),
            Column("Average", "average"),
            Column("Responses"),
        ],
        chart_column=2,
    )
    for row in (
        answers.order_by()
        .values("question_id", "question__text", "question__evaluation__training__title")
        .annotate(average=Avg("rating"), responses=Count("response", distinct=True))
        .filter(responses__gte=minimum)
        .order_by("question__evaluation__training__title", "question__sort_order", "question_id")
    ):
        per_question.rows.append(
            [
                row["question__evaluation__training__title"],
                row["question__text"],
                _average(row["average"]),
                row["responses"],
            ]
        )
    per_training = Table(
        "per_training",
        "Average rating per training",
        [Column("Training", "text"), Column("Average", "average"), Column("Responses")],
    )
    for row in (
        answers.order_by()
        .values("response__evaluation__training__title")
        .annotate(average=Avg("rating"), responses=Count("response", distinct=True))
        .filter(responses__gte=minimum)
        .order_by("response__evaluation__training__title")
    ):
        per_training.rows.append(
            [
                row["response__evaluation__training__title"],
                _average(row["average"]),
                row["responses"],
            ]
        )
    per_facilitator = Table(
        "per_facilitator",
        "Average rating per facilitator",
        [Column("Facilitator", "text"), Column("Average", "average"), Column("Responses")],
    )
    facilitator = "response__registration__session__assignments__facilitator"
    for row in (
        answers.filter(**{f"{facilitator}__isnull": False})
        .order_by()
        .values(f"{facilitator}_id", f"{facilitator}__name")
        .annotate(average=Avg("rating"), responses=Count("response", distinct=True))
        .filter(responses__gte=minimum)
        .order_by(f"{facilitator}__name")
    ):
        per_facilitator.rows.append(
            [row[f"{facilitator}__name"], _average(row["average"]), row["responses"]]
        )
    value = value_to_organization(filters)
    value_table = Table(
        "value",
        "Value to your organization (1 to 5)",
        [Column("Rating", "text"), Column("Answers")],
        note=f"Shown from {minimum} responses on.",
    )
    if value["shown"]:
        value_table.rows = [[f"Rated {n}", value[f"rated_{n}"]] for n in range(1, 6)]
        value_table.total = ["Average", value["average"]]
    for table in (per_question, per_training, per_facilitator):
        table.note = f"Only groups with at least {minimum} responses are shown."
    responses = EvaluationResponse.objects.filter(
        registration__in=filters.registrations().values("pk")
    ).count()
    return Report(
        "evaluations",
        "Evaluations",
        [value_table, per_training, per_question, per_facilitator],
        notes=[f"{responses} evaluation responses in this selection."],
    )


# --- Equity participation --------------------------------------------------------------------
NOT_REPORTED = "Not reported"


def _suppressed_columns(table: Table, first_value_column: int = 1) -> Table:
    """Suppress each count column of a one-dimensional table on its own, with its total."""
    table.suppressed = True
    width = len(table.columns)
    table.total = table.total or ["Total", *[None] * (width - 1)]
    for index in range(first_value_column, width):
        shown, total = suppress_counts([row[index] for row in table.rows])
        for row, value in zip(table.rows, shown, strict=True):
            row[index] = value
        table.total[index] = total
    return table


def equity_report(filters: ReportFilters) -> Report:
    """Who takes part, for the one period an equity breakdown may describe (see
    lms.rules.suppression.equity_period): the chosen training, topic and format are not
    applied, and a selection of fewer than THRESHOLD people is refused whole."""
    period = equity_period(filters.start, filters.end, today=timezone.localdate())
    title = "Equity participation"
    if period is None:
        year = (filters.end or filters.start).year
        return Report(
            "equity",
            title,
            [],
            notes=[
                f"No quarter of {year} has ended yet. Equity figures describe completed "
                "quarters only, so that they do not change with each new registrant."
            ],
        )
    span = f"{date_format(period.start, 'F j, Y')} to {date_format(period.end, 'F j, Y')}"
    scope = (
        f"All participants of the coalition from {span}"
        + ("" if period.whole_year else f" (the completed quarters of {period.year})")
        + ". Other dates, and the training, topic and format filters, are not applied to "
        "these tables: two narrower selections could be compared to single out a few people."
    )
    people = User.objects.filter(
        pk__in=ReportFilters(start=period.start, end=period.end).participants()
    )
    if people.count() < THRESHOLD:
        return Report(
            "equity",
            title,
            [],
            notes=[
                scope,
                f"Fewer than {THRESHOLD} people took part in this period, so no breakdown "
                "is shown: any figure would describe too few people.",
            ],
        )
    organization = "profile__organization"

    def by(field_name: str) -> dict:
        return {
            row[field_name]: row
            for row in people.order_by()
            .values(field_name)
            .annotate(
                participants=Count("pk", distinct=True),
                organizations=Count(organization, distinct=True),
            )
        }

    # Budget: a 2 x 4 table (under $5M / the rest by band) so the "under $5M" figure and the
    # bands are protected together: no band can be had from "under $5M" by subtraction.
    bands = by(f"{organization}__budget_band")
    labels = [*BudgetBand.labels, "Not reported, or no organization"]

    def count(key, measure) -> int:
        return (bands.get(key) or {}).get(measure, 0)

    budget = Table(
        "budget",
        "Organizations taking part, by annual budget",
        [Column("Annual budget", "text"), Column("Organizations"), Column("Participants")],
        suppressed=True,
    )
    results = {}
    for measure in ("organizations", "participants"):
        counts = [count(band, measure) for band in BudgetBand.values]
        counts.append(count(None, measure) + count("", measure))
        under = [counts[0], counts[1], 0, 0]
        rest = [0, 0, counts[2], counts[3]]
        results[measure] = suppress_table([under, rest])
    for index, label in enumerate(labels):
        budget.rows.append(
            [
                label,
                results["organizations"].column_totals[index],
                results["participants"].column_totals[index],
            ]
        )
    budget.rows.append(
        [
            "Under $5M (the first two rows)",
            results["organizations"].row_totals[0],
            results["participants"].row_totals[0],
        ]
    )
    budget.total = ["Total", results["organizations"].total, results["participants"].total]

    def categorical(key, title, heading, choices, field_name):
        groups = by(field_name)
        table = Table(
            key, title, [Column(heading, "text"), Column("Organizations"), Column("Participants")]
        )
        for value, label in choices:
            row = groups.get(value) or {}
            table.rows.append([label, row.get("organizations", 0), row.get("participants", 0)])
        missing = [groups.get(None) or {}, groups.get("") or {}]
        table.rows.append(
            [
                NOT_REPORTED,
                sum(m.get("organizations", 0) for m in missing),
                sum(m.get("participants", 0) for m in missing),
            ]
        )
        return _suppressed_columns(table)

    led = categorical(
        "led_by_underrepresented",
        "Organizations led by people from historically underrepresented communities",
        "Led by people from historically underrepresented communities",
        Answer.choices,
        f"{organization}__self_report__led_by_underrepresented",
    )
    sub_sectors = categorical(
        "sub_sector",
        "Organizations taking part, by sub-sector",
        "Sub-sector",
        Organization.SubSector.choices,
        f"{organization}__sub_sector",
    )
    employed = categorical(
        "people_employed",
        "Organizations taking part, by people employed",
        "People employed",
        PeopleEmployed.choices,
        f"{organization}__self_report__people_employed",
    )
    return Report(
        "equity",
        title,
        [budget, led, sub_sectors, employed, *demographic_tables(people)],
        notes=[
            scope,
            f"Counts under {THRESHOLD} are hidden, and so is any other count from which a "
            "hidden one could be worked out by subtraction. Organizations are those of "
            "participants with a confirmed registration in the period.",
        ],
    )


def demographic_tables(people) -> list[Table]:
    """Participants by their voluntary answers: race/ethnicity (each person once) and
    disability (Washington Group), one query, suppressed."""
    race_fields = [name for name, _ in RACE_ETHNICITY_CATEGORIES]
    chosen = sum(
        (Cast(F(f"demographics__{name}"), IntegerField()) for name in race_fields[1:]),
        Cast(F(f"demographics__{race_fields[0]}"), IntegerField()),
    )
    difficult = Q()
    for name, _ in WASHINGTON_GROUP_DOMAINS:
        difficult |= Q(**{f"demographics__{name}__in": Difficulty.disability_answers()})
    all_answered_without = Q()
    for name, _ in WASHINGTON_GROUP_DOMAINS:
        all_answered_without &= Q(
            **{f"demographics__{name}__in": (Difficulty.NONE, Difficulty.SOME)}
        )
    answered = Q(demographics__isnull=False)
    figures = people.annotate(
        categories=Case(When(answered, then=chosen), default=Value(0))
    ).aggregate(
        **{
            f"only_{name}": Count(
                "pk", filter=answered & Q(categories=1, **{f"demographics__{name}": True})
            )
            for name in race_fields
        },
        two_or_more=Count("pk", filter=answered & Q(categories__gte=2)),
        race_prefer_not=Count("pk", filter=answered & Q(demographics__race_prefer_not=True)),
        race_blank=Count(
            "pk",
            filter=answered & Q(categories=0, demographics__race_prefer_not=False),
        ),
        not_answered=Count("pk", filter=Q(demographics__isnull=True)),
        disability=Count("pk", filter=answered & difficult),
        no_disability=Count("pk", filter=answered & all_answered_without),
    )
    race = Table(
        "race_ethnicity",
        "Participants by race and ethnicity",
        [Column("Race and ethnicity", "text"), Column("Participants")],
        rows=[
            [f"{label} only", figures[f"only_{name}"]] for name, label in RACE_ETHNICITY_CATEGORIES
        ]
        + [
            ["Two or more categories", figures["two_or_more"]],
            ["Prefer not to answer", figures["race_prefer_not"]],
            ["Question skipped", figures["race_blank"]],
            ["Did not answer the questions", figures["not_answered"]],
        ],
    )
    answered_count = sum(figures[f"only_{n}"] for n in race_fields) + sum(
        figures[k] for k in ("two_or_more", "race_prefer_not", "race_blank")
    )
    disability = Table(
        "disability",
        "Participants by disability (Washington Group Short Set)",
        [Column("Disability", "text"), Column("Participants")],
        rows=[
            [
                "With a disability (a lot of difficulty, or cannot do, in any domain)",
                figures["disability"],
            ],
            ["Without a disability (all six answered)", figures["no_disability"]],
            [
                "Prefer not to answer or not all answered",
                answered_count - figures["disability"] - figures["no_disability"],
            ],
            ["Did not answer the questions", figures["not_answered"]],
        ],
    )
    return [_suppressed_columns(race), _suppressed_columns(disability)]


# --- The dashboard panel ---------------------------------------------------------------------
def headline_indicators(filters: ReportFilters, *, with_revenue: bool) -> dict:
    """The figures on the admin home page panel."""
    figures = participation_summary(filters)
    figures["ta"] = ta_share(filters)
    figures["value"] = value_to_organization(filters)
    if with_revenue:
        figures["revenue"] = revenue_received(filters.start, filters.end)
    return figures


REPORTS = {
    "participation": participation_report,
    "revenue": revenue_report,
    "scholarships": scholarships_report,
    "technical-assistance": technical_assistance_report,
    "evaluations": evaluations_report,
    "equity": equity_report,
}

FORMAT_CHOICES = DeliveryFormat.choices
