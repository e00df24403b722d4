"""Pay statements: prepare from filed session reports, add expenses, approve.

Every write locks the statement, moves it with PayStatement.transition_to (the table is on
the model), acts and writes an audit entry.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from lms.documents import pdf_render, pdf_render_and_store
from lms.errors import DomainError
from lms.models import (
    ConnectStatus,
    ExpenseLine,
    Facilitator,
    FacilitatorPayProfile,
    FacilitatorPaySettings,
    NumberSequence,
    Payout,
    PayoutMethod,
    PayStatement,
    PayStatementLine,
    RateCard,
    Session,
    StatementPeriod,
)
from lms.payments import stripe_connect
from lms.rules.compensation import (
    PayRuleError,
    RateCardTerms,
    SessionPay,
    session_pay_compute,
)
from lms.selectors.compensation import (
    facilitators_with_work,
    session_meeting_work,
    session_report_filed_at,
    session_report_refusal,
    sessions_awaiting_report,
    sessions_filed_for,
    sessions_worked_in,
)
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit

Status = PayStatement.Status

STATEMENT_SEQUENCE = "pay_statement"


class PayStatementError(DomainError):
    """A statement that cannot be made or changed; `reasons` are for Finance to read."""

    def __init__(self, *reasons: str):
        super().__init__(reasons=reasons)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


def rate_card_terms(card: RateCard) -> RateCardTerms:
    """The rate card as the pure pay rule reads it (lms.rules.compensation)."""
    return RateCardTerms(
        card_id=card.pk,
        name=card.name,
        effective_from=card.effective_from,
        effective_until=card.effective_until,
        lead_hourly_cents=card.lead_hourly_cents,
        co_hourly_cents=card.co_hourly_cents,
        prep_hours_per_delivered_hour=card.prep_hours_per_delivered_hour,
        prep_hours_cap_per_meeting=card.prep_hours_cap_per_meeting,
        minimum_per_session_cents=card.minimum_per_session_cents,
        lived_experience_hourly_cents=card.lived_experience_hourly_cents,
        personal=card.facilitator_id is not None,
    )


def _rate_cards_for(facilitator: Facilitator):
    cards = RateCard.objects.filter(Q(facilitator=facilitator) | Q(facilitator__isnull=True))
    return [rate_card_terms(card) for card in cards]


def _lived_experience(facilitator: Facilitator) -> bool:
    return FacilitatorPayProfile.objects.filter(
        facilitator=facilitator, paid_at_lived_experience_rate=True
    ).exists()


def _session_pay(*, facilitator: Facilitator, session: Session, cards) -> SessionPay | None:
    work = session_meeting_work(
        session=session, facilitator=facilitator, lived_experience=_lived_experience(facilitator)
    )
    if not work:
        return None
    try:
        return session_pay_compute(meetings=work, rate_cards=cards)
    except PayRuleError as exc:
        raise PayStatementError(
            gettext("“%(session)s”: %(exc)s") % {"session": session, "exc": exc}
        ) from exc


def _already_on_statement(*, facilitator: Facilitator, session: Session) -> PayStatement | None:
    line = (
        PayStatementLine.objects.filter(statement__facilitator=facilitator, session=session)
        .select_related("statement")
        .first()
    )
    return line.statement if line else None


def _lines_for(statement: PayStatement, pays: Sequence[tuple[Session, SessionPay]]):
    order = 0
    for session, pay in pays:
        for line in pay.lines:
            order += 1
            yield PayStatementLine(
                statement=statement,
                session=session,
                meeting_id=line.meeting_id,
                kind=line.kind.value,
                description=line.description,
                day=line.day,
                role=line.role,
                hours=line.hours.quantize(PayStatementLine.HOURS_QUANTUM),
                rate_cents=line.rate_cents,
                amount_cents=line.amount_cents,
                rate_card_id=line.rate_card_id,
                sort_order=order,
            )


def _statement_store(
    *,
    facilitator: Facilitator,
    period: str,
    period_start: dt.date,
    period_end: dt.date,
    session: Session | None,
    pays: Sequence[tuple[Session, SessionPay]],
    by,
) -> PayStatement:
    try:
        with transaction.atomic():
            statement = PayStatement.objects.create(
                facilitator=facilitator,
                period=period,
                period_start=period_start,
                period_end=period_end,
                session=session,
                pay_cents=sum(pay.total_cents for _, pay in pays),
                computed_at=timezone.now(),
                created_by=by,
            )
            PayStatementLine.objects.bulk_create(_lines_for(statement, pays))
            audit_log(
                instance=statement,
                action="lms.pay_statement.create",
                user=by,
                data={
                    "sessions": [s.pk for s, _ in pays],
                    "pay_cents": statement.pay_cents,
                },
            )
    except IntegrityError as exc:
        raise PayStatementError(
            f"{facilitator} already has a statement for this period; open it instead."
        ) from exc
    return statement


def pay_statement_create_for_session(
    *, facilitator: Facilitator, session: Session, by
) -> PayStatement:
    """A statement for one session. Refused, with the reason, unless its report is filed."""
    refusal = session_report_refusal(session=session)
    if refusal:
        raise PayStatementError(refusal)
    existing = _already_on_statement(facilitator=facilitator, session=session)
    if existing:
        raise PayStatementError(
            gettext("“%(session)s” is already on %(name)s’s %(existing)s.")
            % {"session": session, "name": facilitator.name, "existing": existing}
        )
    pay = _session_pay(facilitator=facilitator, session=session, cards=_rate_cards_for(facilitator))
    if pay is None:
        raise PayStatementError(
            f"The session report for “{session}” does not name {facilitator.name} as a "
            "facilitator of any meeting."
        )
    days = [line.day for line in pay.lines]
    return _statement_store(
        facilitator=facilitator,
        period=StatementPeriod.SESSION,
        period_start=min(days),
        period_end=max(days),
        session=session,
        pays=[(session, pay)],
        by=by,
    )


@dataclass
class MonthlyStatement:
    statement: PayStatement
    left_out: list[str] = field(default_factory=list)


def pay_statement_create_for_month(
    *, facilitator: Facilitator, year: int, month: int, by
) -> MonthlyStatement:
    """A statement with every session this facilitator worked that ended by the end of the
    month, has a filed report and is on no statement yet (late reports catch up here).
    Sessions of the month whose report is not filed are left out, and the reasons returned."""
    first, last = month_bounds(year, month)
    label = f"{first:%B %Y}"
    existing = PayStatement.objects.filter(
        facilitator=facilitator, period=StatementPeriod.MONTH, period_start=first
    ).first()
    if existing:
        raise PayStatementError(
            f"{facilitator.name} already has a statement for {label}: {existing}."
        )
    ends = _local_midnight(last + dt.timedelta(days=1))
    paid_sessions = PayStatementLine.objects.filter(statement__facilitator=facilitator).values(
        "session"
    )
    sessions = sessions_filed_for(facilitator=facilitator, ended_by=ends).exclude(
        pk__in=paid_sessions
    )
    left_out = [
        session_report_refusal(session=session)
        for session in sessions_awaiting_report(
            facilitator=facilitator, starts=_local_midnight(first), ends=ends
        )
    ]
    cards = _rate_cards_for(facilitator)
    pays = []
    for session in sessions:
        pay = _session_pay(facilitator=facilitator, session=session, cards=cards)
        if pay is not None:
            pays.append((session, pay))
    if not pays:
        raise PayStatementError(
            f"Nothing to pay {facilitator.name} for {label}: no session with a filed report is "
            "waiting for payment.",
            *left_out,
        )
    statement = _statement_store(
        facilitator=facilitator,
        period=StatementPeriod.MONTH,
        period_start=first,
        period_end=last,
        session=None,
        pays=pays,
        by=by,
    )
    return MonthlyStatement(statement=statement, left_out=left_out)


@dataclass
class PreparedStatements:
    created: list[PayStatement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pay_statements_prepare(*, year: int, month: int, by) -> PreparedStatements:
    """Draft statements for a month, per the facilitator pay setting (month or session).

    Everyone who worked in the month is considered, and so is anyone with an earlier session
    whose report was filed late and is on no statement yet. Refusals for people who worked in
    the month come back as notes; people with nothing due are passed over quietly.
    """
    period = FacilitatorPaySettings.load().statement_period
    first, last = month_bounds(year, month)
    starts, ends = _local_midnight(first), _local_midnight(last + dt.timedelta(days=1))
    result = PreparedStatements()
    for facilitator in facilitators_with_work():
        in_month = list(sessions_worked_in(facilitator=facilitator, starts=starts, ends=ends))
        if period == StatementPeriod.MONTH:
            try:
                made = pay_statement_create_for_month(
                    facilitator=facilitator, year=year, month=month, by=by
                )
            except PayStatementError as exc:
                if in_month:
                    result.notes.extend(exc.reasons)
                continue
            result.created.append(made.statement)
            result.notes.extend(made.left_out)
            continue
        late = sessions_filed_for(facilitator=facilitator, ended_by=ends)
        for session in sorted({*in_month, *late}, key=lambda s: (s.starts_at, s.pk)):
            if _already_on_statement(facilitator=facilitator, session=session):
                continue
            try:
                result.created.append(
                    pay_statement_create_for_session(
                        facilitator=facilitator, session=session, by=by
                    )
                )
            except PayStatementError as exc:
                result.notes.extend(exc.reasons)
    return result


def _locked(statement: PayStatement) -> PayStatement:
    return PayStatement.objects.select_for_update().get(pk=statement.pk)


def _statement_sessions(statement: PayStatement):
    ids = statement.lines.values_list("session", flat=True).distinct()
    return Session.objects.filter(pk__in=ids).select_related("training")


def pay_statement_recompute(*, statement: PayStatement, by) -> PayStatement:
    """Recompute a draft's lines from the current reports and rate cards (same sessions)."""
    with transaction.atomic():
        statement = _locked(statement)
        if statement.status != Status.DRAFT:
            raise PayStatementError(
                gettext("Only a draft can be recomputed; this one is approved.")
            )
        sessions = list(_statement_sessions(statement))
        refusals = [session_report_refusal(session=session) for session in sessions]
        if any(refusals):
            raise PayStatementError(*refusals)
        cards = _rate_cards_for(statement.facilitator)
        pays = []
        for session in sessions:
            pay = _session_pay(facilitator=statement.facilitator, session=session, cards=cards)
            if pay is not None:
                pays.append((session, pay))
        before = statement.pay_cents
        statement.lines.all().delete()
        PayStatementLine.objects.bulk_create(_lines_for(statement, pays))
        statement.pay_cents = sum(pay.total_cents for _, pay in pays)
        statement.computed_at = timezone.now()
        statement.save(update_fields=["pay_cents", "computed_at"])
        audit_log(
            instance=statement,
            action="lms.pay_statement.recompute",
            user=by,
            data={"pay_cents_before": before, "pay_cents": statement.pay_cents},
        )
    return statement


def pay_statement_discard(*, statement: PayStatement, by) -> None:
    """Delete a draft (it has no number yet, so the numbering keeps no gap)."""
    with transaction.atomic():
        statement = _locked(statement)
        if statement.status != Status.DRAFT:
            raise PayStatementError(
                gettext("Only a draft can be discarded; approved statements stay.")
            )
        audit_log(
            instance=statement,
            action="lms.pay_statement.discard",
            user=by,
            data={"pay_cents": statement.pay_cents},
        )
        statement.delete()


def _expenses_total(statement: PayStatement) -> int:
    return statement.expenses.aggregate(total=Sum("amount_cents"))["total"] or 0


def expense_line_add(
    *, statement: PayStatement, kind: str, description: str, amount_cents: int, by
) -> ExpenseLine:
    """A reimbursed cost on a draft statement: paid with it, but not pay (not on the 1099)."""
    if amount_cents <= 0:
        raise PayStatementError(gettext("An expense must be more than $0.00."))
    if kind not in ExpenseLine.Kind.values:
        raise PayStatementError(gettext("Choose travel, access costs or other."))
    if not description.strip():
        raise PayStatementError(gettext("Say what the expense was for."))
    with transaction.atomic():
        statement = _locked(statement)
        if statement.status != Status.DRAFT:
            raise PayStatementError(gettext("Expenses can only be added to a draft statement."))
        expense = ExpenseLine.objects.create(
            statement=statement,
            kind=kind,
            description=description.strip(),
            amount_cents=amount_cents,
            added_by=by,
        )
        statement.expenses_cents = _expenses_total(statement)
        statement.save(update_fields=["expenses_cents"])
        audit_log(
            instance=statement,
            action="lms.pay_statement.expense_add",
            user=by,
            data={"kind": kind, "description": expense.description, "amount_cents": amount_cents},
        )
    return expense


def expense_line_remove(*, expense: ExpenseLine, by) -> None:
    with transaction.atomic():
        statement = _locked(expense.statement)
        if statement.status != Status.DRAFT:
            raise PayStatementError(gettext("Expenses can only be removed from a draft statement."))
        audit_log(
            instance=statement,
            action="lms.pay_statement.expense_remove",
            user=by,
            data={"description": expense.description, "amount_cents": expense.amount_cents},
        )
        expense.delete()
        statement.expenses_cents = _expenses_total(statement)
        statement.save(update_fields=["expenses_cents"])


def _next_number(name: str) -> int:
    sequence, _ = NumberSequence.objects.select_for_update().get_or_create(name=name)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def pay_statement_approve(*, statement: PayStatement, by) -> PayStatement:
    """Approve a draft: it gets the next statement number and its PDF is issued."""

    with transaction.atomic():
        statement = _locked(statement)
        if statement.status != Status.DRAFT:
            return statement  # already approved (or paid): nothing to do
        sessions = list(_statement_sessions(statement))
        refusals = [session_report_refusal(session=session) for session in sessions]
        if any(refusals):
            raise PayStatementError(*refusals)
        for session in sessions:
            filed_at = session_report_filed_at(session=session)
            if filed_at and statement.computed_at and filed_at > statement.computed_at:
                raise PayStatementError(
                    f"The session report for “{session}” was filed again after this statement "
                    "was computed. Recompute the statement, check it, then approve."
                )
        if statement.total_cents <= 0:
            raise PayStatementError(
                "Nothing is owed on this statement. Add an expense line or discard it."
            )
        statement.transition_to(Status.APPROVED)
        statement.number = _next_number(STATEMENT_SEQUENCE)
        statement.approved_at, statement.approved_by = timezone.now(), by
        statement.save()
        audit_log(
            instance=statement,
            action="lms.pay_statement.approve",
            user=by,
            data={"number": statement.display_number, "total_cents": statement.total_cents},
        )
        pay_statement_pdf_enqueue(statement_id=statement.pk)
    return statement


Status = PayStatement.Status


@dataclass(frozen=True)
class PayoutResult:
    payout: Payout
    created: bool  # False when the statement had already been paid (nothing was done)

    @property
    def succeeded(self) -> bool:
        return self.payout.status == Payout.Status.SUCCEEDED


def _profile(statement: PayStatement) -> FacilitatorPayProfile:
    profile = FacilitatorPayProfile.objects.filter(facilitator_id=statement.facilitator_id).first()
    if profile is None:
        raise PayStatementError(
            f"{statement.facilitator.name} has no pay profile yet. Add one with their legal name "
            "and W-9 before paying."
        )
    if not profile.w9_on_file:
        raise PayStatementError(
            f"No W-9 is on file for {profile.legal_name}. Record the date the W-9 was received "
            "in their pay profile before paying."
        )
    return profile


def _lock_payable(statement: PayStatement) -> tuple[PayStatement, Payout | None]:
    statement = PayStatement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == Status.PAID:
        return statement, statement.payouts.get(status=Payout.Status.SUCCEEDED)
    if statement.status != Status.APPROVED:
        raise PayStatementError(gettext("Approve the statement before paying it."))
    return statement, None


def _mark_paid(*, statement: PayStatement, payout: Payout, by) -> None:
    statement.transition_to(Status.PAID)
    statement.paid_on = payout.paid_on
    statement.payout_error = ""
    statement.save(update_fields=["status", "paid_on", "payout_error"])
    audit_log(
        instance=statement,
        action="lms.pay_statement.pay",
        user=by,
        data={
            "method": payout.method,
            "amount_cents": payout.amount_cents,
            "reference": payout.reference,
            "transfer": payout.stripe_transfer_id,
            "paid_on": payout.paid_on.isoformat(),
        },
    )
    pay_statement_pdf_enqueue(statement_id=statement.pk)


def pay_statement_record_payment(
    *, statement: PayStatement, method: str, reference: str, paid_on: dt.date, by
) -> PayoutResult:
    """Record a statement as paid by check or ACH (the money moved outside this system)."""
    if method not in (PayoutMethod.CHECK, PayoutMethod.ACH):
        raise PayStatementError(gettext("Record a payment by check or ACH."))
    reference = reference.strip()
    if not reference:
        raise PayStatementError(gettext("Give the check number or the ACH trace number."))
    if paid_on is None or paid_on > timezone.localdate():
        raise PayStatementError(gettext("Give the date the payment was made (not in the future)."))
    with transaction.atomic():
        statement, existing = _lock_payable(statement)
        if existing:
            return PayoutResult(payout=existing, created=False)
        _profile(statement)
        payout = Payout.objects.create(
            statement=statement,
            method=method,
            status=Payout.Status.SUCCEEDED,
            amount_cents=statement.total_cents,
            paid_on=paid_on,
            reference=reference,
            created_by=by,
        )
        _mark_paid(statement=statement, payout=payout, by=by)
    return PayoutResult(payout=payout, created=True)


def pay_statement_pay_by_connect(*, statement: PayStatement, by) -> PayoutResult:
    """Transfer the statement total to the facilitator's connected account.

    A transfer Stripe refuses leaves the statement approved and unpaid with the error kept on
    it (and a failed Payout for the record); Finance can try again or pay by check.
    """
    if not settings.STRIPE_CONNECT_ENABLED:
        raise PayStatementError(
            "Direct deposit through Stripe Connect is switched off (STRIPE_CONNECT_ENABLED). "
            "Record a check or ACH payment instead."
        )
    with transaction.atomic():
        statement, existing = _lock_payable(statement)
        if existing:
            return PayoutResult(payout=existing, created=False)
        profile = _profile(statement)
        if not profile.connect_account_id:
            raise PayStatementError(
                f"{profile.legal_name} has not set up direct deposit yet. Pay by check or ACH, "
                "or ask them to set it up in the facilitator portal."
            )
        if profile.connect_status != ConnectStatus.ENABLED:
            raise PayStatementError(
                f"Stripe cannot pay {profile.legal_name} yet: their direct deposit status is "
                f"“{profile.get_connect_status_display()}”."
            )
        attempt = statement.payouts.count() + 1
        key = f"coalition-pay-statement-{statement.pk}-attempt-{attempt}"
        try:
            transfer = stripe_connect.transfer_create(
                account_id=profile.connect_account_id,
                amount_cents=statement.total_cents,
                description=f"Pay statement {statement.display_number}",
                metadata={"pay_statement": statement.pk, "number": statement.display_number},
                transfer_group=f"pay-statement-{statement.pk}",
                idempotency_key=key,
            )
        except stripe_connect.ConnectError as exc:
            payout = Payout.objects.create(
                statement=statement,
                method=PayoutMethod.STRIPE_CONNECT,
                status=Payout.Status.FAILED,
                amount_cents=statement.total_cents,
                idempotency_key=key,
                error_message=exc.message,
                created_by=by,
            )
            statement.payout_error = exc.message
            statement.save(update_fields=["payout_error"])
            audit_log(
                instance=statement,
                action="lms.pay_statement.payout_failed",
                user=by,
                data={"error": exc.message, "code": exc.code, "idempotency_key": key},
            )
            return PayoutResult(payout=payout, created=True)
        payout = Payout.objects.create(
            statement=statement,
            method=PayoutMethod.STRIPE_CONNECT,
            status=Payout.Status.SUCCEEDED,
            amount_cents=transfer.amount_cents,
            paid_on=timezone.localdate(),
            stripe_transfer_id=transfer.id,
            idempotency_key=key,
            created_by=by,
        )
        _mark_paid(statement=statement, payout=payout, by=by)
    return PayoutResult(payout=payout, created=True)


def _connect_status(state: stripe_connect.AccountState) -> str:
    if state.payouts_enabled and state.transfers_active:
        return ConnectStatus.ENABLED
    if state.details_submitted and (state.disabled_reason or state.currently_due):
        return ConnectStatus.RESTRICTED
    return ConnectStatus.ONBOARDING


def connect_onboarding_link(
    *, profile: FacilitatorPayProfile, refresh_url: str, return_url: str, by
) -> str:
    """The Stripe onboarding URL for a facilitator; creates their connected account first."""
    if not settings.STRIPE_CONNECT_ENABLED:
        raise PayStatementError(
            "Direct deposit is not available yet; the coalition pays by check or ACH."
        )
    with transaction.atomic():
        profile = FacilitatorPayProfile.objects.select_for_update().get(pk=profile.pk)
        if not profile.connect_account_id:
            try:
                state = stripe_connect.account_create(
                    email=profile.email or profile.facilitator.email,
                    facilitator_id=profile.facilitator_id,
                    idempotency_key=f"coalition-facilitator-{profile.facilitator_id}-account",
                )
            except stripe_connect.ConnectError as exc:
                raise PayStatementError(exc.message) from exc
            profile.connect_account_id = state.id
            profile.connect_status = _connect_status(state)
            profile.connect_status_updated_at = timezone.now()
            profile.payout_method = PayoutMethod.STRIPE_CONNECT
            profile.save()
            audit_log(
                instance=profile,
                action="lms.pay_profile.connect_start",
                user=by,
                data={"account": state.id},
            )
    try:
        return stripe_connect.account_link_create(
            account_id=profile.connect_account_id, refresh_url=refresh_url, return_url=return_url
        )
    except stripe_connect.ConnectError as exc:
        raise PayStatementError(exc.message) from exc


def connect_account_sync(*, account_id: str) -> FacilitatorPayProfile | None:
    """Re-read a connected account from Stripe and keep the profile's payout status."""
    profile = FacilitatorPayProfile.objects.filter(connect_account_id=account_id).first()
    if profile is None:
        return None
    state = stripe_connect.account_retrieve(account_id=account_id)
    status = _connect_status(state)
    with transaction.atomic():
        profile = FacilitatorPayProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.connect_status != status:
            audit_log(
                instance=profile,
                action="lms.pay_profile.connect_status",
                user=None,
                data={"from": profile.connect_status, "to": status, "account": account_id},
            )
            profile.connect_status = status
        profile.connect_status_updated_at = timezone.now()
        profile.save(update_fields=["connect_status", "connect_status_updated_at"])
    return profile


PAY_STATEMENT_TEMPLATE = "pdf/pay_statement.html"


def pay_statement_context(*, statement: PayStatement) -> dict:
    profile = FacilitatorPayProfile.objects.filter(facilitator=statement.facilitator).first()
    lines = list(statement.lines.select_related("session__training").order_by("sort_order"))
    sessions = []
    for line in lines:
        if not sessions or sessions[-1]["session"].pk != line.session_id:
            sessions.append({"session": line.session, "lines": [], "total_cents": 0})
        sessions[-1]["lines"].append(line)
        sessions[-1]["total_cents"] += line.amount_cents
    return {
        "statement": statement,
        "profile": profile,
        "sessions": sessions,
        "expenses": list(statement.expenses.all()),
        "payout": statement.succeeded_payout,
        "pay_settings": FacilitatorPaySettings.load(),
    }


def pay_statement_pdf_render(*, statement: PayStatement) -> bytes:
    return pdf_render(
        template_name=PAY_STATEMENT_TEMPLATE,
        context=pay_statement_context(statement=statement),
    )


def pay_statement_pdf_store(*, statement: PayStatement) -> str:
    """Store the statement's PDF privately, replacing the last one; returns its name."""
    return pdf_render_and_store(
        instance=statement,
        filename=f"{statement.display_number}.pdf",
        template_name=PAY_STATEMENT_TEMPLATE,
        context=pay_statement_context(statement=statement),
    )


def pay_statement_pdf_enqueue(*, statement_id: int) -> None:
    """(Re)issue the statement PDF once the current transaction commits."""
    enqueue_on_commit(
        "lms.tasks.compensation.pay_statement_pdf_store", statement_id, group="pay-statements"
    )
