"""Staff type every amount in dollars, through the one parser (lms.rules.money): discount
codes and scholarship fund caps once took cents, so "10" meant ten cents."""

import pytest
from django.urls import reverse

from lms.models import DiscountCode
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _finance(client):
    client.force_login(StaffFactory(groups=["Finance"]))
    return client


def test_discount_code_amount_off_is_typed_in_dollars(staff_client):
    client = staff_client  # Program staff keep the discount codes
    data = {
        "code": "SPRING",
        "description": "Spring mailing",
        "percent_off": "",
        "amount_off_cents": "10.50",
        "fee_schedule": "",
        "max_uses": "",
        "valid_from": "",
        "valid_until": "",
        "is_active": "on",
    }
    response = client.post("/admin/discount-codes/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    code = DiscountCode.objects.get(code="SPRING")
    assert code.amount_off_cents == 1050
    listing = client.get("/admin/discount-codes/").content.decode()
    assert "$10.50" in listing

    response = client.post(
        "/admin/discount-codes/new/", data | {"code": "AUTUMN", "amount_off_cents": "5,5"}
    )
    assert response.status_code == 200
    assert "Use a comma only between thousands" in response.content.decode()
    assert not DiscountCode.objects.filter(code="AUTUMN").exists()


def test_scholarship_fund_cap_is_typed_in_dollars_and_shown_back_in_dollars(client):
    from tests.factories import ScholarshipFundFactory

    _finance(client)
    fund = ScholarshipFundFactory(award_cap_per_person_year_cents=25000)
    edit_url = reverse("lms_scholarship_funds:edit", args=[fund.pk])
    page = client.get(edit_url)
    assert page.status_code == 200
    assert 'value="250.00"' in page.content.decode()
    data = {
        name: field.value() if field.value() is not None else ""
        for name, field in ((n, page.context["form"][n]) for n in page.context["form"].fields)
    }
    data = {k: v for k, v in data.items() if v is not False}
    data["award_cap_per_person_year_cents"] = "1,200"
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    fund.refresh_from_db()
    assert fund.award_cap_per_person_year_cents == 120000
