"""Program staff process an erasure request made by letter, phone or email, in the admin:
record it, then Erase now; and find an erased person's records by the email or license
number they had."""

import pytest
from wagtail.models import ModelLogEntry

from lms.models import ErasureRequest, User
from tests.factories import RegistrationFactory, StaffFactory
from tests.lms.privacy.records import two_people_with_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(client):
    staff = StaffFactory(groups=["Program staff"])
    client.force_login(staff)
    return staff


def record(client, email: str, **extra):
    return client.post(
        "/admin/erasure-requests/new/",
        {
            "email": email,
            "channel": "letter",
            "identity_check": "Signed letter; signature matches the registration form.",
            **extra,
        },
    )


def test_program_staff_reach_the_requests_from_the_menu(client, program):
    home = client.get("/admin/").content.decode()
    assert "People&#x27;s data" in home or "People's data" in home
    assert "/admin/erasure-requests/" in home
    assert "/admin/retention-runs/" in home and "/admin/demographic-reads/" in home
    listing = client.get("/admin/erasure-requests/").content.decode()
    assert "/admin/erasure-requests/new/" in listing


def test_staff_record_a_request_then_erase_the_person(client, program):
    a, _b = two_people_with_records()
    response = record(client, a.email.upper())
    request = ErasureRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/erasure-requests/inspect/{request.pk}/"
    assert request.status == ErasureRequest.Status.CONFIRMED
    assert (request.channel, request.recorded_by) == ("letter", program)
    inspect = client.get(response["Location"]).content.decode()
    assert f"/admin/erasure-requests/erase/{request.pk}/" in inspect
    listing = client.get("/admin/erasure-requests/").content.decode()
    assert f'href="/admin/erasure-requests/inspect/{request.pk}/"' in listing

    page = client.get(f"/admin/erasure-requests/erase/{request.pk}/").content.decode()
    assert "Identity check: Signed letter" in page and "Not yet possible" not in page
    refused = client.post(f"/admin/erasure-requests/erase/{request.pk}/", {})
    assert refused.status_code == 200  # the box must be ticked
    done = client.post(f"/admin/erasure-requests/erase/{request.pk}/", {"confirm": "on"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.COMPLETED
    assert request.completed_by == program
    person = User.objects.get(pk=a.person.pk)
    assert not person.is_active and person.get_full_name() == request.pseudonym
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(request.pk), user=program).values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "lms.privacy.erasure_request",
        "lms.privacy.erasure_confirm",
        "lms.privacy.erase",
    }


def test_the_erase_page_says_what_blocks_it_and_refuses(client, program):
    a, _b = two_people_with_records()
    RegistrationFactory(person=a.person, session__training__title="Upcoming Ethics")
    record(client, a.email)
    request = ErasureRequest.objects.get()
    page = client.get(f"/admin/erasure-requests/erase/{request.pk}/").content.decode()
    assert "Not yet possible" in page and "“Upcoming Ethics”" in page
    response = client.post(f"/admin/erasure-requests/erase/{request.pk}/", {"confirm": "on"})
    assert response.status_code == 200
    assert "Cancel your registration for “Upcoming Ethics” first" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.CONFIRMED
    assert User.objects.get(pk=a.person.pk).is_active


def test_recording_needs_a_known_email_and_an_identity_check(client, program):
    response = record(client, "nobody@example.org")
    assert "No account has this email address." in response.content.decode()
    a, _b = two_people_with_records()
    response = record(client, a.email, identity_check="")
    assert response.status_code == 200
    assert not ErasureRequest.objects.exists()


def test_an_erased_person_is_found_by_the_email_or_license_they_had(client, program):
    a, b = two_people_with_records()
    record(client, a.email)
    request = ErasureRequest.objects.get()
    client.post(f"/admin/erasure-requests/erase/{request.pk}/", {"confirm": "on"})
    request.refresh_from_db()
    inspect_link = f'href="/admin/erasure-requests/inspect/{request.pk}/"'
    for query in (a.email, a.markers["license"].lower(), request.pseudonym):
        found = client.get("/admin/erasure-requests/", {"q": query}).content.decode()
        assert inspect_link in found, query
    other = client.get("/admin/erasure-requests/", {"q": b.email}).content.decode()
    assert inspect_link not in other


def test_staff_withdraw_a_request(client, program):
    a, _b = two_people_with_records()
    record(client, a.email)
    request = ErasureRequest.objects.get()
    response = client.post(f"/admin/erasure-requests/withdraw/{request.pk}/", {})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.WITHDRAWN
    assert User.objects.get(pk=a.person.pk).is_active


def test_finance_cannot_erase(client):
    a, _b = two_people_with_records()
    request = ErasureRequest.objects.create(person=a.person, channel="phone")
    client.force_login(StaffFactory(groups=["Finance"]))
    for response in (
        client.get(f"/admin/erasure-requests/erase/{request.pk}/"),
        client.post(f"/admin/erasure-requests/erase/{request.pk}/", {"confirm": "on"}),
    ):  # Wagtail's "no permission" bounce to the admin home
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert User.objects.get(pk=a.person.pk).is_active
