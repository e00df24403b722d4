"""The demo seed leaves a paid session ready to try and a registration on the participant's page."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms import demo
from lms.models import DiscountCode, Registration

pytestmark = pytest.mark.django_db


def test_seed_demo_prepares_registration(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    settings.DEBUG = False
    assert DiscountCode.objects.filter(code="COALITION10").count() == 1
    # An upcoming paid registration to try, and the finished session with a certificate.
    mine = Registration.objects.filter(
        person__email="participant@demo.test", session__starts_at__gte=timezone.now()
    )
    assert [r.status for r in mine] == ["confirmed"]
    # The finished session and, the same afternoon, the demo conference's second session.
    finished = Registration.objects.filter(
        person__email="participant@demo.test", session__starts_at__lt=timezone.now()
    )
    assert finished.count() == 2
    assert all(r.certificates.filter(status="valid").exists() for r in finished)

    assert client.login(email="participant@demo.test", password="coalition-demo")
    dashboard = client.get("/my/").content.decode()
    assert mine.get().session.training.title in dashboard
    paid = demo.seed_registration_demo()
    page = client.get(paid.get_absolute_url()).content.decode()
    assert "Standard rate" in page
    assert "Hold my seat and see my price" in page
