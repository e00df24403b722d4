"""Properties of the scholarship ledger over generated sequences of credits, awards, uses
and releases (hypothesis): the ledger always balances, a fund never commits more than it
holds, and the awards agree with the ledger."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.models import ScholarshipApplication, ScholarshipAward, ScholarshipLedgerEntry
from lms.rules import scholarships as scholarship_rules
from lms.services.scholarship_ledger import (
    FundError,
    _award_close,
    fund_commit,
    fund_credit,
    fund_position_read,
)
from tests.factories import RegistrationFactory, ScholarshipFundFactory, SessionFactory

amounts = st.integers(min_value=1, max_value=500_000)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("credit"), amounts),
        st.tuples(st.just("award"), amounts),
        st.tuples(st.sampled_from(["use", "release"]), st.integers(0, 20)),
    ),
    max_size=25,
)


def balanced(position: scholarship_rules.FundPosition) -> None:
    assert position.outstanding_cents >= 0
    assert position.available_cents >= 0  # never committed more than it holds
    assert position.held_cents >= 0
    assert position.credited_cents == (
        position.available_cents + position.outstanding_cents + position.spent_cents
    )


@given(steps=steps)
def test_the_pure_ledger_balances_after_any_sequence(steps):
    entries, open_commitments = [], []
    for step, value in steps:
        position = scholarship_rules.fund_position(entries)
        if step == "credit":
            entries.append((scholarship_rules.CREDIT, value))
        elif step == "award":
            if value <= position.available_cents:  # the check fund_commit makes
                entries.append((scholarship_rules.COMMITMENT, value))
                open_commitments.append(value)
        elif open_commitments:
            amount = open_commitments.pop(value % len(open_commitments))
            kind = scholarship_rules.SPEND if step == "use" else scholarship_rules.RELEASE
            entries.append((kind, amount))
        balanced(scholarship_rules.fund_position(entries))
    assert scholarship_rules.fund_position(entries).outstanding_cents == sum(open_commitments)


@pytest.mark.django_db
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_the_stored_ledger_balances_after_any_sequence(steps):
    with transaction.atomic():
        fund = ScholarshipFundFactory()
        session = SessionFactory()
        for step, value in steps:
            if step == "credit":
                fund_credit(fund=fund, amount_cents=value, note="Grant")
            elif step == "award":
                registration = RegistrationFactory(session=session)
                application = ScholarshipApplication.objects.create(
                    fund=fund,
                    person=registration.person,
                    session=session,
                    registration=registration,
                    need_statement="Need",
                    coverage=ScholarshipApplication.Coverage.AMOUNT,
                    amount_requested_cents=value,
                    decision_due_at=timezone.now() + dt.timedelta(days=1),
                )
                award = ScholarshipAward.objects.create(
                    application=application,
                    fund=fund,
                    registration=registration,
                    person=registration.person,
                    amount_cents=value,
                )
                before = fund_position_read(fund=fund)
                try:
                    with transaction.atomic():
                        fund_commit(fund=fund, award=award)
                except FundError:
                    assert value > before.available_cents
                    award.delete()
                    application.delete()
                else:
                    assert value <= before.available_cents
            else:
                committed = list(
                    ScholarshipAward.objects.filter(
                        fund=fund, status=ScholarshipAward.Status.COMMITTED
                    ).order_by("pk")
                )
                if committed:
                    award = committed[value % len(committed)]
                    kind = (
                        ScholarshipLedgerEntry.Kind.SPEND
                        if step == "use"
                        else ScholarshipLedgerEntry.Kind.RELEASE
                    )
                    _award_close(award, kind=kind, why="test")
                    _award_close(award, kind=kind, why="twice")  # idempotent
            position = fund_position_read(fund=fund)
            balanced(position)
            by_status = {
                status: sum(
                    a.amount_cents
                    for a in ScholarshipAward.objects.filter(fund=fund, status=status)
                )
                for status in ScholarshipAward.Status.values
            }
            assert position.outstanding_cents == by_status[ScholarshipAward.Status.COMMITTED]
            assert position.spent_cents == by_status[ScholarshipAward.Status.USED]
        transaction.set_rollback(True)
