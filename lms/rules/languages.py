"""Which language a piece of content is written in (pure).

A training record names the language it is taught in ("English", "Spanish", "Español"); its
page is written in that language until an editor translates it. Pages mark such passages
with `lang` so a screen reader reads them with the right voice.
"""

LANGUAGE_NAMES = {
    "en": ("english", "inglés", "ingles"),
    "es": ("spanish", "español", "espanol", "castellano"),
}


def language_code_of(name: str, *, default: str = "en") -> str:
    """ "Spanish" → "es"; "English and Spanish" → the first named; unknown → `default`."""
    words = (name or "").strip().lower()
    found = [
        (words.find(alias), code)
        for code, aliases in LANGUAGE_NAMES.items()
        for alias in aliases
        if alias in words
    ]
    return min(found)[1] if found else default


def passage_lang(*, content: str, page: str) -> str:
    """The `lang` a passage needs inside a page in `page`'s language: "" when they agree."""
    return "" if content == page else content
