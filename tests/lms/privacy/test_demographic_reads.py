"""Every read of demographic answers person by person (the `lms.view_demographic_rows`
permission) is logged with whose answers were shown, and staff see that log in the admin."""

import pytest
from django.contrib.auth.models import Permission

from lms.models import DemographicAccess
from lms.services.demographics import demographics_save
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ROWS = "/admin/indicators/demographic-answers/"


def people_who_answered(count: int):
    people = [UserFactory(email=f"answer{n:03d}@example.org") for n in range(count)]
    for person in people:
        demographics_save(person=person, race_ethnicity=["race_white"], difficulties={})
    return people


def reader():
    staff = StaffFactory(groups=["Program staff"], first_name="Robin", last_name="Reader")
    staff.user_permissions.add(Permission.objects.get(codename="view_demographic_rows"))
    return staff


def test_each_page_read_is_logged_with_the_people_on_it(client):
    people = people_who_answered(101)  # two pages of 100
    staff = reader()
    client.force_login(staff)
    assert "answer000@example.org" in client.get(ROWS).content.decode()
    assert "answer100@example.org" in client.get(ROWS, {"p": 2}).content.decode()

    first, second = DemographicAccess.objects.order_by("pk")
    assert first.accessed_by == staff and second.accessed_by == staff
    assert first.what == "Demographic answers, person by person: page 1 of 2"
    assert first.row_count == 100 and first.path == ROWS
    assert set(first.people.all()) == set(people[:100])
    assert list(second.people.all()) == [people[100]] and second.path == f"{ROWS}?p=2"


def test_no_read_no_entry(client):
    people_who_answered(3)
    client.force_login(StaffFactory(groups=["Program staff"]))
    assert client.get(ROWS).status_code == 302  # no permission: nothing shown
    assert not DemographicAccess.objects.exists()


def test_staff_see_the_log_in_the_admin(client):
    people = people_who_answered(2)
    client.force_login(reader())
    client.get(ROWS)
    access = DemographicAccess.objects.get()

    client.force_login(StaffFactory(groups=["Program staff"]))
    home = client.get("/admin/").content.decode()
    assert "/admin/demographic-reads/" in home
    listing = client.get("/admin/demographic-reads/").content.decode()
    assert "Robin Reader" in listing and "page 1 of 1" in listing
    assert f"/admin/demographic-reads/inspect/{access.pk}/" in listing
    inspect = client.get(f"/admin/demographic-reads/inspect/{access.pk}/").content.decode()
    assert all(str(person) in inspect for person in people)

    client.force_login(StaffFactory(groups=["Finance"]))
    assert client.get("/admin/demographic-reads/").status_code == 302  # not theirs
