"""Sign-in lockouts that cannot be turned against the account's owner, and client addresses
read correctly behind a proxy, with the real django-axes and allauth's real login form.

Lockouts are per account AND address (docs/security.md): an attacker guessing at one address
never locks the owner out at another; a correct password during a lockout does not extend
it; resetting the password by the emailed link ends it. Behind TRUSTED_PROXY_COUNT proxies
every limit (lockouts, allauth's sign-in limits, ours, /verify/) counts the client's own
address, read from X-Forwarded-For, not the proxy's."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from lms.client_address import client_address
from lms.models import TechnicalAssistanceRequest
from tests.factories import UserFactory
from tests.factories.people import PASSWORD
from tests.security.test_throttling import TA_REQUEST

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # what Django sees as REMOTE_ADDR behind the proxy
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"


@pytest.fixture
def axes_on(settings):
    """django-axes as in production (test settings turn it off): 5 failures, 15 minutes."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = 15 / 60
    return settings


@pytest.fixture
def behind_proxy(axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    return axes_on


def allauth_login(client, email, password, **where):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **where)


def admin_login(client, email, password, **where):
    return client.post("/admin/login/", {"username": email, "password": password}, **where)


def at(address):
    """Request extras for a client at `address` reaching Django directly."""
    return {"REMOTE_ADDR": address}


def via_proxy(address, claimed=None):
    """Request extras for a client at `address` behind one proxy; `claimed` is what the client
    itself put in X-Forwarded-For (the proxy appends the address it saw)."""
    forwarded = f"{claimed}, {address}" if claimed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.parametrize("login", [allauth_login, admin_login], ids=["allauth", "wagtail"])
def test_an_attacker_at_one_address_does_not_lock_the_owner_out_at_another(axes_on, login):
    owner = UserFactory(email="dana@agency.org", is_staff=True, is_superuser=True)
    attacker = Client()
    answers = [login(attacker, owner.email, f"guess-{n}", **at(ATTACKER)) for n in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    # The attacker's address is locked, even with the right password...
    assert login(attacker, owner.email, PASSWORD, **at(ATTACKER)).status_code == 429
    assert not signed_in(attacker, owner)
    # ...but the owner, elsewhere, signs in (allauth's own per-email limit no longer applies).
    client = Client()
    response = login(client, owner.email, PASSWORD, **at(OWNER))
    assert response.status_code == 302 and signed_in(client, owner)
    # Repeating the attack minutes later still leaves the owner free.
    for n in range(6):
        login(attacker, owner.email, f"again-{n}", **at(ATTACKER))
    client = Client()
    assert login(client, owner.email, PASSWORD, **at(OWNER)).status_code == 302


def test_a_correct_password_during_a_lockout_does_not_extend_it(axes_on, time_machine):
    owner = UserFactory(email="dana@agency.org")
    start = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    time_machine.move_to(start, tick=False)
    client = Client()
    for n in range(5):
        allauth_login(client, owner.email, f"guess-{n}", **at(OWNER))
    # 14 minutes later the owner tries the right password: still paused...
    time_machine.move_to(start + dt.timedelta(minutes=14), tick=False)
    assert allauth_login(client, owner.email, PASSWORD, **at(OWNER)).status_code == 429
    # ...and 15 minutes after the lockout began it is over, not 15 minutes after that try.
    time_machine.move_to(start + dt.timedelta(minutes=15, seconds=1), tick=False)
    response = allauth_login(client, owner.email, PASSWORD, **at(OWNER))
    assert response.status_code == 302 and signed_in(client, owner)


def test_resetting_the_password_by_the_emailed_link_ends_the_lockout(axes_on):
    owner = UserFactory(email="dana@agency.org")
    client = Client()
    for n in range(5):
        response = allauth_login(client, owner.email, f"guess-{n}", **at(OWNER))
    assert response.status_code == 429
    # The lockout page says how to get in now, with the link.
    page = response.content.decode()
    reset_url = reverse("account_reset_password")
    assert f'href="{reset_url}"' in page
    assert "ends the pause" in page
    # Reset by the emailed link...
    client.post(reset_url, {"email": owner.email}, **at(OWNER))
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, **at(OWNER))["Location"]
    new_password = "a-new-long-passphrase-77"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}, **at(OWNER)
    )
    assert response.status_code == 302
    # ...and the owner signs in at once, from the address that was locked.
    response = allauth_login(client, owner.email, new_password, **at(OWNER))
    assert response.status_code == 302 and signed_in(client, owner)
    assert not AccessAttempt.objects.filter(username=owner.email).exists()


@pytest.mark.parametrize("login", [allauth_login, admin_login], ids=["allauth", "wagtail"])
def test_behind_a_proxy_lockouts_count_the_clients_own_address(behind_proxy, login):
    owner = UserFactory(email="dana@agency.org", is_staff=True, is_superuser=True)
    attacker = Client()
    for n in range(5):
        # The attacker claims to be the owner's address; the proxy appends the real one.
        response = login(attacker, owner.email, f"guess-{n}", **via_proxy(ATTACKER, OWNER))
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    client = Client()
    response = login(client, owner.email, PASSWORD, **via_proxy(OWNER))
    assert response.status_code == 302 and signed_in(client, owner)


def test_behind_a_proxy_the_sign_in_rate_limit_counts_each_client(behind_proxy):
    """allauth allows 30 sign-ins a minute per address: the 31st person behind the proxy
    is not refused."""
    people = [UserFactory() for _ in range(31)]
    answers = [
        allauth_login(Client(), p.email, PASSWORD, **via_proxy(f"198.51.100.{n + 1}"))
        for n, p in enumerate(people)
    ]
    assert {a.status_code for a in answers} == {302}


def test_behind_a_proxy_verification_and_our_rate_limits_count_each_client(behind_proxy):
    behind_proxy.CERTIFICATE_VERIFY_PER_MINUTE = 2
    behind_proxy.TA_REQUEST_PER_HOUR = 1
    verify = reverse("certificates:verify_form")
    answers = [Client().get(verify, **via_proxy(f"198.51.100.{n}")) for n in range(1, 6)]
    assert {a.status_code for a in answers} == {200}
    one = Client()
    answers = [one.get(verify, **via_proxy(OWNER, claimed=f"192.0.2.{n}")) for n in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]

    data = TA_REQUEST
    url = reverse("lms:technical_assistance")
    answers = [Client().post(url, data, **via_proxy(f"198.51.100.{n}")) for n in (1, 2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert TechnicalAssistanceRequest.objects.count() == 2


class Request:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.7", None, "198.51.100.7"),
        (0, "198.51.100.7", "203.0.113.9", "198.51.100.7"),  # no proxy: the header is a lie
        (1, PROXY, "198.51.100.7", "198.51.100.7"),
        (1, PROXY, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # client-written part ignored
        (2, PROXY, "198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, PROXY, "1.1.1.1, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, PROXY, "198.51.100.7", "198.51.100.7"),  # reached the inner proxy directly
        (1, PROXY, "", PROXY),
        (1, PROXY, "not-an-address", PROXY),
        (1, PROXY, "198.51.100.7:5123", "198.51.100.7"),
        (1, PROXY, "[2001:DB8::1]:443", "2001:db8::1"),
        (1, PROXY, " 2001:db8::1 ", "2001:db8::1"),
        (0, "", None, None),
    ],
)
def test_client_address(settings, proxies, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(Request(remote, forwarded)) == expected


def test_the_ta_rate_limit_still_counts_one_client_behind_the_proxy(behind_proxy):
    behind_proxy.TA_REQUEST_PER_HOUR = 1
    data = TA_REQUEST
    url = reverse("lms:technical_assistance")
    client = Client()
    answers = [client.post(url, data, **via_proxy(OWNER, claimed=f"192.0.2.{n}")) for n in (1, 2)]
    assert [a.status_code for a in answers] == [200, 429]
