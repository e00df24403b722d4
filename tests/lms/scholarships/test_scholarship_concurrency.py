"""Parallel awards that together would overdraw a fund: the fund's row lock lets only as many
through as it holds; the rest get a clear refusal and the fund never goes below zero."""

import pytest

from lms.models import ScholarshipAward
from lms.services.scholarship_ledger import fund_position_read
from lms.services.scholarships import ScholarshipError, scholarship_apply, scholarship_award
from tests.factories import ProfileFactory, ScholarshipFundFactory, UserFactory, paid_session
from tests.fixtures.races import run_together

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APPLICANTS = 8


def test_parallel_awards_never_overdraw_the_fund():
    session, tiers = paid_session(capacity=APPLICANTS)
    # $50 standard fee each; the fund holds $175: three awards fit, the rest must be refused.
    fund = ScholarshipFundFactory(credit_cents=17500)
    staff = UserFactory(is_staff=True, is_superuser=True)
    applications = [
        scholarship_apply(
            session=session,
            person=ProfileFactory().user,
            fund=fund,
            tier=tiers["standard"],
            attested=True,
            need_statement="Need",
            coverage="full",
        )
        for _ in range(APPLICANTS)
    ]

    race = run_together(
        *(
            (lambda application=application: scholarship_award(application=application, by=staff))
            for application in applications
        )
    )

    assert len(race.returned) == 3
    assert [type(error) for error in race.raised] == [ScholarshipError] * (APPLICANTS - 3)
    refusals = {error.message for error in race.raised}
    assert refusals == {f"The fund {fund.name} has $25.00 left to award; this award needs $50.00."}
    position = fund_position_read(fund=fund)
    assert position.available_cents == 2500
    assert position.available_cents >= 0
    assert ScholarshipAward.objects.filter(fund=fund).count() == 3
