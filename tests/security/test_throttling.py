"""Login throttling (django-axes) on both login forms, and the cache-based rate limits on
registration, the TA request form and certificate verification."""

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.urls import reverse

from lms.models import Registration, TechnicalAssistanceRequest
from lms.rate_limits import rate_limit_hit
from tests.factories import ProfileFactory, UserFactory, paid_session

pytestmark = pytest.mark.django_db

TA_REQUEST = {  # a valid TA request form submission
    "topic": "Board training",
    "requester_name": "Lee",
    "requester_email": "lee@agency.org",
    "urgency": "routine",
    "preferred_contact": "email",
}


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def _allauth_login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _admin_login(client, email, password):
    return client.post("/admin/login/", {"username": email, "password": password})


@pytest.mark.parametrize("login", [_allauth_login, _admin_login], ids=["allauth", "wagtail"])
def test_repeated_failures_lock_the_account_out_with_a_clear_page(client, throttled, login):
    user = UserFactory(email="dana@agency.org", is_staff=True, is_superuser=True)
    for _ in range(2):
        response = login(client, "dana@agency.org", "wrong-guess")
        assert response.status_code == 200  # the form again, with its error
    response = login(client, "Dana@Agency.org", "wrong-guess")  # case does not reset the count
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many sign-in attempts" in page and "for 15 minutes" in page
    # Even the right password is refused while locked out, and nobody is signed in.
    response = login(client, "dana@agency.org", "correct-horse-battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().username == "dana@agency.org"
    # Another account from the same address is not locked out.
    other = UserFactory(email="lee@agency.org", is_staff=True, is_superuser=True)
    response = login(client, other.email, "correct-horse-battery")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)
    assert user.pk != other.pk


def test_a_success_before_the_limit_resets_the_count(client, throttled):
    UserFactory(email="dana@agency.org")
    for _ in range(2):
        _allauth_login(client, "dana@agency.org", "wrong-guess")
    assert _allauth_login(client, "dana@agency.org", "correct-horse-battery").status_code == 302
    client.logout()
    for _ in range(2):
        assert _allauth_login(client, "dana@agency.org", "wrong-guess").status_code == 200


def test_rate_limit_counts_per_key_and_window():
    hits = [rate_limit_hit(scope="t", key="a", limit=2, window_seconds=60) for _ in range(3)]
    assert hits == [False, False, True]
    assert rate_limit_hit(scope="t", key="b", limit=2, window_seconds=60) is False


def test_registration_posts_are_rate_limited_per_person(client, settings):
    settings.REGISTRATION_PER_HOUR = 2
    person = ProfileFactory().user
    client.force_login(person)
    sessions = [paid_session()[0] for _ in range(3)]
    answers = [
        client.post(reverse("lms:session_register", args=[s.pk]), {"tier": ""}) for s in sessions
    ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "too many registrations" in answers[2].content.decode()
    assert answers[2]["Retry-After"] == "3600"
    assert not Registration.objects.exists()
    # Reading the page is never limited.
    assert client.get(reverse("lms:session_register", args=[sessions[0].pk])).status_code == 200


def test_ta_requests_are_rate_limited_per_address(client, settings):
    settings.TA_REQUEST_PER_HOUR = 1
    data = TA_REQUEST
    assert client.post(reverse("lms:technical_assistance"), data).status_code == 200
    response = client.post(reverse("lms:technical_assistance"), data)
    assert response.status_code == 429
    assert "Nothing was saved" in response.content.decode()
    assert TechnicalAssistanceRequest.objects.count() == 1


@pytest.mark.skipif(not __import__("django.conf").conf.settings.REDIS_URL, reason="needs REDIS_URL")
def test_with_redis_the_counters_are_shared_between_processes(settings):
    """Two cache connections (as two web processes have) see one counter."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    first = caches.create_connection("default")
    second = caches.create_connection("default")
    first.add("rate:shared", 0)
    first.incr("rate:shared")
    assert second.incr("rate:shared") == 2


def test_with_the_cache_down_requests_are_served_not_counted(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    assert [rate_limit_hit(scope="t", key="a", limit=0) for _ in range(2)] == [False, False]
