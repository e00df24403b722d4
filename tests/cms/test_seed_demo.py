import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import HomePage
from lms.models import Session, Training, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_serves_a_home_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Training.objects.count(), Session.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Training.objects.count(), Session.objects.count(), User.objects.count()) == counts
    assert HomePage.objects.count() == 1

    settings.DEBUG = False
    response = client.get("/")
    assert response.status_code == 200
    assert "Trainings for a stronger human-services sector" in response.content.decode()
    assert client.login(email="staff@demo.test", password="coalition-demo")
    assert client.get("/admin/").status_code == 200


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo")
