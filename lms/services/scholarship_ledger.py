"""Ledger writes for scholarship funds: credit, commit, release, spend.

The fund row is the lock: every write that can lower what a fund may commit first takes
`select_for_update()` on the fund, then sums the ledger, checks, and writes. Lock order
across the project: session, registration, payment, then fund.

This module imports no other service that could import it back, so lms.services.registrations
can call `registration_awards_use` and `registration_awards_release` from its transitions.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    Meeting,
    Registration,
    ScholarshipAward,
    ScholarshipFund,
    ScholarshipLedgerEntry,
    SessionReport,
)
from lms.rules import scholarships as scholarship_rules
from lms.rules.money import dollars
from lms.services.audit import audit_log

Kind = ScholarshipLedgerEntry.Kind
# The supporter fund made by migration 0027, so the supporter surplus always has a fund.
DEFAULT_SUPPORTER_FUND = "Pay it forward (supporter tier)"


class FundError(DomainError):
    """A fund rule said no; `message` is written for staff or the applicant."""


def fund_position_read(*, fund: ScholarshipFund) -> scholarship_rules.FundPosition:
    sums = dict(
        ScholarshipLedgerEntry.objects.filter(fund=fund)
        .values("kind")
        .annotate(total=Sum("amount_cents"))
        .values_list("kind", "total")
    )
    return scholarship_rules.fund_position((kind, total) for kind, total in sums.items() if total)


def fund_credit(
    *,
    fund: ScholarshipFund,
    amount_cents: int,
    note: str,
    by=None,
    registration: Registration | None = None,
) -> ScholarshipLedgerEntry:
    if amount_cents <= 0:
        raise FundError("A credit must be more than zero.")
    with transaction.atomic():
        ScholarshipFund.objects.select_for_update().filter(pk=fund.pk).first()
        entry = ScholarshipLedgerEntry.objects.create(
            fund=fund,
            kind=Kind.CREDIT,
            amount_cents=amount_cents,
            registration=registration,
            note=note[:300],
            created_by=by,
        )
        audit_log(
            instance=fund,
            action="lms.scholarship_fund.credit",
            user=by,
            data={"amount_cents": amount_cents, "note": note},
        )
    return entry


def fund_commit(
    *, fund: ScholarshipFund, award: ScholarshipAward, by=None
) -> ScholarshipLedgerEntry:
    """Commit `award.amount_cents` from `fund`, or FundError if it does not hold that much.

    Must run inside the caller's transaction; takes the fund's row lock itself.
    """
    ScholarshipFund.objects.select_for_update().get(pk=fund.pk)
    available = fund_position_read(fund=fund).available_cents
    if award.amount_cents > available:
        raise FundError(
            f"The fund {fund.name} has {dollars(available)} left to award; "
            f"this award needs {dollars(award.amount_cents)}."
        )
    return ScholarshipLedgerEntry.objects.create(
        fund=fund,
        kind=Kind.COMMITMENT,
        amount_cents=award.amount_cents,
        award=award,
        registration=award.registration,
        created_by=by,
    )


def _award_close(award: ScholarshipAward, *, kind: str, why: str, by=None) -> None:
    ScholarshipFund.objects.select_for_update().filter(pk=award.fund_id).first()
    award = ScholarshipAward.objects.select_for_update().get(pk=award.pk)
    if award.status != ScholarshipAward.Status.COMMITTED:
        return  # already used or released: nothing to do twice
    ScholarshipLedgerEntry.objects.create(
        fund_id=award.fund_id,
        kind=kind,
        amount_cents=award.amount_cents,
        award=award,
        registration_id=award.registration_id,
        note=why[:300],
        created_by=by,
    )
    award.transition_to(
        ScholarshipAward.Status.USED if kind == Kind.SPEND else ScholarshipAward.Status.RELEASED
    )
    award.save(update_fields=["status"])
    audit_log(
        instance=award,
        action="lms.scholarship_award.use"
        if kind == Kind.SPEND
        else "lms.scholarship_award.release",
        user=by,
        data={"amount_cents": award.amount_cents, "why": why},
    )


def registration_awards_use(*, registration: Registration) -> None:
    """The registration is confirmed: its committed awards become spends, and a supporter's
    pay-it-forward amount is credited to the supporter-tier fund."""
    for award in ScholarshipAward.objects.filter(
        registration=registration, status=ScholarshipAward.Status.COMMITTED
    ):
        _award_close(award, kind=Kind.SPEND, why="registration confirmed")
    if registration.scholarship_fund_cents:
        fund = supporter_fund_current()
        if (
            fund
            and not ScholarshipLedgerEntry.objects.filter(
                fund=fund, kind=Kind.CREDIT, registration=registration
            ).exists()
        ):
            fund_credit(
                fund=fund,
                amount_cents=registration.scholarship_fund_cents,
                note="Pay it forward from a supporter registration",
                registration=registration,
            )


def supporter_fund_current() -> ScholarshipFund | None:
    """The fund a supporter's pay-it-forward amount goes to: an active supporter-tier fund
    staff made whose period covers today (the earliest started), else the default supporter
    fund made by migration (active or not), else any supporter-tier fund: never nothing while
    one exists."""
    today = timezone.localdate()
    supporter = ScholarshipFund.objects.filter(
        sponsor_kind=ScholarshipFund.SponsorKind.SUPPORTER_TIER
    )
    current = supporter.filter(is_active=True, period_start__lte=today, period_end__gte=today)
    return (
        current.exclude(name=DEFAULT_SUPPORTER_FUND).order_by("period_start", "pk").first()
        or supporter.filter(name=DEFAULT_SUPPORTER_FUND).first()
        or supporter.order_by("-period_end", "pk").first()
    )


def registration_supporter_credit_reverse(*, registration_id: int, by=None) -> int:
    """A supporter registration was refunded: the pay-it-forward credit it gave its fund is
    taken back with a debit entry, as much as the refunds returned (the surplus is refunded
    first; lms.rules.scholarships.supporter_surplus_to_reverse). Idempotent: it debits only
    what earlier runs did not. Runs inside the caller's transaction, after the payment's lock
    (lock order: payment, then fund). Returns the cents debited now."""
    from lms.models import Payment, Refund

    credits = list(
        ScholarshipLedgerEntry.objects.filter(
            registration_id=registration_id, kind=Kind.CREDIT, award__isnull=True
        ).values_list("fund_id", "amount_cents")
    )
    if not credits:
        return 0
    fund_id = credits[0][0]
    ScholarshipFund.objects.select_for_update().filter(pk=fund_id).first()
    credited = sum(amount for fund, amount in credits if fund == fund_id)
    debited = (
        ScholarshipLedgerEntry.objects.filter(
            registration_id=registration_id, kind=Kind.DEBIT, fund_id=fund_id
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    refunded = (
        Refund.objects.filter(
            payment__registration_id=registration_id,
            payment__status__in=Payment.PAID,
            status=Refund.Status.SUCCEEDED,
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )
    amount = scholarship_rules.supporter_surplus_to_reverse(
        credited_cents=credited, debited_cents=debited, refunded_cents=refunded
    )
    if amount:
        fund = ScholarshipFund.objects.get(pk=fund_id)
        ScholarshipLedgerEntry.objects.create(
            fund=fund,
            kind=Kind.DEBIT,
            amount_cents=amount,
            registration_id=registration_id,
            note="Pay it forward given back: the supporter registration was refunded",
            created_by=by,
        )
        audit_log(
            instance=fund,
            action="lms.scholarship_fund.debit",
            user=by,
            data={"amount_cents": amount, "registration": registration_id},
        )
    return amount


def registration_awards_release(*, registration: Registration, why: str, by=None) -> None:
    """The registration was cancelled or its hold expired: committed awards go back to the
    fund, and applications still waiting lapse. The caller holds the registration's lock."""
    from lms.models import ScholarshipApplication

    # Applications before the fund, as scholarship_award locks them.
    waiting = ScholarshipApplication.objects.select_for_update().filter(
        registration=registration, status=ScholarshipApplication.Status.PENDING
    )
    for application in waiting:
        application.transition_to(ScholarshipApplication.Status.LAPSED)
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        audit_log(instance=application, action="lms.scholarship.lapse", user=by, data={"why": why})
    for award in ScholarshipAward.objects.filter(
        registration=registration, status=ScholarshipAward.Status.COMMITTED
    ):
        _award_close(award, kind=Kind.RELEASE, why=why, by=by)


def awards_release_unused(*, now: dt.datetime | None = None) -> int:
    """Release committed awards whose session has started without the registration confirmed."""
    now = now or timezone.now()
    released = 0
    stale = ScholarshipAward.objects.filter(
        status=ScholarshipAward.Status.COMMITTED, registration__session__starts_at__lte=now
    ).exclude(registration__status=Registration.Status.CONFIRMED)
    for award in stale:
        with transaction.atomic():
            _award_close(award, kind=Kind.RELEASE, why="not used by the session's start")
            released += 1
    return released


def awards_no_show_apply(*, now: dt.datetime | None = None) -> int:
    """Apply each fund's no-show policy to used awards whose holder attended no meeting.

    Runs after the session report is filed (attendance is final then); each award once
    (`no_show_on` set). Policy "release" credits the amount back to the fund; the wait, if
    the fund sets one, is enforced by eligibility (lms.services.scholarships). Returns how
    many awards it applied the policy to.
    """
    now = now or timezone.now()
    applied = 0
    candidates = ScholarshipAward.objects.filter(
        status=ScholarshipAward.Status.USED,
        no_show_on__isnull=True,
        registration__status=Registration.Status.CONFIRMED,
        registration__session__report__status=SessionReport.Status.FILED,
    ).values_list("pk", "fund_id", "registration__session_id")
    for award_id, fund_id, session_id in list(candidates):
        ended_at = Meeting.objects.filter(session_id=session_id).aggregate(m=Max("ends_at"))["m"]
        if ended_at is None or ended_at > now:
            continue
        with transaction.atomic():
            ScholarshipFund.objects.select_for_update().filter(pk=fund_id).first()
            award = (
                ScholarshipAward.objects.select_for_update().select_related("fund").get(pk=award_id)
            )
            outcome = scholarship_rules.no_show_outcome(
                policy=award.fund.no_show_policy,
                wait_months=award.fund.no_show_wait_months,
                award_used=award.status == ScholarshipAward.Status.USED,
                already_applied=award.no_show_on is not None,
                report_filed=True,
                attended=AttendanceRecord.objects.filter(
                    registration_id=award.registration_id, arrived_at__isnull=False
                ).exists(),
                session_ended_on=timezone.localdate(ended_at),
            )
            if outcome is None:
                continue
            award.no_show_on = timezone.localdate(ended_at)
            award.save(update_fields=["no_show_on"])
            if outcome.return_to_fund:
                ScholarshipLedgerEntry.objects.create(
                    fund_id=award.fund_id,
                    kind=Kind.CREDIT,
                    amount_cents=award.amount_cents,
                    award=award,
                    registration_id=award.registration_id,
                    note="Returned: the awardee did not attend (fund's no-show policy)",
                )
            audit_log(
                instance=award,
                action="lms.scholarship_award.no_show",
                data={
                    "policy": award.fund.no_show_policy,
                    "returned_cents": award.amount_cents if outcome.return_to_fund else 0,
                    "wait_until": outcome.wait_until.isoformat() if outcome.wait_until else None,
                },
            )
            applied += 1
    return applied
