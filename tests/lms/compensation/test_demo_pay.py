import pytest

from lms import demo
from lms.models import FacilitatorPayProfile, PayStatement, RateCard

from .conftest import needs_session_reports

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


@needs_session_reports
def test_demo_statements_come_from_a_filed_session_report():
    seed()
    seed()
    paid = PayStatement.objects.get(facilitator__name="Dr. Amara Okafor")
    draft = PayStatement.objects.get(facilitator__name="Jordan Lee")
    assert paid.status == PayStatement.Status.PAID and paid.number == 1
    assert draft.status == PayStatement.Status.DRAFT
    # 3 h 30 min delivered (15 minutes long) as lead at $75 plus 3 h capped preparation.
    assert paid.pay_cents == 26250 + 22500
    # Jordan is paid at the lived-experience rate ($90) as co-facilitator.
    assert draft.pay_cents == 31500 + 27000
