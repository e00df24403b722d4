"""/my/: each registration links to what the participant can do with it now."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.demo import demo_evaluation_answers
from lms.models import Registration, SessionMaterial
from lms.services.evaluations import evaluation_standard_create, evaluation_submit
from tests.factories.catalogue import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def links_for(client, registration) -> dict[str, bool]:
    page = client.get("/my/").content.decode()
    return {
        "materials": reverse("lms:session_materials", args=[registration.session_id]) in page,
        "evaluate": reverse("lms:evaluation", args=[registration.pk]) in page,
        "done": "Evaluation answered" in page,
    }


def test_a_finished_training_links_to_materials_and_the_evaluation_until_answered(client):
    past = RegistrationFactory(session=SessionFactory(meeting__days_ahead=-1))
    evaluation = evaluation_standard_create(
        training=past.session.training, objectives=[], required=True
    )
    SessionMaterial.objects.create(
        session=past.session, title="Slides", file=SimpleUploadedFile("s.pdf", b"%PDF-1.4")
    )
    client.force_login(past.person)
    assert links_for(client, past) == {"materials": True, "evaluate": True, "done": False}

    evaluation_submit(
        registration=past, answers=demo_evaluation_answers(evaluation, rating=4, comment="ok")
    )
    assert links_for(client, past) == {"materials": True, "evaluate": False, "done": True}


@pytest.mark.parametrize(
    "days_ahead, status, material_withdrawn, expected",
    [
        # Not started yet: no evaluation; materials only if there are some.
        (
            7,
            Registration.Status.CONFIRMED,
            False,
            {"materials": True, "evaluate": False, "done": False},
        ),
        # Withdrawn materials are not offered.
        (
            -1,
            Registration.Status.CONFIRMED,
            True,
            {"materials": False, "evaluate": True, "done": False},
        ),
        # A cancelled registration gets neither.
        (
            -1,
            Registration.Status.CANCELLED,
            False,
            {"materials": False, "evaluate": False, "done": False},
        ),
    ],
)
def test_links_follow_the_registration(client, days_ahead, status, material_withdrawn, expected):
    from django.utils import timezone

    registration = RegistrationFactory(
        session=SessionFactory(meeting__days_ahead=days_ahead), status=status
    )
    evaluation_standard_create(
        training=registration.session.training, objectives=[], required=False
    )
    SessionMaterial.objects.create(
        session=registration.session,
        title="Slides",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
        withdrawn_at=timezone.now() if material_withdrawn else None,
    )
    client.force_login(registration.person)
    assert links_for(client, registration) == expected


def test_the_dashboard_query_count_does_not_grow_with_registrations(
    client, django_assert_max_num_queries
):
    person = RegistrationFactory(session=SessionFactory(meeting__days_ahead=-1)).person
    client.force_login(person)
    with django_assert_max_num_queries(20) as few:
        client.get("/my/")
    for _ in range(5):
        RegistrationFactory(person=person, session=SessionFactory(meeting__days_ahead=-1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/my/")


def _sections(client) -> tuple[str, str]:
    page = client.get("/my/").content.decode()
    upcoming = page.split('id="upcoming-heading"', 1)[1].split('id="past-heading"', 1)[0]
    past = page.split('id="past-heading"', 1)[1] if 'id="past-heading"' in page else ""
    return upcoming, past


def test_upcoming_and_past_apart_each_with_its_one_next_step(client):
    from lms.models import Registration as R

    ahead = RegistrationFactory(
        session=SessionFactory(meeting__days_ahead=7, training__title="Ahead workshop"),
        status=R.Status.PENDING_PAYMENT,
        amount_cents=4500,
    )
    person = ahead.person
    done = RegistrationFactory(
        person=person,
        session=SessionFactory(meeting__days_ahead=-3, training__title="Finished workshop"),
    )
    client.force_login(person)
    upcoming, past = _sections(client)
    assert "Ahead workshop" in upcoming and "Finished workshop" not in upcoming
    assert "Finished workshop" in past
    # The unpaid seat's main button pays the amount owed.
    assert f'href="{reverse("lms:registration_pay", args=[ahead.pk])}">Pay $45.00' in upcoming
    # A finished training without an evaluation or certificate has no main button.
    assert 'class="button"' not in past
    assert done.pk


def test_nothing_registered_explains_how_certificates_are_earned(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get("/my/").content.decode()
    assert "You have not registered for a training yet" in page
    assert "answer the short evaluation, and your certificate arrives" in page
    assert 'class="button" href="/trainings/">Browse trainings' in page
