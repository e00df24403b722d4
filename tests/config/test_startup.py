"""Start-up behaviour, run as a real child process like an operator would."""

import pytest

from tests.fixtures.processes import manage

pytestmark = pytest.mark.django_db(transaction=False)


def test_unreachable_database_gives_one_clear_line():
    result = manage("migrate", DATABASE_URL="postgres://nobody:hunter2@127.0.0.1:1/nothing")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("coalition-ce: cannot use the database at postgres://nobody:***@")
    assert "hunter2" not in result.stderr


def test_malformed_database_url_gives_one_clear_line():
    result = manage("check", DATABASE_URL="bogus://x")
    assert result.returncode == 1
    assert result.stderr.startswith("coalition-ce: configuration error:")
    assert "Traceback" not in result.stderr


def test_unreachable_redis_gives_one_clear_line():
    result = manage("qcluster", REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "coalition-ce: cannot reach Redis at redis://127.0.0.1:1/0: "
        "Error 111 connecting to 127.0.0.1:1. Connection refused."
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-9f8e7d6c5b4a3928171615141312111009",
    "ALLOWED_HOSTS": "ce.coalition.example",
    "DATABASE_URL": None,
}


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": None})
    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr


PRODUCTION_HEADERS = """
import json
from django.conf import settings
from django.test import Client
# A response that needs no database and no collected static files: a refused webhook.
response = Client(HTTP_HOST="ce.coalition.example").post("/payments/stripe/webhook/", secure=True)
insecure = Client(HTTP_HOST="ce.coalition.example").get("/verify/")
print(json.dumps({
    "hsts": response.get("Strict-Transport-Security"),
    "csp": response.get("Content-Security-Policy"),
    "nosniff": response.get("X-Content-Type-Options"),
    "frame": response.get("X-Frame-Options"),
    "referrer": response.get("Referrer-Policy"),
    "insecure": [insecure.status_code, insecure.get("Location")],
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                settings.SESSION_COOKIE_HTTPONLY],
    "axes": settings.AXES_ENABLED,
}))
"""


def test_production_sends_hsts_csp_and_secure_cookies():
    import json

    result = manage("shell", "-c", PRODUCTION_HEADERS, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in answer["csp"] and "https://js.stripe.com" in answer["csp"]
    assert "'unsafe-inline'" not in answer["csp"]
    assert (answer["nosniff"], answer["frame"], answer["referrer"]) == (
        "nosniff",
        "DENY",
        "same-origin",
    )
    assert answer["insecure"] == [301, "https://ce.coalition.example/verify/"]
    assert answer["cookies"] == [True, True, True]
    assert answer["axes"] is True
