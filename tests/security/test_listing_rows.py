"""Every admin listing of ours, walked with the demo data (seed_demo) for each staff role:
each row links to its object's page, and every action the role may take on that object
(the viewset's `object_actions`, lms/admin/toolkit.py) is a button on its row and on the
object's own page. Object pages show values for people: dollars, not cents; no dictionaries.
"""

import contextlib
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OURS = ("lms", "certificates", "cms")
ROLES = ("Program staff", "Finance")
# Listings the demo must fill, so a broken row cannot hide behind an empty table.
MUST_HAVE_ROWS = {
    "lms_registrations",
    "lms_payments",
    "lms_scholarship_applications",
    "lms_scholarship_awards",
    "lms_invoices",
    "certificates_admin",
    "technical_assistance",
    "session_reports",
}
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
LISTING = re.compile(r'<table\b[^>]*class="[^"]*\blisting\b[^"]*"[^>]*>(.*?)</table>', re.S)
TBODY = re.compile(r"<tbody\b[^>]*>(.*?)</tbody>", re.S)
HREF = re.compile(r'href="([^"]+)"')


def our_viewsets() -> list[ModelViewSet]:
    # Loading the admin URLs populates Wagtail's registry once; populating it again here
    # would register every menu a second time for the rest of the test run.
    get_resolver().url_patterns  # noqa: B018
    seen, found = set(), []
    for viewset in viewsets.viewsets:
        if (
            isinstance(viewset, ModelViewSet)
            and viewset.model._meta.app_label in OURS
            and viewset.name not in seen
        ):
            seen.add(viewset.name)
            found.append(viewset)
    return found


def object_urls(viewset, pk) -> set[str]:
    urls = set()
    for view in ("edit", "inspect"):
        with contextlib.suppress(NoReverseMatch):  # a viewset without that view
            urls.add(reverse(viewset.get_url_name(view), args=[pk]))
    return urls


def object_pattern(viewset) -> re.Pattern:
    templates = [url.replace("999999", r"(\d+)") for url in object_urls(viewset, 999999)]
    return re.compile("|".join(f"^{template}$" for template in templates))


def staff(group: str):
    return UserFactory(is_staff=True, groups=[group])


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses without it
    call_command("seed_demo")
    settings.DEBUG = False


def listing_rows(html: str) -> list[str]:
    return [
        row
        for table in LISTING.findall(html)
        for body in TBODY.findall(table)
        for row in ROW.findall(body)
    ]


def test_every_row_links_to_its_object_and_its_allowed_actions(demo):
    problems = []
    for role in ROLES:
        problems += listing_problems(role)
    assert not problems, "\n".join(problems)


def listing_problems(role: str) -> list[str]:
    user = staff(role)
    client = Client()
    client.force_login(user)
    problems, walked = [], set()
    for viewset in our_viewsets():
        try:
            index = reverse(viewset.get_url_name("index"))
        except NoReverseMatch:
            continue  # a viewset with no listing of its own
        response = client.get(index)
        if response.status_code != 200:
            continue  # not this role's listing (the authorization matrix checks who gets what)
        walked.add(viewset.name)
        rows = listing_rows(response.content.decode())
        if not rows and viewset.name in MUST_HAVE_ROWS:
            problems.append(f"{index}: the demo gives {role} no rows to check")
        pattern = object_pattern(viewset)
        for row in rows:
            links = [unescape(href) for href in HREF.findall(row)]
            own = [m for href in links if (m := pattern.match(href))]
            if not own:
                problems.append(f"{index}: a row with no link to its object: {row[:200]!r}")
                continue
            pk = next(group for group in own[0].groups() if group)
            obj = viewset.model._default_manager.get(pk=pk)
            for action in getattr(viewset, "object_actions", ()):
                if not action.shown(user, obj):
                    continue
                url = reverse(action.url_name, args=[obj.pk])
                if url not in links:
                    problems.append(f"{index}: row {pk} has no {action.label!r} button")
                page = client.get(own[0].group(0)).content.decode()
                if url not in page:
                    problems.append(f"{own[0].group(0)}: no {action.label!r} header button")
    assert MUST_HAVE_ROWS & walked, walked
    return problems


CENTS_LABEL = re.compile(r"\bcents\b", re.I)
DICTIONARY = re.compile(r"\{['\"]\w+['\"]:|\[\{")
DT_DD = re.compile(r"<dt\b[^>]*>(.*?)</dt>\s*<dd\b[^>]*>(.*?)</dd>", re.S)
TAGS = re.compile(r"<[^>]+>")


def test_object_pages_show_values_for_people(demo):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    problems, pages = [], 0
    for viewset in our_viewsets():
        if not viewset.inspect_view_enabled:
            continue
        for obj in viewset.model._default_manager.all()[:5]:
            url = reverse(viewset.get_url_name("inspect"), args=[obj.pk])
            html = client.get(url).content.decode()
            pages += 1
            for label, value in DT_DD.findall(html):
                label = " ".join(unescape(TAGS.sub("", label)).split())
                value = " ".join(unescape(TAGS.sub("", value)).split())
                if CENTS_LABEL.search(label) or "¢" in value:
                    problems.append(f"{url}: {label!r} shows cents: {value!r}")
                if DICTIONARY.search(value):
                    problems.append(f"{url}: {label!r} shows a dictionary: {value[:80]!r}")
    assert pages > 10
    assert not problems, "\n".join(problems)
