"""The dashboard's net revenue: money by the day it was received (card payments by the day
they succeeded, invoices by the day paid) less refunds by the day sent, whatever the session's
date; the panel says its period."""

import datetime as dt

import pytest
from django.utils import timezone

from lms.models import Refund, Registration
from lms.selectors.reports import revenue_received
from tests.factories import PaymentFactory, ProfileFactory, paid_session

from . import report_data

pytestmark = pytest.mark.django_db


def test_net_revenue_counts_money_on_the_day_it_moved(client):
    today = timezone.localdate()
    now = timezone.now()
    # A session a year away: its start date must not matter.
    session, tiers = paid_session(meeting__days_ahead=400)
    registration = Registration.objects.create(
        session=session,
        person=ProfileFactory().user,
        fee_tier=tiers["standard"],
        status=Registration.Status.CONFIRMED,
        amount_cents=5000,
    )
    today_payment = PaymentFactory(registration=registration, succeeded_at=now)
    PaymentFactory(
        registration=registration, amount_cents=7000, succeeded_at=now - dt.timedelta(days=40)
    )
    Refund.objects.create(
        payment=today_payment,
        amount_cents=1500,
        reason="staff",
        status=Refund.Status.SUCCEEDED,
        completed_at=now,
    )
    Refund.objects.create(  # not sent yet: not money gone
        payment=today_payment, amount_cents=500, reason="staff", status=Refund.Status.PENDING
    )
    assert revenue_received(today, today) == {
        "gross": 5000,
        "refunds": 1500,
        "net": 3500,
        "start": today,
        "end": today,
    }
    assert revenue_received(today - dt.timedelta(days=60), today)["net"] == 10500
    assert revenue_received(today - dt.timedelta(days=10), today - dt.timedelta(days=1))["net"] == 0

    client.force_login(report_data.staff_user("Finance"))
    page = client.get("/admin/").content.decode()
    year_ago = today - dt.timedelta(days=365)
    assert "Net revenue" in page and "$105.00" in page
    assert f"received {year_ago:%b} {year_ago.day}, {year_ago.year}" in page
