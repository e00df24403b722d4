"""Pay statements from filed session reports (needs the attendance issue's session reports)."""

import datetime as dt

import pytest

from lms.models import PayStatement, RateCard, SessionFacilitator
from lms.services.compensation import (
    PayStatementError,
    expense_line_add,
    pay_statement_approve,
    pay_statement_create_for_month,
    pay_statement_create_for_session,
    pay_statement_discard,
    pay_statement_recompute,
)
from tests.factories import FacilitatorFactory, RateCardFactory, UserFactory
from tests.factories.compensation import series_session, session_report_file

pytestmark = pytest.mark.django_db

LEAD, CO = SessionFacilitator.Role.LEAD, SessionFacilitator.Role.CO


@pytest.fixture
def finance():
    return UserFactory(email="finance@example.org")


@pytest.fixture
def okafor():
    return FacilitatorFactory(name="Amara Okafor")


@pytest.fixture
def lee():
    return FacilitatorFactory(name="Jordan Lee")


@pytest.fixture
def standard_card():
    return RateCardFactory(name="Standard 2026")


def lines(statement):
    return [(line.kind, line.amount_cents) for line in statement.lines.order_by("sort_order")]


def test_lead_and_co_facilitator_on_one_session(finance, okafor, lee, standard_card):
    session = series_session(
        meetings=[("2026-02-10", "09:30", 180)], facilitators={okafor: LEAD, lee: CO}
    )
    session_report_file(session=session, delivered=[("09:30", 180, {okafor: LEAD, lee: CO})])

    lead = pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    co = pay_statement_create_for_session(facilitator=lee, session=session, by=finance)

    assert lines(lead) == [("delivery", 22500), ("preparation", 22500)]
    assert lines(co) == [("delivery", 15000), ("preparation", 15000)]
    assert (lead.pay_cents, co.pay_cents) == (45000, 30000)
    assert lead.status == PayStatement.Status.DRAFT and lead.number is None
    assert lead.lines.first().rate_card == standard_card


def test_cancelled_meeting_and_a_meeting_that_ran_long(finance, okafor, standard_card):
    session = series_session(
        meetings=[("2026-02-03", "09:30", 180), ("2026-02-10", "09:30", 180)],
        facilitators={okafor: LEAD},
    )
    session_report_file(session=session, delivered=[None, ("09:30", 215, {okafor: LEAD})])
    statement = pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    assert lines(statement) == [("cancelled", 0), ("delivery", 26875), ("preparation", 22500)]
    assert statement.pay_cents == 49375


def test_rate_change_between_two_meetings_of_one_series(finance, okafor):
    RateCard.objects.create(
        name="Standard Q1",
        effective_from=dt.date(2026, 1, 1),
        effective_until=dt.date(2026, 3, 31),
        lead_hourly_cents=7500,
        co_hourly_cents=5000,
        prep_hours_per_delivered_hour=1,
        minimum_per_session_cents=0,
    )
    RateCard.objects.create(
        name="Standard from April",
        effective_from=dt.date(2026, 4, 1),
        lead_hourly_cents=8000,
        co_hourly_cents=5500,
        prep_hours_per_delivered_hour=1,
        minimum_per_session_cents=0,
    )
    session = series_session(
        meetings=[("2026-03-25", "09:30", 120), ("2026-04-08", "09:30", 120)],
        facilitators={okafor: LEAD},
    )
    session_report_file(
        session=session,
        delivered=[("09:30", 120, {okafor: LEAD}), ("09:30", 120, {okafor: LEAD})],
    )
    statement = pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    assert [line.rate_cents for line in statement.lines.order_by("sort_order")] == [
        7500,
        7500,
        8000,
        8000,
    ]
    assert statement.pay_cents == 62000


def test_the_minimum_per_session_applies(finance, lee, standard_card):
    session = series_session(meetings=[("2026-02-10", "12:00", 60)], facilitators={lee: CO})
    session_report_file(session=session, delivered=[("12:00", 60, {lee: CO})])
    statement = pay_statement_create_for_session(facilitator=lee, session=session, by=finance)
    assert lines(statement) == [("delivery", 5000), ("preparation", 5000), ("minimum", 15000)]


def test_a_session_without_a_filed_report_is_refused_with_the_reason(finance, okafor):
    session = series_session(meetings=[("2026-02-10", "09:30", 60)], facilitators={okafor: LEAD})
    with pytest.raises(PayStatementError, match="No session report has been filed"):
        pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    session_report_file(session=session, delivered=[("09:30", 60, {okafor: LEAD})], filed=False)
    with pytest.raises(PayStatementError, match="still a draft"):
        pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    assert not PayStatement.objects.exists()


def test_no_rate_card_in_force_is_refused(finance, okafor):
    session = series_session(meetings=[("2026-02-10", "09:30", 60)], facilitators={okafor: LEAD})
    session_report_file(session=session, delivered=[("09:30", 60, {okafor: LEAD})])
    with pytest.raises(PayStatementError, match="No rate card is in force on Feb 10, 2026"):
        pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)


def test_a_session_is_paid_once(finance, okafor, standard_card):
    session = series_session(meetings=[("2026-02-10", "09:30", 60)], facilitators={okafor: LEAD})
    session_report_file(session=session, delivered=[("09:30", 60, {okafor: LEAD})])
    pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    with pytest.raises(PayStatementError, match="already on"):
        pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)


def test_monthly_statement_leaves_out_unfiled_sessions_and_catches_them_up(
    finance, okafor, standard_card
):
    filed = series_session(meetings=[("2026-02-10", "09:30", 180)], facilitators={okafor: LEAD})
    late = series_session(meetings=[("2026-02-17", "09:30", 60)], facilitators={okafor: LEAD})
    session_report_file(session=filed, delivered=[("09:30", 180, {okafor: LEAD})])

    february = pay_statement_create_for_month(facilitator=okafor, year=2026, month=2, by=finance)
    assert february.statement.pay_cents == 45000
    assert february.statement.period_start == dt.date(2026, 2, 1)
    assert len(february.left_out) == 1
    assert "No session report has been filed" in february.left_out[0]

    session_report_file(session=late, delivered=[("09:30", 60, {okafor: LEAD})])
    march = pay_statement_create_for_month(facilitator=okafor, year=2026, month=3, by=finance)
    assert {line.session_id for line in march.statement.lines.all()} == {late.pk}
    assert march.statement.pay_cents == 25000  # 1 h + 1 h prep = $150, minimum $250

    with pytest.raises(PayStatementError, match="already has a statement for February 2026"):
        pay_statement_create_for_month(facilitator=okafor, year=2026, month=2, by=finance)


def test_nothing_to_pay_in_a_month_says_why(finance, okafor, standard_card):
    series_session(meetings=[("2026-02-17", "09:30", 60)], facilitators={okafor: LEAD})
    with pytest.raises(PayStatementError) as refused:
        pay_statement_create_for_month(facilitator=okafor, year=2026, month=2, by=finance)
    assert refused.value.reasons[0].startswith("Nothing to pay Amara Okafor for February 2026")
    assert "No session report has been filed" in refused.value.reasons[1]


def test_numbers_are_sequential_without_gaps(finance, okafor, lee, standard_card):
    statements = []
    for day in ("2026-02-03", "2026-02-10", "2026-02-17"):
        session = series_session(meetings=[(day, "09:30", 60)], facilitators={okafor: LEAD})
        session_report_file(session=session, delivered=[("09:30", 60, {okafor: LEAD})])
        statements.append(
            pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
        )
    first, discarded, third = statements
    pay_statement_discard(statement=discarded, by=finance)
    pay_statement_approve(statement=third, by=finance)
    pay_statement_approve(statement=first, by=finance)
    pay_statement_approve(statement=first, by=finance)  # twice: nothing changes
    numbers = sorted(PayStatement.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
    first.refresh_from_db()
    assert first.display_number == "PS-000002"


def test_approval_refused_when_the_report_was_reopened_or_refiled(finance, okafor, standard_card):
    session = series_session(meetings=[("2026-02-10", "09:30", 60)], facilitators={okafor: LEAD})
    report = session_report_file(session=session, delivered=[("09:30", 60, {okafor: LEAD})])
    statement = pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)

    report.status = "draft"
    report.save()
    with pytest.raises(PayStatementError, match="still a draft"):
        pay_statement_approve(statement=statement, by=finance)

    session_report_file(session=session, delivered=[("09:30", 150, {okafor: LEAD})])
    with pytest.raises(PayStatementError, match="filed again after this statement"):
        pay_statement_approve(statement=statement, by=finance)

    statement = pay_statement_recompute(statement=statement, by=finance)
    assert statement.pay_cents == 37500  # 2.5 h + 2.5 h prep at $75
    assert pay_statement_approve(statement=statement, by=finance).number == 1


def test_expenses_are_added_to_drafts_only(finance, okafor, standard_card):
    session = series_session(meetings=[("2026-02-10", "09:30", 180)], facilitators={okafor: LEAD})
    session_report_file(session=session, delivered=[("09:30", 180, {okafor: LEAD})])
    statement = pay_statement_create_for_session(facilitator=okafor, session=session, by=finance)
    expense_line_add(
        statement=statement,
        kind="travel",
        description="Mileage Springfield–Chicago, 404 miles",
        amount_cents=28078,
        by=finance,
    )
    statement.refresh_from_db()
    assert (statement.pay_cents, statement.expenses_cents, statement.total_cents) == (
        45000,
        28078,
        73078,
    )
    pay_statement_approve(statement=statement, by=finance)
    with pytest.raises(PayStatementError, match="draft"):
        expense_line_add(
            statement=statement, kind="access", description="ASL", amount_cents=1, by=finance
        )


def test_prepare_a_month_per_facilitator(finance, okafor, lee, standard_card):
    from lms.services.compensation import pay_statements_prepare

    first = series_session(
        meetings=[("2026-02-10", "09:30", 180)], facilitators={okafor: LEAD, lee: CO}
    )
    # Jordan Lee also stood in, unassigned, for Dr. Okafor's other session.
    second = series_session(meetings=[("2026-02-20", "09:30", 60)], facilitators={okafor: LEAD})
    unfiled = series_session(meetings=[("2026-02-24", "09:30", 60)], facilitators={lee: LEAD})
    session_report_file(session=first, delivered=[("09:30", 180, {okafor: LEAD, lee: CO})])
    session_report_file(session=second, delivered=[("09:30", 60, {lee: LEAD})])

    prepared = pay_statements_prepare(year=2026, month=2, by=finance)

    totals = {s.facilitator.name: s.pay_cents for s in prepared.created}
    # Okafor: the 3-hour session only. Lee: co on the first ($300) + lead for the second ($250).
    assert totals == {"Amara Okafor": 45000, "Jordan Lee": 30000 + 25000}
    assert len(prepared.notes) == 1 and str(unfiled.training.title) in prepared.notes[0]
    again = pay_statements_prepare(year=2026, month=2, by=finance)
    assert again.created == []


def test_prepare_a_month_per_session(finance, okafor, standard_card):
    from lms.models import FacilitatorPaySettings, StatementPeriod
    from lms.services.compensation import pay_statements_prepare

    pay_settings = FacilitatorPaySettings.load()
    pay_settings.statement_period = StatementPeriod.SESSION
    pay_settings.save()
    january = series_session(meetings=[("2026-01-27", "09:30", 60)], facilitators={okafor: LEAD})
    february = series_session(meetings=[("2026-02-10", "09:30", 60)], facilitators={okafor: LEAD})
    session_report_file(session=january, delivered=[("09:30", 60, {okafor: LEAD})])
    session_report_file(session=february, delivered=[("09:30", 60, {okafor: LEAD})])

    prepared = pay_statements_prepare(year=2026, month=2, by=finance)

    # January's report was filed late: it is caught up with its own statement.
    assert sorted(s.session_id for s in prepared.created) == [january.pk, february.pk]
    assert all(s.period == StatementPeriod.SESSION for s in prepared.created)
