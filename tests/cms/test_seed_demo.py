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


def test_seed_demo_builds_the_catalogue_the_journey_needs(client, settings):
    from django.utils import timezone

    from cms.models import StandardPage, TrainingCatalogPage, TrainingPage
    from lms.models import Registration
    from lms.selectors_catalogue import sessions_with_figures

    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False

    assert Training.objects.count() >= 8
    assert TrainingPage.objects.live().count() == Training.objects.count()
    assert TrainingCatalogPage.objects.get().url == "/trainings/"
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {
        "about",
        "policies",
        "scholarships",
    }
    upcoming = sessions_with_figures(
        Session.objects.filter(starts_at__gte=timezone.now(), status=Session.Status.SCHEDULED)
    )
    assert upcoming.count() >= 20
    full = [s for s in upcoming if s.seats_left == 0]
    assert len(full) >= 2
    assert all(
        s.registrations.filter(status=Registration.Status.CONFIRMED).count() == s.capacity
        for s in full
    )
    assert upcoming.filter(format="virtual").exists()
    assert {"Chicago", "Springfield", "Carbondale"} <= set(
        upcoming.filter(format="in_person").values_list("city", flat=True)
    )
    assert upcoming.filter(training__fee_schedule__isnull=True).exists()  # free ones
    assert client.get("/trainings/?format=virtual&credential=social-work").status_code == 200
