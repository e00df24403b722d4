"""A coordinator swaps a group attendee for a colleague before the session starts."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.models import Registration
from lms.services.groups import Attendee, group_attendee_swap, group_registration_invoice
from lms.services.invoices import AgencyError
from tests.factories import OrganizationFactory, ProfileFactory, UserFactory, paid_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(django_capture_on_commit_callbacks):
    coordinator = ProfileFactory().user
    session, tiers = paid_session(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=OrganizationFactory(name="Riverside Family Services"),
            tier=tiers["organization"],
            attendees=[
                Attendee("Ana Ruiz", "ana@agency.org"),
                Attendee("Ben Okafor", "ben@agency.org"),
            ],
            attested=True,
        )
    return coordinator, invoice


def test_coordinator_swaps_an_attendee_on_the_group_page(
    client, group, django_capture_on_commit_callbacks
):
    coordinator, invoice = group
    line = invoice.lines.get(registration__person__email="ben@agency.org")
    old_code = line.registration.check_in_code
    client.force_login(coordinator)
    dashboard = client.get(reverse("lms:dashboard")).text
    assert "Groups I registered" in dashboard
    assert reverse("lms:group_detail", args=[invoice.pk]) in dashboard
    page = client.get(reverse("lms:group_detail", args=[invoice.pk]))
    assert "ben@agency.org" in page.text and "Swap for a colleague" in page.text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("lms:group_attendee_swap", args=[line.registration_id]),
            {"name": "Dana Smith", "email": "Dana@Agency.org"},
            follow=True,
        )
    assert "Dana Smith now has the seat" in response.text
    registration = Registration.objects.get(pk=line.registration_id)
    assert registration.person.email == "dana@agency.org"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.check_in_code != old_code
    assert registration.person.profile.organization == invoice.organization
    assert [message.to for message in mail.outbox] == [["dana@agency.org"]]
    entry = ModelLogEntry.objects.for_instance(registration).get(action="lms.registration.swap")
    assert entry.user == coordinator
    assert entry.data == {
        "from": "ben@agency.org",
        "to": "dana@agency.org",
        "group": invoice.display_number,
    }
    invoice.refresh_from_db()
    assert invoice.total_cents == 9000 and invoice.lines.count() == 2


def test_swap_refused_after_the_session_starts(client, group, time_machine):
    coordinator, invoice = group
    line = invoice.lines.first()
    time_machine.move_to(invoice.session.starts_at + dt.timedelta(minutes=1), tick=False)
    client.force_login(coordinator)
    response = client.post(
        reverse("lms:group_attendee_swap", args=[line.registration_id]),
        {"name": "Dana Smith", "email": "dana@agency.org"},
        follow=True,
    )
    assert "The session has already started, so attendees can no longer be swapped." in (
        response.text
    )
    assert "Swap for a colleague" not in response.text
    line.registration.refresh_from_db()
    assert line.registration.person.email != "dana@agency.org"
    assert not ModelLogEntry.objects.filter(action="lms.registration.swap").exists()


@pytest.mark.parametrize(
    ("who", "email", "error"),
    [
        ("someone else", "dana@agency.org", "Only the coordinator who registered this group"),
        ("coordinator", "ana@agency.org", "Ana Ruiz is already registered for this session."),
    ],
)
def test_swap_refusals(group, who, email, error):
    coordinator, invoice = group
    line = invoice.lines.get(registration__person__email="ben@agency.org")
    by = coordinator if who == "coordinator" else UserFactory()
    name = "Ana Ruiz" if email.startswith("ana") else "Dana Smith"
    with pytest.raises(AgencyError) as refused:
        group_attendee_swap(
            registration=line.registration, coordinator=by, attendee=Attendee(name, email)
        )
    assert refused.value.message.startswith(error)


def test_group_page_is_only_for_its_coordinator(client, group):
    _, invoice = group
    client.force_login(UserFactory())
    assert client.get(reverse("lms:group_detail", args=[invoice.pk])).status_code == 404
