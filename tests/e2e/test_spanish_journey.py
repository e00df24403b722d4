"""In Chromium, entirely in Spanish: /es/ → the catalogue with a filter → the training page →
sign up → confirm the (Spanish) email → profile → fee → pay with 4242 → confirmation and /my/.
The confirmation email and its calendar file are in Spanish; axe finds no serious or critical
violation on the Spanish pages."""

import re
import urllib.parse

import pytest
from django.core import mail

from lms.models import User
from tests.factories import paid_session
from tests.factories.pages import site_with_catalogue, training_page
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, fill_card

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def current_step(page) -> str:
    return page.locator('.steps [aria-current="step"]').inner_text().strip()


def test_a_spanish_speaker_finds_registers_and_pays_in_spanish(page, live_server_turns):
    with live_server_turns:
        _, catalogue = site_with_catalogue(per_page=10)
        session, _ = paid_session(online_link="https://zoom.example/j/777")
        training = session.training
        training.format = session.format = "virtual"
        training.save()
        session.save()
        training_page(catalogue, training)
        title = training.title

    page.goto("/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Capacitaciones"
    ).click()
    page.get_by_role("heading", name="Buscar una capacitación").wait_for()
    page.get_by_label("Modalidad").select_option("virtual")
    page.get_by_role("button", name="Mostrar capacitaciones").click()
    page.get_by_role("heading", name="1 capacitación").wait_for()
    assert "format=virtual" in page.url and "/es/trainings/" in page.url
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name="Próximas sesiones").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_role("link", name="Inscribirse").first.click()

    # Signed out: the sign-in page, in Spanish, on the way to the seat.
    page.get_by_role("heading", name="Iniciar sesión").wait_for()
    assert current_step(page) == "Cuenta"
    page.get_by_role("link", name="Cree una cuenta").click()
    page.get_by_role("heading", name="Cree su cuenta").wait_for()
    assert page.get_by_label("Idioma de los correos y certificados").input_value() == "es"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_label("Nombre", exact=True).fill("Rosa")
    page.get_by_label("Apellido").fill("Méndez")
    page.get_by_label(re.compile("^Correo electrónico")).fill("rosa.mendez@agencia.org")
    page.get_by_label("Contraseña", exact=True).fill("una-Clave-larga-2026")
    page.get_by_label(re.compile(r"^Contraseña \(")).fill("una-Clave-larga-2026")
    page.get_by_role("button", name="Crear mi cuenta").click()
    page.get_by_role("heading", name="Revise su correo electrónico").wait_for()

    with live_server_turns:
        person = User.objects.get(email="rosa.mendez@agencia.org")
        assert person.language == "es"
        [confirmation] = mail.outbox
    assert "dirección de correo" in confirmation.subject  # allauth's own Spanish
    link = re.search(r"https?://\S+/es/accounts/confirm-email/\S+", confirmation.body).group(0)
    page.goto(urllib.parse.urlsplit(link).path)
    page.get_by_role("button", name="Confirmar mi correo").click()

    page.get_by_text("Antes de inscribirse, complete su perfil.").wait_for()
    assert current_step(page) == "Perfil"
    page.get_by_label("Licencia o certificación").select_option("")
    page.get_by_role("button", name="Guardar y continuar a la tarifa").click()
    page.get_by_role("heading", name=f"Inscribirse: {title}").wait_for()
    assert current_step(page) == "Tarifa"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
    page.get_by_label("Standard rate – $50.00").check()
    page.get_by_label(re.compile("^Declaro que el nivel de tarifa")).check()
    page.get_by_role("button", name="Reservar mi cupo y ver mi precio").click()

    page.get_by_role("heading", name=f"Pagar {title}").wait_for()
    assert current_step(page) == "Pago"
    fill_card(page)
    page.get_by_role("button", name="Pagar $50.00").click()
    page.get_by_text("Ya está inscrito(a).").wait_for()
    assert current_step(page) == "Listo"
    assert page.get_by_role("heading", name="Cómo conectarse").is_visible()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    page.goto("/es/my/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Próximas"))
    upcoming.get_by_role("heading", name=title).wait_for()
    assert upcoming.get_by_role("link", name=re.compile("Datos para conectarse")).count()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    with live_server_turns:
        sent = {message.subject: message for message in mail.outbox}
    registered = sent[f"Ya está inscrito(a): {title}"]
    assert "Su inscripción: http" in registered.body and "/es/registrations/" in registered.body
    assert "hora del Centro" in registered.body
    [(name, ics, _)] = registered.attachments
    ics = ics if isinstance(ics, str) else ics.decode()
    assert name == "training.ics" and "Conectarse: https://zoom.example/j/777" in ics
    receipt = next(m for m in mail.outbox if m.subject.startswith("Recibo:"))
    assert "Recibimos su pago. Gracias." in receipt.body
