"""Certificates print names in every script: CJK and emoji glyphs come from embedded Noto
fonts, not as empty boxes (DejaVu alone has neither)."""

import io
import re
import subprocess

import pdfplumber
import pytest
from pypdf import PdfReader

from certificates.services import registration_certificates_issue

from .helpers import certified_session

pytestmark = pytest.mark.django_db

NAME = "Ana Wang 王安娜 🎓"


def _installed(family: str) -> bool:
    try:
        found = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return False
    return bool(found.strip())


needs_noto = pytest.mark.skipif(
    not (_installed("Noto Serif CJK SC") and _installed("Noto Color Emoji")),
    reason="needs Debian's fonts-noto-cjk and fonts-noto-color-emoji (installed by .ci/run)",
)


def embedded_fonts(data: bytes) -> dict[str, str]:
    """Each font on the first page: base name (subset prefix dropped) → its glyph text."""
    reader = PdfReader(io.BytesIO(data))
    fonts = {}
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        base = str(font["/BaseFont"])
        prefix, _, name = base.lstrip("/").partition("+")
        assert len(prefix) == 6, f"{base} is not an embedded subset"
        fonts[name] = font
    return fonts


def chars_by_font(data: bytes) -> dict[str, set[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        result: dict[str, set[str]] = {}
        for char in pdf.pages[0].chars:
            result.setdefault(char["fontname"].partition("+")[2], set()).add(char["text"])
    return result


@needs_noto
def test_a_cjk_and_emoji_name_prints_with_fonts_that_have_its_glyphs():
    _session, _approval, [registration] = certified_session(participants=1)
    profile = registration.person.profile
    profile.printed_name = NAME
    profile.save()

    [certificate, *_] = registration_certificates_issue(registration=registration)
    assert certificate.printed_name == NAME
    data = certificate.pdf.read()

    fonts = embedded_fonts(data)
    assert any(name.startswith("Noto-Serif-CJK") for name in fonts), sorted(fonts)
    assert any(name.startswith("Noto-Color-Emoji") for name in fonts), sorted(fonts)
    # Each glyph is drawn by a font that has it: the Han characters by the CJK font, the
    # emoji by the emoji font, never by DejaVu (whose fallback would be an empty box).
    drawn = chars_by_font(data)
    cjk = {c for name, chars in drawn.items() if name.startswith("Noto-Serif-CJK") for c in chars}
    emoji = {c for name, chars in drawn.items() if "Emoji" in name for c in chars}
    assert set("王安娜") <= cjk, drawn
    assert "🎓" in emoji, drawn
    dejavu = {c for name, chars in drawn.items() if name.startswith("DejaVu") for c in chars}
    assert not (set("王安娜🎓") & dejavu)
    # Digits (serial, dates, hours) stay in the text face, never in the emoji font.
    assert not (emoji & set("0123456789")), drawn


RTL_NAME = "Léa Núñez ليلى حداد"
ARABIC_FACES = re.compile(r"^(Noto-Sans-Arabic|DejaVu-Sans)(-Bold)?$")
ARABIC = set("ليلىحداد")

needs_arabic = pytest.mark.skipif(
    not _installed("Noto Sans Arabic"),
    reason="needs Debian's fonts-noto-core (installed by .ci/run)",
)


def _words(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())


@needs_arabic
def test_accents_and_a_right_to_left_name_print_on_the_certificate_and_transcript(client):
    _session, _approval, [registration] = certified_session(participants=1)
    profile = registration.person.profile
    profile.printed_name = RTL_NAME
    profile.save()
    [certificate, *_] = registration_certificates_issue(registration=registration)

    client.force_login(registration.person)
    transcript = client.get("/my/certificates/transcript.pdf").content
    for data in (certificate.pdf.read(), transcript):
        # The Latin part reads back exactly, accents included.
        assert "Léa Núñez" in _words(data)
        drawn = chars_by_font(data)
        # Every Arabic letter is drawn (shaped right to left by Pango) by a face that has
        # Arabic glyphs: Noto Sans Arabic, or DejaVu Sans, which covers Arabic too; never by
        # DejaVu Serif, which would print empty boxes. (A shaped ligature such as "لى" comes
        # back as one glyph of two letters.)
        by_face = {name: {c for g in glyphs for c in g} for name, glyphs in drawn.items()}
        covering = set().union(
            *(chars for name, chars in by_face.items() if ARABIC_FACES.match(name))
        )
        assert covering >= ARABIC, drawn
        others = set().union(
            *(chars for name, chars in by_face.items() if not ARABIC_FACES.match(name))
        )
        assert not (ARABIC & others), drawn
