"""Every page of the public and participant site answers under /es/ as it does in English,
and every HTML page there says lang="es": the authorization matrix's world and URL walk,
asked again in Spanish for a visitor and for a participant."""

import re

import pytest
from django.db import transaction

from lms.languages import url_in_language
from tests.security.authz import matrix_entry
from tests.security.test_authz_matrix import answer_of, concrete_path, world  # noqa: F401
from tests.security.url_walk import is_ours, url_patterns

pytestmark = pytest.mark.django_db

LANG = re.compile(rb'<html lang="([^"]+)"')


@pytest.mark.parametrize("role", ["anon", "participant"])
def test_every_public_and_participant_page_answers_in_spanish(client, world, role):  # noqa: F811
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    problems, asked = [], 0
    for route, name, pattern in url_patterns():
        ours = is_ours(route, pattern) or not route.startswith("admin/")
        entry = matrix_entry(name, route, ours=ours)
        if entry is None or entry.get("method") == "post" or entry["answers"][role] != "ok":
            continue
        path = entry.get("path") or concrete_path(route, name, pattern, world)
        if path is None:
            continue
        spanish = url_in_language(path, "es")
        if spanish == path:  # not a page people read (admin, API, files, health)
            continue
        with transaction.atomic():
            response = client.get(spanish)
            transaction.set_rollback(True)
        asked += 1
        if answer_of(response) != "ok":
            problems.append(f"{spanish} ({name}) answered {answer_of(response)}")
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            found = LANG.search(response.content)
            if not found or found.group(1) != b"es":
                problems.append(f"{spanish} ({name}) is not marked lang=es")
    assert asked > 20
    assert problems == []
