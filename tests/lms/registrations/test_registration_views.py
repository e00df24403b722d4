"""The participant's pages: register, profile, pay page, status, receipt, calendar, dashboard."""

import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Registration
from lms.services.registrations import registration_create
from tests.factories import (
    OrganizationFactory,
    PaymentFactory,
    ProfileFactory,
    SessionFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db


def register_url(session) -> str:
    return reverse("lms:session_register", args=[session.pk])


def test_session_url_is_the_register_page():
    session = SessionFactory()
    assert session.get_absolute_url() == f"/sessions/{session.pk}/register/"


def test_anonymous_visitors_sign_in_first(client):
    session, _ = paid_session()
    response = client.get(register_url(session))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert register_url(session) in response.url


def test_incomplete_profile_goes_to_the_profile_form_and_back(client):
    session, _ = paid_session()
    person = UserFactory()
    client.force_login(person)
    response = client.get(register_url(session))
    assert response.url == f"{reverse('lms:profile_edit')}?next={register_url(session)}"
    page = client.get(response.url)
    assert "Name as it should print on certificates" in page.content.decode()
    # A license without its number is refused with a clear message.
    response = client.post(
        reverse("lms:profile_edit"),
        {
            "printed_name": "Dana Smith",
            "license_type": "LCSW",
            "license_state": "IL",
            "next": register_url(session),
        },
    )
    assert "Enter your license number to earn CE credit." in response.content.decode()
    response = client.post(
        reverse("lms:profile_edit"),
        {
            "printed_name": "Dana Smith",
            "license_type": "LCSW",
            "license_number": "149.000123",
            "license_state": "il",
            "next": register_url(session),
        },
    )
    assert response.url == register_url(session)
    person.profile.refresh_from_db()
    assert (person.profile.printed_name, person.profile.license_state) == ("Dana Smith", "IL")


def test_profile_next_must_be_on_this_site(client):
    person = ProfileFactory().user
    client.force_login(person)
    response = client.post(
        reverse("lms:profile_edit"),
        {"printed_name": "Dana Smith", "next": "https://evil.example/"},
    )
    assert response.url == reverse("lms:dashboard")


def test_register_page_lists_tiers_and_preselects_the_organization_tier(client):
    session, tiers = paid_session()
    person = ProfileFactory(organization=OrganizationFactory(budget_band="under_500k")).user
    client.force_login(person)
    page = client.get(register_url(session)).content.decode()
    assert "20 seats left" in page
    assert "Organization – budget under $500K – $45.00" in page
    assert "Pay what you can – you choose, from $5.00 to $50.00; suggested $20.00" in page
    checked = re.findall(r'<input type="radio" name="tier" value="(\d+)"[^>]* checked>', page)
    assert checked == [str(tiers["organization"].pk)]


def test_register_without_attestation_explains(client):
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    response = client.post(register_url(session), {"tier": tiers["standard"].pk})
    assert response.status_code == 200
    assert "Please confirm that the fee tier you chose fits you." in response.content.decode()
    assert not Registration.objects.exists()


def test_register_pay_what_you_can_needs_an_amount(client):
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    response = client.post(
        register_url(session), {"tier": tiers["pwyc"].pk, "attest": "on", "chosen_amount": "abc"}
    )
    assert "Enter an amount in dollars" in response.content.decode()
    response = client.post(
        register_url(session), {"tier": tiers["pwyc"].pk, "attest": "on", "chosen_amount": "2"}
    )
    assert "The amount you can pay starts at $5.00." in response.content.decode()
    response = client.post(
        register_url(session), {"tier": tiers["pwyc"].pk, "attest": "on", "chosen_amount": "$12.50"}
    )
    registration = Registration.objects.get()
    assert response.url == reverse("lms:registration_pay", args=[registration.pk])
    assert registration.amount_cents == 1250


@pytest.mark.parametrize("typed", ["5,5", "1,5", "12,50"])
def test_pay_what_you_can_refuses_a_comma_out_of_place(client, typed):
    """ "5,5" once read as $55.00 and "1,5" as $15.00: a comma is a thousands separator only
    between groups of three digits, and anything else is asked again, never guessed."""
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    response = client.post(
        register_url(session), {"tier": tiers["pwyc"].pk, "attest": "on", "chosen_amount": typed}
    )
    assert response.status_code == 200
    assert "Use a comma only between thousands" in response.content.decode()
    assert not Registration.objects.exists()


def test_pay_what_you_can_amount_is_ignored_on_another_tier(client):
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    response = client.post(
        register_url(session),
        {"tier": tiers["standard"].pk, "attest": "on", "chosen_amount": "5,5"},
    )
    registration = Registration.objects.get()
    assert response.url == reverse("lms:registration_pay", args=[registration.pk])
    assert registration.amount_cents == tiers["standard"].price_cents


def test_register_with_a_bad_discount_code_explains(client):
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    response = client.post(
        register_url(session),
        {"tier": tiers["standard"].pk, "attest": "on", "discount_code": "NOPE"},
    )
    assert "The discount code NOPE does not exist." in response.content.decode()


def test_registering_twice_goes_to_the_existing_registration(client):
    session, tiers = paid_session()
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    client.force_login(person)
    response = client.get(register_url(session), follow=True)
    assert response.redirect_chain[-1][0] == registration.get_absolute_url()
    assert "You already hold a seat in this session" in response.content.decode()


def test_full_and_closed_sessions_say_so(client):
    full, tiers = paid_session(capacity=1)
    registration_create(
        session=full, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    closed, _ = paid_session(registration_closes_at=timezone.now())
    client.force_login(ProfileFactory().user)
    assert "This session is full." in client.get(register_url(full)).content.decode()
    assert (
        "Registration for this session has closed."
        in client.get(register_url(closed)).content.decode()
    )
    # A POST anyway changes nothing.
    client.post(register_url(full), {"tier": tiers["standard"].pk, "attest": "on"})
    assert Registration.objects.filter(session=full).count() == 1


def test_free_session_registers_at_once(client, mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory(training__fee_schedule=None)
    client.force_login(ProfileFactory().user)
    page = client.get(register_url(session)).content.decode()
    assert "This training is free." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(session), follow=True)
    assert "You are registered." in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert len(mailoutbox) == 1


def test_pay_page_loads_stripe_js_and_shows_the_quote(client, stripe_quiet, settings):
    session, tiers = paid_session()
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers["supporter"], attested=True
    )
    client.force_login(person)
    page = client.get(reverse("lms:registration_pay", args=[registration.pk])).content.decode()
    assert f'<script src="{settings.STRIPE_JS_URL}"></script>' in page
    assert 'data-setup-secret="seti_' in page
    assert "Pay it forward to the scholarship fund" in page
    assert "Pay $85.00" in page


def test_status_page_of_a_confirmed_registration(client):
    session = SessionFactory(training__fee_schedule=None, online_link="https://zoom.example/j/42")
    person = ProfileFactory().user
    registration = registration_create(session=session, person=person)
    client.force_login(person)
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "You are registered." in page
    assert "https://zoom.example/j/42" in page
    qr = client.get(reverse("lms:registration_check_in_qr", args=[registration.pk]))
    assert qr["Content-Type"] == "image/png"
    assert qr.content.startswith(b"\x89PNG")
    ics = client.get(reverse("lms:registration_calendar", args=[registration.pk]))
    calendar = icalendar.Calendar.from_ical(ics.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert events[0]["summary"] == session.training.title
    assert events[0].decoded("dtstart") == session.starts_at
    assert "https://zoom.example/j/42" in str(events[0]["description"])


def test_pending_registrations_never_see_the_join_link(client):
    session, tiers = paid_session(online_link="https://zoom.example/j/secret")
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    client.force_login(person)
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "zoom.example/j/secret" not in page
    assert "Pay $50.00 now" in page
    assert (
        client.get(reverse("lms:registration_check_in_qr", args=[registration.pk])).status_code
        == 404
    )
    ics = client.get(reverse("lms:registration_calendar", args=[registration.pk])).content.decode()
    assert "zoom.example/j/secret" not in ics
    assert (
        client.get(reverse("lms:registration_receipt", args=[registration.pk])).status_code == 404
    )


def test_dashboard_lists_registrations_with_actions(client):
    session, tiers = paid_session()
    person = ProfileFactory().user
    pending = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    other, other_tiers = paid_session()
    paid = registration_create(
        session=other, person=person, tier=other_tiers["community"], attested=True
    )
    Registration.objects.filter(pk=paid.pk).update(status=Registration.Status.CONFIRMED)
    PaymentFactory(registration=paid, amount_cents=2500)
    client.force_login(person)
    page = client.get(reverse("lms:dashboard")).content.decode()
    assert reverse("lms:registration_pay", args=[pending.pk]) in page
    assert reverse("lms:registration_receipt", args=[paid.pk]) in page
    assert reverse("lms:registration_receipt", args=[pending.pk]) not in page
    assert "$25.00" in page
    receipt = client.get(reverse("lms:registration_receipt", args=[paid.pk])).content.decode()
    assert "Card payment" in receipt
    assert "$25.00" in receipt


def test_a_discount_code_typed_in_full_width_letters_is_read_as_the_code(client):
    """Registration text is NFKC-normalised like every other form (lms.forms.text), so a code
    typed with an East Asian keyboard's full-width letters is the same code."""
    from tests.factories import DiscountCodeFactory

    session, tiers = paid_session()
    DiscountCodeFactory(code="SPRING", percent_off=10)
    client.force_login(ProfileFactory().user)
    response = client.post(
        register_url(session),
        {"tier": tiers["standard"].pk, "attest": "on", "discount_code": "ＳＰＲＩＮＧ"},
    )
    registration = Registration.objects.get()
    assert response.url == reverse("lms:registration_pay", args=[registration.pk])
    assert registration.amount_cents == tiers["standard"].price_cents * 9 // 10
