"""Spanish under /es/: every public and participant page answers there in Spanish, the
switcher and hreflang alternates lead to the same page in the other language, a person's
language is stored and their emails come in it, and dates read as es-US writes them."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from lms.models import Profile
from lms.services.registrations import registration_create
from tests.factories import RegistrationFactory, SessionFactory, TrainingFactory, UserFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def training_site():
    _, catalogue = site_with_catalogue(per_page=5)
    training = TrainingFactory(title="Trauma-informed care", slug="trauma-informed-care")
    page = training_page(catalogue, training)
    session = SessionFactory(training=training, meeting__days_ahead=9)
    return page, session


def _lang(response) -> str:
    return re.search(rb'<html lang="([^"]+)"', response.content).group(1).decode()


def test_every_public_and_participant_page_answers_in_spanish(client, training_site):
    page, session = training_site
    person = UserFactory()
    registration = RegistrationFactory(
        session=SessionFactory(training=session.training, meeting__days_ahead=20), person=person
    )
    public = [
        "/",
        "/trainings/",
        page.url,
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/confirm-again/",
        "/verify/",
    ]
    signed_in = [
        reverse("lms:dashboard"),
        reverse("lms:profile_edit"),
        reverse("lms:session_register", args=[session.pk]),
        reverse("lms:registration_detail", args=[registration.pk]),
        reverse("certificates:transcript"),
        reverse("lms:privacy"),
    ]
    for path in public:
        english = client.get(path)
        spanish = client.get("/es" + path)
        assert (english.status_code, spanish.status_code) == (200, 200), path
        assert (_lang(english), _lang(spanish)) == ("en", "es"), path
    client.force_login(person)
    for path in signed_in:
        assert path.startswith("/") and not path.startswith("/es/")
        spanish = client.get("/es" + path)
        assert spanish.status_code == 200, path
        assert _lang(spanish) == "es", path


def test_interface_text_is_spanish_and_the_switcher_keeps_the_page(client, training_site):
    page, _ = training_site
    path = "/trainings/trauma-informed-care/"
    assert page.url == path
    response = client.get("/es" + path)
    body = response.content.decode()
    assert "Próximas sesiones" in body and "Upcoming sessions" not in body
    assert "Iniciar sesión" in body
    # The switcher and the alternates lead to this same page in each language.
    assert f'href="{path}" hreflang="en" lang="en">English</a>' in body
    assert f'hreflang="es" href="http://testserver/es{path}"' in body
    assert f'hreflang="en" href="http://testserver{path}"' in body
    # The training's own text is English until translated: marked, with a short note.
    assert '<h1 lang="en">Trauma-informed care</h1>' in body
    assert "todavía no está traducida al español" in body
    # Links inside the Spanish site stay in Spanish.
    assert 'href="/es/trainings/"' in body


def test_english_pages_keep_their_addresses_and_ignore_the_browser_language(client, training_site):
    response = client.get("/trainings/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200 and _lang(response) == "en"


def test_sign_up_stores_the_language_and_defaults_to_the_browsers(client):
    form = client.get("/accounts/signup/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert re.search(r'<option value="es" selected>', form.content.decode())
    response = client.post(
        "/es/accounts/signup/",
        {
            "first_name": "Rosa",
            "last_name": "Díaz",
            "email": "rosa@example.org",
            "password1": "una-clave-larga-2026",
            "password2": "una-clave-larga-2026",
            "language": "es",
        },
    )
    assert response.status_code == 302
    from lms.models import User

    assert User.objects.get(email="rosa@example.org").language == "es"
    # allauth's confirmation email goes out in the language of the page she signed up on.
    assert mail.outbox[-1].to == ["rosa@example.org"]
    assert "Confirm" not in mail.outbox[-1].subject


def test_the_profile_changes_the_language(client):
    person = UserFactory(language="en")
    client.force_login(person)
    response = client.get(reverse("lms:profile_edit"))
    assert 'name="language"' in response.content.decode()
    client.post(
        reverse("lms:profile_edit"),
        {"printed_name": "Ana Ruiz", "license_state": "IL", "language": "es"},
    )
    person.refresh_from_db()
    assert person.language == "es"


def test_the_confirmation_email_and_its_links_are_in_the_persons_language(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory(training__fee_schedule=None, format="in_person")
    person = UserFactory(language="es")
    Profile.objects.create(user=person, printed_name="Rosa Díaz")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(session=session, person=person)
    email = mail.outbox[-1]
    assert email.subject.startswith("Ya está inscrito(a):")
    assert "Registro de llegada en la puerta" in email.alternatives[0][0]
    assert 'lang="es"' in email.alternatives[0][0]
    assert "Su inscripción: http" in email.body and "/es/registrations/" in email.body
    assert "hora del Centro" in email.body
    # The same email for an English speaker is unchanged.
    other = UserFactory(language="en")
    Profile.objects.create(user=other, printed_name="Ann Lee")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(session=session, person=other)
    assert mail.outbox[-1].subject.startswith("You are registered:")


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("es", "long_datetime", "lunes, 7 de diciembre de 2026, 9:30 a. m."),
        ("en", "long_datetime", "Monday, December 7, 2026, 9:30 AM"),
        ("es", "time", "1:05 p. m."),
        ("es", "date", "7 de diciembre de 2026"),
        ("en", "short_date", "Dec 7, 2026"),
    ],
)
def test_dates_are_written_for_the_language(language, style, expected):
    hour, minute = (13, 5) if style == "time" else (9, 30)
    moment = dt.datetime(2026, 12, 7, hour, minute, tzinfo=CHICAGO)
    template = Template(
        "{% load dates tz %}{% timezone zone %}{{ moment|when:style }}{% endtimezone %}"
    )
    with translation.override(language):
        text = template.render(Context({"moment": moment, "style": style, "zone": CHICAGO}))
    assert text == expected


def test_money_and_hours_read_in_spanish():
    template = Template(
        "{% load numbers %}{{ cents|dollars }} · {{ hours|ce_hours }} · {{ one|ce_hours }}"
    )
    with translation.override("es"):
        text = template.render(Context({"cents": 6375, "hours": "3", "one": "1"}))
    assert text == "$63.75 · 3 horas de educación continua (CE) · 1 hora de educación continua (CE)"


def test_a_utc_time_is_written_in_the_sessions_zone_before_am_or_pm_is_chosen():
    moment = dt.datetime(2026, 12, 7, 15, 30, tzinfo=dt.UTC)  # 9:30 in Chicago
    template = Template(
        '{% load dates tz %}{% timezone zone %}{{ moment|when:"time" }}{% endtimezone %}'
    )
    with translation.override("es"):
        text = template.render(Context({"moment": moment, "zone": CHICAGO}))
    assert text == "9:30 a. m."


def test_the_voluntary_questions_read_in_spanish_and_are_stored_as_in_english(client):
    from lms.models.demographics import ParticipantDemographics

    person = UserFactory(language="es")
    client.force_login(person)
    path = "/es" + reverse("lms:demographics")  # before a request under /es/ activates Spanish
    page = client.get(path).content.decode()
    assert "¿Tiene dificultad para ver, incluso si usa anteojos?" in page
    assert "Hispano(a) o latino(a)/latiné" in page and "No, ninguna dificultad" in page
    response = client.post(path, {"race_ethnicity": ["race_hispanic"], "wg_seeing": "none"})
    assert response.status_code == 302
    answers = ParticipantDemographics.objects.get(person=person)
    assert answers.race_hispanic and answers.wg_seeing == "none"
