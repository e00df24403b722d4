"""Pages in the visitor's language (Wagtail's own locales; see docs/decisions.md).

Every page exists in the coalition's default language (English). An editor may translate a
page ("Translate" in the page's menu): the translation is a page of the Spanish locale with
the same translation key. Addresses are the English ones under /es/, so a page nobody has
translated yet is still there in Spanish, shown in English and marked `lang="en"`.

Facts (sessions, prices, CE hours, seats) always come from the default-language page and
the lms records; a translation only changes the words.
"""

from django.conf import settings
from wagtail.models import Locale, Page

from lms.languages import active_language
from lms.rules.languages import language_code_of


def default_locale() -> Locale:
    return Locale.get_default()


def source_of(page: Page) -> Page:
    """The default-language page a translation translates (the page itself otherwise)."""
    if page.locale_id == default_locale().pk:
        return page
    source = page.get_translation_or_none(default_locale())
    return source.specific if source else page


def live_translation(page: Page, language: str) -> Page | None:
    """The live, real (not alias) translation of `page` into `language`, if an editor made one."""
    if language == page.locale.language_code:
        return page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    found = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale=locale, alias_of__isnull=True)
        .first()
    )
    return found.specific if found else None


def translated_texts(training_pages: list[Page], language: str) -> dict[int, Page]:
    """{default-language page id: its live translation into `language`}, in one query."""
    if not training_pages or language == settings.LANGUAGE_CODE:
        return {}
    by_key = {page.translation_key: page.pk for page in training_pages}
    found = (
        Page.objects.live()
        .filter(
            translation_key__in=by_key,
            locale__language_code=language,
            alias_of__isnull=True,
        )
        .specific()
    )
    return {by_key[page.translation_key]: page for page in found}


def show_trainings_in_language(trainings) -> None:
    """Give each training (with `page` loaded) the words to show in the active language:
    `shown_title`, `shown_summary` and `shown_lang` (the `lang` its words need, "" when they
    are in the page's language)."""
    trainings = list(trainings)
    language = active_language()
    pages = [t.page for t in trainings if getattr(t, "page", None) is not None]
    texts = translated_texts(pages, language)
    for training in trainings:
        page = getattr(training, "page", None)
        translated = texts.get(page.pk) if page is not None else None
        if translated is not None:
            training.shown_title = translated.title
            training.shown_summary = translated.summary or training.summary
            written_in = language
        else:
            training.shown_title = training.title
            training.shown_summary = training.summary
            written_in = language_code_of(training.language)
        training.shown_lang = "" if written_in == language else written_in
