"""Parallel awards that together would overdraw a fund: the fund's row lock lets only as many
through as it holds; the rest get a clear refusal and the fund never goes below zero."""

import threading

import pytest
from django.db import connection

from lms.models import ScholarshipAward
from lms.services.scholarship_ledger import fund_position_read
from lms.services.scholarships import ScholarshipError, scholarship_apply, scholarship_award
from tests.factories import ProfileFactory, ScholarshipFundFactory, UserFactory, paid_session

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
    start = threading.Barrier(APPLICANTS)
    results: list[str] = []
    lock = threading.Lock()

    def award(application):
        try:
            start.wait(timeout=30)
            scholarship_award(application=application, by=staff)
            outcome = "awarded"
        except ScholarshipError as exc:
            outcome = exc.message
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=award, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(results) == APPLICANTS
    assert results.count("awarded") == 3
    refusals = set(results) - {"awarded"}
    assert refusals == {f"The fund {fund.name} has $25.00 left to award; this award needs $50.00."}
    position = fund_position_read(fund=fund)
    assert position.available_cents == 2500
    assert position.available_cents >= 0
    assert ScholarshipAward.objects.filter(fund=fund).count() == 3
