"""A fund's no-show policy: the pure rule as a table, then applied through the services."""

import datetime as dt

import pytest
from wagtail.models import ModelLogEntry

from lms.models import ScholarshipAward, ScholarshipFund, ScholarshipLedgerEntry
from lms.rules.scholarships import (
    Applicant,
    FundRules,
    NoShowOutcome,
    eligibility_refusal,
    months_after,
    no_show_outcome,
)
from lms.services.attendance import attendance_check_in
from lms.services.scholarship_ledger import awards_no_show_apply, fund_position_read
from lms.services.scholarships import (
    ScholarshipError,
    registration_finish_without_payment,
    scholarship_apply,
    scholarship_award,
)
from tests.factories import ProfileFactory, ScholarshipFundFactory, UserFactory, paid_session
from tests.factories.compensation import session_report_file

D = dt.date
ENDED = D(2026, 1, 31)
BASE = {
    "policy": "spend",
    "wait_months": 0,
    "award_used": True,
    "already_applied": False,
    "report_filed": True,
    "attended": False,
    "session_ended_on": ENDED,
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, NoShowOutcome(return_to_fund=False, wait_until=None)),
        ({"policy": "release"}, NoShowOutcome(return_to_fund=True, wait_until=None)),
        ({"wait_months": 6}, NoShowOutcome(return_to_fund=False, wait_until=D(2026, 7, 31))),
        (
            {"policy": "release", "wait_months": 1},
            NoShowOutcome(return_to_fund=True, wait_until=D(2026, 2, 28)),
        ),
        ({"attended": True}, None),
        ({"award_used": False}, None),
        ({"already_applied": True}, None),
        ({"report_filed": False}, None),
        ({"session_ended_on": None}, None),
    ],
)
def test_no_show_outcome(changes, expected):
    assert no_show_outcome(**{**BASE, **changes}) == expected


def test_an_unknown_policy_is_an_error():
    with pytest.raises(ValueError):
        no_show_outcome(**{**BASE, "policy": "forgive"})


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 0, D(2026, 1, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 5), 12, D(2027, 12, 5)),
    ],
)
def test_months_after(day, months, expected):
    assert months_after(day, months) == expected


@pytest.mark.parametrize(
    ("wait_until", "today", "refused"),
    [
        (None, D(2026, 3, 1), False),
        (D(2026, 7, 31), D(2026, 7, 30), True),
        (D(2026, 7, 31), D(2026, 7, 31), False),
    ],
)
def test_eligibility_waits_after_a_no_show(wait_until, today, refused):
    fund = FundRules(period_start=D(2026, 1, 1), period_end=D(2026, 12, 31))
    refusal = eligibility_refusal(
        fund=fund, applicant=Applicant(no_show_wait_until=wait_until), today=today
    )
    if refused:
        assert refusal == (
            "You did not attend a session this fund paid for, so you can apply to it again "
            "from July 31, 2026."
        )
    else:
        assert refusal is None


# --- Through the services ----------------------------------------------------------------


def _awarded_and_confirmed(session, tiers, fund, staff):
    person = ProfileFactory().user
    application = scholarship_apply(
        session=session,
        person=person,
        fund=fund,
        tier=tiers["standard"],
        attested=True,
        need_statement="My agency cannot pay this year.",
        coverage="full",
    )
    award = scholarship_award(application=application, by=staff, message="")
    registration_finish_without_payment(registration=award.registration, person=person)
    award.refresh_from_db()
    award.registration.refresh_from_db()
    return award


@pytest.mark.django_db
def test_release_policy_returns_an_absent_awardees_money_and_makes_them_wait(time_machine):
    staff = UserFactory(is_staff=True, is_superuser=True)
    fund = ScholarshipFundFactory(
        credit_cents=20000,
        no_show_policy=ScholarshipFund.NoShowPolicy.RELEASE,
        no_show_wait_months=6,
    )
    session, tiers = paid_session()
    absent = _awarded_and_confirmed(session, tiers, fund, staff)
    present = _awarded_and_confirmed(session, tiers, fund, staff)
    assert fund_position_read(fund=fund).available_cents == 10000
    meeting = session.meetings.get()

    time_machine.move_to(meeting.ends_at + dt.timedelta(hours=1), tick=False)
    attendance_check_in(registration=present.registration, meeting=meeting, by=staff)
    assert awards_no_show_apply() == 0  # attendance is not final before the report is filed
    session_report_file(session=session, delivered=[("15:00", 180, {})])

    assert awards_no_show_apply() == 1
    assert awards_no_show_apply() == 0  # once per award
    absent.refresh_from_db()
    present.refresh_from_db()
    assert absent.no_show_on is not None and present.no_show_on is None
    assert absent.status == ScholarshipAward.Status.USED
    position = fund_position_read(fund=fund)
    assert (position.held_cents, position.available_cents) == (15000, 15000)
    returned = ScholarshipLedgerEntry.objects.get(award=absent, kind="credit")
    assert returned.amount_cents == 5000
    log = ModelLogEntry.objects.for_instance(absent).get(action="lms.scholarship_award.no_show")
    assert log.data["returned_cents"] == 5000
    assert log.data["wait_until"] == months_after(absent.no_show_on, 6).isoformat()

    later_session, later_tiers = paid_session()
    with pytest.raises(ScholarshipError) as refused:
        scholarship_apply(
            session=later_session,
            person=absent.person,
            fund=fund,
            tier=later_tiers["standard"],
            attested=True,
            need_statement="Again",
            coverage="full",
        )
    assert "you can apply to it again from" in refused.value.message


@pytest.mark.django_db
def test_spend_policy_keeps_the_award_used_and_without_a_wait_they_may_apply_again(
    time_machine,
):
    staff = UserFactory(is_staff=True, is_superuser=True)
    fund = ScholarshipFundFactory(credit_cents=20000)
    session, tiers = paid_session()
    absent = _awarded_and_confirmed(session, tiers, fund, staff)
    meeting = session.meetings.get()
    time_machine.move_to(meeting.ends_at + dt.timedelta(hours=1), tick=False)
    session_report_file(session=session, delivered=[("15:00", 180, {})])

    assert awards_no_show_apply() == 1
    absent.refresh_from_db()
    assert absent.no_show_on is not None
    assert not ScholarshipLedgerEntry.objects.filter(award=absent, kind="credit").exists()
    assert fund_position_read(fund=fund).available_cents == 15000
    later_session, later_tiers = paid_session()
    application = scholarship_apply(
        session=later_session,
        person=absent.person,
        fund=fund,
        tier=later_tiers["standard"],
        attested=True,
        need_statement="Again",
        coverage="full",
    )
    assert application.pk
