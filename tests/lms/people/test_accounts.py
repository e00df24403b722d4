"""Sign-up, login by email, and the staff groups."""

import pytest
from django.core import mail

from lms.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signup(client, email, password1="a-Strong-passphrase-42", password2=None):
    return client.post(
        "/accounts/signup/",
        {
            "first_name": "New",
            "last_name": "Worker",
            "email": email,
            "password1": password1,
            "password2": password2 or password1,
        },
    )


def test_signup_sends_a_verification_email(client):
    response = signup(client, "new.worker@agency.org")
    assert response.status_code == 302
    person = User.objects.get(email="new.worker@agency.org")
    assert person.get_full_name() == "New Worker"  # sign-up asks for the name
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        (
            "taken@agency.org",
            "a-Strong-passphrase-42",
            "A user is already registered with this email",
        ),
        ("fresh@agency.org", "password", "This password is too common"),
        ("fresh@agency.org", "12345678901", "This password is entirely numeric"),
        ("not-an-email", "a-Strong-passphrase-42", "Enter a valid email address"),
    ],
)
def test_signup_errors_are_clear(client, email, password, message):
    UserFactory(email="taken@agency.org")
    response = signup(client, email, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == 1


def test_login_is_by_email_and_lands_on_dashboard(client):
    UserFactory(email="pat@agency.org")
    response = client.post(
        "/accounts/login/", {"login": "pat@agency.org", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    assert client.get("/my/").status_code == 200


def test_dashboard_requires_login(client):
    response = client.get("/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_manager_normalizes_email_and_requires_it():
    user = User.objects.create_user("Case.Manager@Agency.ORG", "pw")
    assert user.email == "case.manager@agency.org"
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", "pw")


@pytest.mark.parametrize(
    ("group", "allowed", "denied"),
    [
        (
            "Program staff",
            ["wagtailadmin.access_admin", "lms.change_session"],
            ["lms.delete_registration"],
        ),
        ("Finance", ["wagtailadmin.access_admin", "lms.view_registration"], ["lms.change_session"]),
        ("Facilitators", [], ["wagtailadmin.access_admin", "lms.view_registration"]),
    ],
)
def test_groups_are_created_with_their_permissions(group, allowed, denied):
    user = UserFactory(groups=[group])
    user = User.objects.get(pk=user.pk)  # fresh permission cache
    for permission in allowed:
        assert user.has_perm(permission), permission
    for permission in denied:
        assert not user.has_perm(permission), permission


def test_staff_and_finance_reach_the_wagtail_admin_but_facilitators_do_not(client):
    for group, expected in [("Program staff", 200), ("Finance", 200), ("Facilitators", 302)]:
        user = UserFactory(groups=[group])
        client.force_login(user)
        assert client.get("/admin/").status_code == expected, group


def test_the_confirmation_email_can_be_sent_again_without_telling_who_has_an_account(client):
    signup(client, "late.reader@agency.org")
    mail.outbox.clear()
    answer = client.post(
        "/accounts/confirm-again/", {"email": "Late.Reader@agency.org"}, follow=True
    )
    assert "a new link is on its way" in answer.content.decode()
    [message] = mail.outbox
    assert message.to == ["late.reader@agency.org"]
    assert "/accounts/confirm-email/" in message.body

    mail.outbox.clear()
    stranger = client.post("/accounts/confirm-again/", {"email": "nobody@agency.org"}, follow=True)
    assert "a new link is on its way" in stranger.content.decode()
    assert mail.outbox == []


def test_sending_again_refuses_bad_input_and_too_many_requests(client):
    answer = client.post("/accounts/confirm-again/", {"email": "not-an-address"})
    assert "Enter an email address like name@agency.org." in answer.content.decode()
    signup(client, "hammer@agency.org")
    for _ in range(3):
        client.post("/accounts/confirm-again/", {"email": "hammer@agency.org"})
    assert (
        client.post("/accounts/confirm-again/", {"email": "hammer@agency.org"}).status_code == 429
    )
