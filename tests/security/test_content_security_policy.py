"""The content security policy: its header on our pages, Stripe's origins (real and the
localstripe origin from settings), the Wagtail admin allowance, and in Chromium: the payment
page loads the card element and the admin works with no policy violation."""

import pytest

from tests.factories import ProfileFactory, StaffFactory, UserFactory, paid_session
from tests.fixtures.browser import PASSWORD, fill_card, hold_a_seat, sign_in

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = {}
    for part in response[CSP].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.django_db
def test_public_pages_get_a_strict_policy_with_stripe_and_the_configured_origin(client, settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:45678/js.stripe.com/v3/"
    settings.STRIPE_API_BASE = "http://127.0.0.1:45678"
    policy = directives(client.get("/verify/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    for name in ("script-src", "frame-src", "connect-src"):
        assert "http://127.0.0.1:45678" in policy[name], name
    assert "https://js.stripe.com" in policy["script-src"]
    assert "https://api.stripe.com" in policy["connect-src"]
    assert "https://js.stripe.com" in policy["frame-src"]
    assert not any("unsafe" in v for values in policy.values() for v in values)


@pytest.mark.django_db
def test_no_inline_styles_anywhere_and_inline_scripts_only_in_the_admin(client):
    staff = StaffFactory(groups=["Program staff"])
    client.force_login(staff)
    admin = directives(client.get("/admin/"))
    assert "'unsafe-inline'" in admin["script-src"]  # Wagtail's own widgets (config/security.py)
    assert admin["style-src"] == ["'self'"]
    site = directives(client.get("/my/"))
    assert "'unsafe-inline'" not in site["script-src"]
    assert site["style-src"] == ["'self'"]


def _violations(page):
    """Collect CSP violations from now on: the DOM event, and Chromium's console report."""
    found = []

    def on_console(message):
        text = message.text
        if message.type == "error" and ("CSP violation" in text or "Content Security" in text):
            found.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + "
        "(e.sample || '')));"
    )
    return found


@pytest.mark.browser
@pytest.mark.stripe
@pytest.mark.django_db(transaction=True)
def test_payment_page_loads_the_card_element_without_violations(page, live_server_turns):
    with live_server_turns:
        session, _ = paid_session()
        person = ProfileFactory().user
    errors = _violations(page)
    sign_in(page, person.email)
    page.goto(f"/sessions/{session.pk}/register/")
    hold_a_seat(page)
    page.get_by_role("heading", name=f"Pay for {session.training.title}").wait_for()
    fill_card(page)  # the card element's inputs exist: Stripe.js ran
    page.get_by_role("button", name="Pay $50.00").click()
    page.get_by_text("You are registered.").wait_for()
    assert errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wagtail_admin_works_under_the_policy(page, live_server):
    # A transactional test starts without the staff groups: a superuser sees every screen.
    UserFactory(is_staff=True, is_superuser=True, email="staff@coalition.test")
    errors = _violations(page)
    # (A transactional test has no page tree, so it stays off the dashboard and Pages.)
    page.goto("/admin/login/?next=/admin/registrations/")
    page.get_by_label("Email").fill("staff@coalition.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Registrations").first.wait_for()
    for path in (
        "/admin/trainings/new/",
        "/admin/scholarship-funds/",
        "/admin/certificates/",
        "/admin/reports/",
        "/admin/pay/statements/",
        "/admin/settings/lms/coalitionbrand/",
        "/admin/people/",
        "/admin/images/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # The page menu (JavaScript) opens.
    page.get_by_role("button", name="Toggle sidebar").first.wait_for()
    assert errors == [], "\n".join(errors)
