import pytest

from lms.rules.languages import language_code_of, passage_lang


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("English", "en"),
        ("Spanish", "es"),
        ("Español", "es"),
        ("español ", "es"),
        ("Castellano", "es"),
        ("Spanish and English", "es"),
        ("English, with Spanish interpretation", "en"),
        ("", "en"),
        ("Polish", "en"),
    ],
)
def test_language_code_of(name, code):
    assert language_code_of(name) == code


def test_an_unknown_language_takes_the_default_given():
    assert language_code_of("Tagalog", default="es") == "es"


@pytest.mark.parametrize(
    ("content", "page", "lang"),
    [("en", "en", ""), ("es", "es", ""), ("en", "es", "en"), ("es", "en", "es")],
)
def test_passage_lang(content, page, lang):
    assert passage_lang(content=content, page=page) == lang
