import pytest

from lms import demo
from lms.models import FacilitatorPayProfile, PayStatement, RateCard

pytestmark = pytest.mark.django_db


def seed():
    demo.seed_people()
    demo.seed_catalogue()
    demo.seed_facilitator_pay()


def test_demo_has_a_rate_card_and_pay_profiles_and_is_idempotent():
    seed()
    seed()
    assert RateCard.objects.count() == 1
    assert FacilitatorPayProfile.objects.count() == 3
    assert FacilitatorPayProfile.objects.filter(w9_received_on__isnull=True).count() == 1


def test_demo_statements_come_from_a_filed_session_report():
    seed()
    seed()
    paid = PayStatement.objects.get(facilitator__name="Dr. Amara Okafor")
    draft = PayStatement.objects.get(facilitator__name="Jordan Lee")
    assert paid.status == PayStatement.Status.PAID and paid.number == 1
    assert draft.status == PayStatement.Status.DRAFT
    # 2 h 45 min delivered (15 minutes long) as lead at $75, plus as much preparation.
    assert paid.pay_cents == 20625 + 20625
    # Jordan is paid at the lived-experience rate ($90) as co-facilitator.
    assert draft.pay_cents == 24750 + 24750
