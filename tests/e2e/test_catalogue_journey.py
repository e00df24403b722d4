"""The catalogue in a real browser on the demo data: the "Done means" journey, axe-core
accessibility checks, and the filters and register button driven by the keyboard alone."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def test_visitor_filters_opens_a_training_and_adds_a_session_to_their_calendar(page, demo):
    today = timezone.localdate()
    page.goto("/trainings/")
    page.get_by_label("Format").select_option("virtual")
    page.get_by_label("CE for").select_option(label="Social work (LSW, LCSW)")
    page.get_by_label("Starting from").fill(today.isoformat())
    page.get_by_label("Until").fill((today + dt.timedelta(days=61)).isoformat())
    page.get_by_role("button", name="Show trainings").click()

    page.wait_for_url(re.compile(r"format=virtual.*credential=social-work"))
    results = page.locator("article.training-card h3")
    titles = results.all_inner_texts()
    assert "Intersectionality in Practice" in titles
    assert "Advancing Racial Equity in Our Sector" not in titles  # in person
    assert "Advocacy 101 for Frontline Workers" not in titles  # no CE credentials
    assert "Trauma-Informed Supervision" not in titles  # hybrid

    page.get_by_role("link", name="Intersectionality in Practice").click()
    page.get_by_role("heading", level=1, name="Intersectionality in Practice").wait_for()
    first = page.locator("article.session").first
    assert re.fullmatch(r"\d+ seats? left", first.locator(".seats").inner_text())
    assert first.locator(".price").inner_text() == "From $25, sliding scale"
    assert first.get_by_role("link", name="Register").get_attribute("href").endswith("/register/")

    with page.expect_download() as download_info:
        first.get_by_role("link", name="Add to calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("intersectionality-in-practice-")
    with open(download.path(), "rb") as ics:
        events = list(Calendar.from_ical(ics.read()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == [
        "Intersectionality in Practice (part 1 of 2)",
        "Intersectionality in Practice (part 2 of 2)",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/trainings/?format=virtual&credential=social-work&price=paid&q=practice",
        "/trainings/?topic=no-such-topic&page=99",  # with the "ignored" messages showing
        "/trainings/intersectionality-in-practice/",
        "/trainings/advancing-racial-equity-in-our-sector/",  # a full session, waitlist
    ],
)
def test_no_serious_or_critical_accessibility_violations(page, demo, path):
    page.goto(path)
    assert_accessible(page, impacts=BLOCKING_IMPACTS)


def _tab_to(page, predicate: str, *, limit: int = 150) -> None:
    """Press Tab until the focused element satisfies the JS `predicate` (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_filters_and_register_button_work_with_the_keyboard_alone(page, demo):
    page.goto("/trainings/")
    _tab_to(page, "el.id === 'id_format'")
    page.keyboard.press("v")  # type-to-select "Virtual ..."
    _tab_to(page, "el.id === 'id_credential'")
    page.keyboard.press("s")  # "Social work ..."
    assert page.eval_on_selector("#id_format", "el => el.value") == "virtual"
    assert page.eval_on_selector("#id_credential", "el => el.value") == "social-work"
    _tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Show trainings'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"format=virtual.*credential=social-work"))

    _tab_to(page, "el.textContent.trim() === 'Intersectionality in Practice'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Intersectionality in Practice").wait_for()

    _tab_to(page, "el.textContent.trim() === 'Register'")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"  # the focused button is visible
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sessions/\d+/register/$"))
