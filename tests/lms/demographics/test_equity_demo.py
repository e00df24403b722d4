"""The demo's equity data: self-reports, a few answers, and a dashboard panel."""

import pytest
from django.contrib.auth.models import Group

from lms import demo
from lms.models import OrganizationSelfReport, ParticipantDemographics

pytestmark = pytest.mark.django_db


def test_equity_demo_is_idempotent_and_shows_on_the_admin_home(client):
    demo.seed_people()
    demo.seed_catalogue()
    demo.seed_equity_demo()
    demo.seed_equity_demo()
    assert OrganizationSelfReport.objects.filter(led_by_underrepresented="yes").exists()
    answered = ParticipantDemographics.objects.count()
    assert 5 <= answered < 13
    staff = Group.objects.get(name="Program staff").user_set.get(email="staff@demo.test")
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "Coalition indicators" in page
    equity = client.get("/admin/indicators/equity/").content.decode()
    # A session of the last completed quarter gives the period enough people to show.
    assert "Fewer than 10 people" not in equity
    assert "Suppressed" in equity
