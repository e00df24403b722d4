"""Pages translated by editors with Wagtail's locales: the Spanish words replace the English
ones under /es/, the facts stay the training record's, untranslated pages still answer, and
search, the catalogue and the sitemap know both languages."""

import re

import pytest
from wagtail.models import Locale

from cms.models import TrainingPage
from tests.factories import SessionFactory, TrainingFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    home, catalogue = site_with_catalogue(per_page=5)
    return home, catalogue


def _translate(page, **words):
    """What an editor does: "Translate" (Wagtail copies the page into Spanish), edit, publish."""
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    for name, value in words.items():
        setattr(spanish, name, value)
    spanish.save_revision().publish()
    return spanish.specific


def _text(response) -> str:
    return response.content.decode()


def test_a_translated_training_page_shows_spanish_words_and_the_records_facts(client, catalogue):
    _, cat = catalogue
    training = TrainingFactory(title="Trauma-informed care", slug="trauma-care", summary="English")
    page = training_page(cat, training)
    SessionFactory(training=training, meeting__days_ahead=12, capacity=7)
    spanish = _translate(
        page,
        title="Atención informada sobre el trauma",
        summary="Cómo acompañar a personas que vivieron un trauma.",
        audience="Trabajadoras sociales y consejeros",
    )
    assert spanish.training_id is None and spanish.record == training

    body = _text(client.get("/es/trainings/trauma-care/"))
    assert "<h1>Atención informada sobre el trauma</h1>" in body
    assert "Cómo acompañar a personas" in body and "Trabajadoras sociales" in body
    assert "no está traducida" not in body
    assert "Quedan 7 cupos" in body  # the facts: the record's session, in Spanish words
    # The English page is unchanged.
    english = _text(client.get("/trainings/trauma-care/"))
    assert "<h1>Trauma-informed care</h1>" in english and "Atención" not in english


def test_the_catalogue_and_search_use_the_translation(client, catalogue):
    _, cat = catalogue
    translated = TrainingFactory(title="Trauma-informed care", slug="trauma-care")
    plain = TrainingFactory(title="Grant writing basics", slug="grant-writing")
    for training in (translated, plain):
        training_page(cat, training)
        SessionFactory(training=training, meeting__days_ahead=12)
    _translate(translated.page, title="Atención informada sobre el trauma", summary="Resumen")

    body = _text(client.get("/es/trainings/"))
    assert 'href="/es/trainings/trauma-care/">Atención informada sobre el trauma</a>' in body
    # An untranslated training keeps its English words, marked as English.
    assert re.search(
        r'<h3 id="training-\d+" lang="en"><a href="/es/trainings/grant-writing/">', body
    )

    found = _text(client.get("/es/trainings/", {"q": "atención"}))
    assert "Atención informada" in found and "Grant writing" not in found


def test_a_translated_home_page_leaves_every_other_page_reachable(client, catalogue):
    home, cat = catalogue
    training = TrainingFactory(title="Trauma-informed care", slug="trauma-care")
    training_page(cat, training)
    _translate(home, title="Capacitación continua de la coalición", intro="Bienvenidos")

    spanish_home = _text(client.get("/es/"))
    assert "Capacitación continua de la coalición" in spanish_home
    assert "no está traducida" not in spanish_home
    # The catalogue and the training are not translated: still there, in English words.
    assert client.get("/es/trainings/").status_code == 200
    response = client.get("/es/trainings/trauma-care/")
    assert response.status_code == 200
    assert "no está traducida al español" in _text(response)
    assert client.get("/es/no-such-page/").status_code == 404


def test_the_sitemap_lists_each_page_in_both_languages_with_alternates(client, catalogue):
    _, cat = catalogue
    training_page(cat, TrainingFactory(title="Trauma-informed care", slug="trauma-care"))
    xml = _text(client.get("/sitemap.xml"))
    site = re.escape("http://localhost")  # the Wagtail site's own address
    assert re.search(f"<loc>{site}/es/trainings/trauma-care/</loc>", xml)
    assert re.search(f"<loc>{site}/trainings/trauma-care/</loc>", xml)
    for code, path in [("en", "/trainings/trauma-care/"), ("es", "/es/trainings/trauma-care/")]:
        link = f'<xhtml:link rel="alternate" hreflang="{code}" href="{site}{path}"/>'
        assert len(re.findall(link, xml)) == 2  # under each language's entry


def test_a_default_language_training_page_needs_its_record(catalogue):
    from django.core.exceptions import ValidationError

    _, cat = catalogue
    page = TrainingPage(title="No record", slug="no-record")
    with pytest.raises(ValidationError, match="training record"):
        cat.add_child(instance=page)
