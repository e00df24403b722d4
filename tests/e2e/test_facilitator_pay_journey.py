"""Finance approves a statement and records a check payment in the admin; the facilitator
then sees it paid at /facilitate/pay/ (keyboard-reachable, no serious axe violations)."""

import datetime as dt

import pytest

from lms.models import PayStatement
from tests.factories import FacilitatorPayProfileFactory, PayStatementFactory, UserFactory
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_finance_pays_and_the_facilitator_sees_it(page):
    # A superuser stands in for Finance: a browser test runs on a flushed database, without
    # the groups migrations made (Finance's permissions are tested in test_pay_views.py).
    finance = UserFactory(email="finance@example.org", is_staff=True, is_superuser=True)
    facilitator_user = UserFactory(email="amara@example.org")
    profile = FacilitatorPayProfileFactory(
        legal_name="Amara N. Okafor", facilitator__user=facilitator_user
    )
    statement = PayStatementFactory(facilitator=profile.facilitator, pay_cents=45000)

    sign_in(page, finance.email)
    page.goto(f"/admin/pay/statements/{statement.pk}/")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approved as PS-000001").wait_for()
    page.get_by_label("Check or ACH trace number").fill("1042")
    page.get_by_label("Paid on").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Record payment of $450.00").click()
    page.get_by_text("Recorded as paid: $450.00 by check, reference 1042.").wait_for()
    statement.refresh_from_db()
    assert statement.status == PayStatement.Status.PAID

    sign_in(page, facilitator_user.email)
    page.goto("/facilitate/pay/")
    page.get_by_role("heading", name="My pay", level=1).wait_for()
    row = page.get_by_role("row").filter(has_text="PS-000001")
    assert "$450.00" in row.inner_text()
    assert f"Paid {dt.date.today():%b} " in row.inner_text()
    # The statement link is reachable from the keyboard.
    link = page.get_by_role("link", name="PS-000001 (PDF)")
    link.focus()
    assert page.evaluate("document.activeElement.textContent").startswith("PS-000001")

    assert_accessible(page, impacts=BLOCKING_IMPACTS)
