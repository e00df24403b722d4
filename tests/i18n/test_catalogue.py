"""The Spanish catalogue is complete: every message marked for translation in the code and
templates has a Spanish translation, none is fuzzy, and the compiled file matches it.

The messages are extracted afresh (Django's makemessages, as a developer would run it) in a
copy of the project, so a new string marked anywhere and not yet translated fails here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["manage.py", "config", "lms", "cms", "certificates", "templates", "locale", "static"]

pytestmark = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgfmt") is None,
    reason="needs GNU gettext (apt install gettext; .ci/run installs it)",
)


def _entries(po_text: str) -> list[dict]:
    """(msgid, translations, fuzzy) of each entry of a .po file, header left out."""
    entries, current, field = [], None, None
    for line in [*po_text.splitlines(), ""]:
        line = line.strip()
        if not line:
            if current and current["msgid"]:
                entries.append(current)
            current = None
            continue
        current = current or {"msgid": "", "strs": {}, "fuzzy": False}
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
        elif line.startswith("msgid "):
            field = ("msgid", None)
            current["msgid"] = _unquote(line[6:])
        elif line.startswith("msgid_plural "):
            field = ("plural", None)
        elif line.startswith("msgstr"):
            key = line.split(" ", 1)[0]
            field = ("str", key)
            current["strs"][key] = _unquote(line[len(key) + 1 :])
        elif line.startswith('"') and field:
            if field[0] == "msgid":
                current["msgid"] += _unquote(line)
            elif field[0] == "str":
                current["strs"][field[1]] += _unquote(line)
    return entries


def _unquote(text: str) -> str:
    return text.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n")


DOMAINS = ["django", "djangojs"]  # templates and Python; static/js


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, str]:
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    for domain in DOMAINS:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-d",
                domain,
                "-l",
                "es",
                "--no-location",
            ],
            cwd=copy,
            check=True,
            capture_output=True,
            env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": _path()},
        )
    return {
        domain: (copy / f"locale/es/LC_MESSAGES/{domain}.po").read_text(encoding="utf-8")
        for domain in DOMAINS
    }


def _path() -> str:
    import os

    return os.environ.get("PATH", "")


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_has_a_spanish_translation(extracted, domain):
    missing = [e["msgid"] for e in _entries(extracted[domain]) if not all(e["strs"].values())]
    assert missing == [], f"{len(missing)} messages without Spanish: {missing[:10]}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_translation_is_fuzzy(extracted, domain):
    fuzzy = [e["msgid"] for e in _entries(extracted[domain]) if e["fuzzy"]]
    assert fuzzy == [], f"fuzzy (needs a translator's review): {fuzzy[:10]}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_committed_catalogue_has_what_the_code_marks(extracted, domain):
    """The .po in git already holds every message (makemessages was run and committed)."""
    po = (ROOT / f"locale/es/LC_MESSAGES/{domain}.po").read_text(encoding="utf-8")
    committed = {e["msgid"] for e in _entries(po)}
    fresh = {e["msgid"] for e in _entries(extracted[domain])}
    assert fresh - committed == set()


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_is_current(tmp_path, domain):
    """The .mo beside the .po is compiled from it (`make messages`; git holds the result so
    a machine without gettext still shows Spanish)."""
    po = ROOT / f"locale/es/LC_MESSAGES/{domain}.po"
    mo = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
    assert mo.read_bytes() == (ROOT / f"locale/es/LC_MESSAGES/{domain}.mo").read_bytes()
