"""Reads for scholarships and waitlists: fund reports, applicant context, waitlist places."""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from lms.models import (
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    ScholarshipFund,
    ScholarshipLedgerEntry,
)

Kind = ScholarshipLedgerEntry.Kind


def fund_subquery_total(model, *, value: str, aggregate, **filters):
    """Per fund (OuterRef "pk"): `aggregate` of `value` over `model`'s rows matching
    `filters`, 0 when none; a Count counts distinct values (people, not rows)."""
    rows = (
        model.objects.filter(fund=OuterRef("pk"), **filters)
        .order_by()
        .values("fund")
        .annotate(total=aggregate(value, **({"distinct": True} if aggregate is Count else {})))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def funds_with_totals(queryset=None):
    """Funds annotated with the report figures (cents and people), as one query.

    funded: credits less debits (credited money given back); awarded: commitments; used: spends; released: releases;
    available: funded - awarded + released; offered: amounts asked in applications.
    """
    queryset = ScholarshipFund.objects.all() if queryset is None else queryset
    ledger = ScholarshipLedgerEntry
    return queryset.annotate(
        funded_cents=fund_subquery_total(
            ledger, value="amount_cents", aggregate=Sum, kind=Kind.CREDIT
        )
        - fund_subquery_total(ledger, value="amount_cents", aggregate=Sum, kind=Kind.DEBIT),
        awarded_cents=fund_subquery_total(
            ledger, value="amount_cents", aggregate=Sum, kind=Kind.COMMITMENT
        ),
        used_cents=fund_subquery_total(
            ledger, value="amount_cents", aggregate=Sum, kind=Kind.SPEND
        ),
        released_cents=fund_subquery_total(
            ledger, value="amount_cents", aggregate=Sum, kind=Kind.RELEASE
        ),
        asked_cents=fund_subquery_total(
            ScholarshipApplication, value="amount_requested_cents", aggregate=Sum
        ),
        applicants=fund_subquery_total(ScholarshipApplication, value="person", aggregate=Count),
        awarded_people=fund_subquery_total(ScholarshipAward, value="person", aggregate=Count),
        used_people=fund_subquery_total(
            ScholarshipAward, value="person", aggregate=Count, status="used"
        ),
        released_people=fund_subquery_total(
            ScholarshipAward, value="person", aggregate=Count, status="released"
        ),
    ).annotate(available_cents=F("funded_cents") - F("awarded_cents") + F("released_cents"))


@dataclass
class SponsorRow:
    """One sponsor (kind and name, as the funds name them) with the report figures summed over
    its funds; people are counted once per sponsor, not once per fund."""

    sponsor_kind: str
    sponsor_kind_label: str
    sponsor_name: str
    funds: int = 0
    funded_cents: int = 0
    asked_cents: int = 0
    applicants: int = 0
    awarded_cents: int = 0
    awarded_people: int = 0
    used_cents: int = 0
    used_people: int = 0
    released_cents: int = 0
    released_people: int = 0

    @property
    def available_cents(self) -> int:
        return self.funded_cents - self.awarded_cents + self.released_cents


_LEDGER_FIELD = {
    Kind.CREDIT: "funded_cents",
    Kind.COMMITMENT: "awarded_cents",
    Kind.SPEND: "used_cents",
    Kind.RELEASE: "released_cents",
}


def sponsors_report(*, sponsor_kind: str = "") -> list[SponsorRow]:
    """Funded, offered (asked), awarded, used and released per sponsor, in four grouped
    queries."""
    funds = ScholarshipFund.objects.all()
    if sponsor_kind:
        funds = funds.filter(sponsor_kind=sponsor_kind)
    labels = dict(ScholarshipFund.SponsorKind.choices)
    rows: dict[tuple[str, str], SponsorRow] = {}
    for item in funds.values("sponsor_kind", "sponsor_name").annotate(n=Count("pk")).order_by():
        key = (item["sponsor_kind"], item["sponsor_name"])
        rows[key] = SponsorRow(key[0], labels.get(key[0], key[0]), key[1], funds=item["n"])

    def grouped(model, *extra):
        return (
            model.objects.filter(fund__in=funds)
            .values("fund__sponsor_kind", "fund__sponsor_name", *extra)
            .order_by()
        )

    for item in grouped(ScholarshipLedgerEntry, "kind").annotate(total=Sum("amount_cents")):
        row = rows[(item["fund__sponsor_kind"], item["fund__sponsor_name"])]
        if item["kind"] == Kind.DEBIT:  # credited money given back: less funded
            row.funded_cents -= item["total"] or 0
        else:
            name = _LEDGER_FIELD[item["kind"]]
            setattr(row, name, getattr(row, name) + (item["total"] or 0))
    for item in grouped(ScholarshipApplication).annotate(
        asked=Sum("amount_requested_cents"), people=Count("person", distinct=True)
    ):
        row = rows[(item["fund__sponsor_kind"], item["fund__sponsor_name"])]
        row.asked_cents, row.applicants = item["asked"] or 0, item["people"]
    for item in grouped(ScholarshipAward).annotate(
        awarded=Count("person", distinct=True),
        used=Count("person", distinct=True, filter=Q(status=ScholarshipAward.Status.USED)),
        released=Count("person", distinct=True, filter=Q(status=ScholarshipAward.Status.RELEASED)),
    ):
        row = rows[(item["fund__sponsor_kind"], item["fund__sponsor_name"])]
        row.awarded_people, row.used_people = item["awarded"], item["used"]
        row.released_people = item["released"]
    return sorted(rows.values(), key=lambda row: (row.sponsor_name.lower(), row.sponsor_kind))


def applicant_context(*, application: ScholarshipApplication) -> dict:
    """What a reviewer sees beside an application: organization, past awards, attendance."""
    person = application.person
    profile = getattr(person, "profile", None)
    organization = profile.organization if profile else None
    past_awards = ScholarshipAward.objects.filter(person=person).exclude(application=application)
    return {
        "organization": organization,
        "past_awards": past_awards.count(),
        "past_awarded_cents": past_awards.aggregate(t=Sum("amount_cents"))["t"] or 0,
        "confirmed_registrations": Registration.objects.filter(
            person=person, status=Registration.Status.CONFIRMED
        ).count(),
        "cancelled_registrations": Registration.objects.filter(
            person=person, status=Registration.Status.CANCELLED
        ).count(),
    }
