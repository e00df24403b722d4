"""Erase me: asked on /my/privacy/, confirmed by the emailed link, or recorded and carried out
by Program staff in the admin. What goes, what stays under a pseudonym, and that the account
cannot sign in again."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.core import mail, signing
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from lms.models import (
    AttendanceRecord,
    ErasureRequest,
    EvaluationAnswer,
    ParticipantDemographics,
    Payment,
    Refund,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    StripeCustomer,
    TechnicalAssistanceRequest,
    User,
    VirtualAttendanceRow,
)
from lms.rules.privacy import years_after
from lms.selectors.privacy import identity_digest
from lms.services.privacy import LINK_SALT, erasure_request_create, person_erase
from tests.factories import RegistrationFactory, StaffFactory
from tests.factories.people import PASSWORD
from tests.lms.privacy.records import two_people_with_records

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/my/privacy/erase/confirm/[^/\s]+/)")


def ask_by_email(client, person, capture) -> str:
    """The person asks on their privacy page; returns the path of the emailed link."""
    client.force_login(person)
    mail.outbox.clear()
    with capture(execute=True):
        response = client.post("/my/privacy/erase/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/my/privacy/"
    (email,) = mail.outbox
    assert email.to == [person.email]
    assert email.subject == "Confirm that we should erase your data"
    return LINK.search(email.body).group(1)


def log_text() -> str:
    return json.dumps(list(ModelLogEntry.objects.values_list("label", "data")))


def test_a_participant_asks_confirms_by_the_emailed_link_and_is_erased(
    client, localstripe, django_capture_on_commit_callbacks
):
    from lms.payments import stripe_gateway

    a, b = two_people_with_records()
    customer_id = stripe_gateway.customer_create(
        email=a.email, name=a.person.get_full_name(), person_id=a.person.pk
    )
    StripeCustomer.objects.filter(person=a.person).update(customer_id=customer_id)
    registrations = set(Registration.objects.filter(person=a.person).values_list("pk", flat=True))

    link = ask_by_email(client, a.person, django_capture_on_commit_callbacks)
    request = ErasureRequest.objects.get(person=a.person)
    assert request.status == ErasureRequest.Status.AWAITING_CONFIRMATION
    page = client.get(link)
    assert page.status_code == 200 and "Erase my data now" in page.content.decode()
    assert client.post(link, {}).status_code == 200  # the box must be ticked
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.AWAITING_CONFIRMATION

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/privacy/erased/"
    assert client.get("/my/").status_code == 302  # signed out
    assert "Your data is erased" in client.get("/privacy/erased/").content.decode()

    request.refresh_from_db()
    person = User.objects.get(pk=a.person.pk)
    assert request.status == ErasureRequest.Status.COMPLETED
    assert request.pseudonym == f"Erased person {person.last_name}"
    assert person.email.startswith("erased-") and person.email.endswith("@erased.invalid")
    assert person.get_full_name() == request.pseudonym
    assert not person.is_active and not person.has_usable_password()
    assert not client.login(email=a.email, password=PASSWORD)
    assert not person.emailaddress_set.exists()

    # Deleted at once
    assert not ParticipantDemographics.objects.filter(person=person).exists()
    assert not StripeCustomer.objects.filter(person=person).exists()
    # Kept under the pseudonym
    assert set(person.registrations.values_list("pk", flat=True)) == registrations
    assert AttendanceRecord.objects.filter(registration__person=person).count() == 1
    assert Payment.objects.filter(registration__person=person).count() == 1
    assert Refund.objects.filter(payment__registration__person=person).count() == 1
    assert ScholarshipAward.objects.filter(person=person).count() == 1
    assert ScholarshipApplication.objects.get(person=person).need_statement == ""
    answers = EvaluationAnswer.objects.filter(response__registration__person=person)
    assert answers.count() == 1 and answers.get().text == ""
    for ta in TechnicalAssistanceRequest.objects.filter(requester_email=person.email):
        assert ta.requester_name == request.pseudonym and ta.details == "" and ta.phone == ""
    assert TechnicalAssistanceRequest.objects.filter(requester_email=person.email).count() == 2
    row = VirtualAttendanceRow.objects.get(registration__person=person)
    assert (row.name, row.email) == (request.pseudonym, "")
    profile = person.profile
    assert (profile.printed_name, profile.license_number, profile.phone) == (
        request.pseudonym,
        "",
        "",
    )
    # The certificate stays verifiable, with the initials of the name it printed
    certificate = Certificate.objects.get(registration__person=person)
    assert certificate.status == Certificate.Status.VALID and not certificate.pdf
    verify = client.get(f"/verify/{a.certificate.code}/").content.decode()
    assert "is <strong>valid</strong>" in verify and "P. A. N." in verify
    assert "Printed alpha Name" not in verify

    # Nothing of A anywhere in the data kept, the audit log included; B is untouched
    everything = log_text() + json.dumps(request.summary)
    for what in ("email", "printed_name", "license", "need", "comment", "ta_details"):
        assert a.markers[what] not in everything, what
    assert f"{a.markers['first_name']} {a.markers['last_name']}" not in log_text()
    assert b.markers["printed_name"] in log_text()
    assert ParticipantDemographics.objects.filter(person=b.person).exists()
    kept = Certificate.objects.get(registration__person=b.person)
    assert kept.printed_name == b.markers["printed_name"]

    # Stripe's copy of the customer carries the pseudonym
    import stripe

    customer = stripe.StripeClient(
        "sk_test_localstripe", base_addresses={"api": localstripe.api_base}
    ).v1.customers.retrieve(customer_id)
    assert (customer.email, customer.name) == (person.email, request.pseudonym)

    # Logged, and findable by the email and license number the person had
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(request.pk), action__startswith="lms.privacy")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "lms.privacy.erasure_request",
        "lms.privacy.erasure_confirm",
        "lms.privacy.erase",
    ]
    assert request.email_digest == identity_digest(a.email)
    assert request.license_digest == identity_digest(a.markers["license"])
    assert request.retained_until == years_after(timezone.localdate(), 6)
    assert request.summary["certificates_kept"] == 1
    assert request.summary["demographic_answers_deleted"] == 1


def test_something_under_way_blocks_the_request_and_says_what(client):
    a, _b = two_people_with_records()
    RegistrationFactory(person=a.person, session__training__title="Upcoming Ethics")
    client.force_login(a.person)
    page = client.get("/my/privacy/").content.decode()
    assert "Cancel your registration for “Upcoming Ethics” first" in page
    assert "Email me a link" not in page
    response = client.post("/my/privacy/erase/", {"confirm": "on"})
    assert response.status_code == 200
    assert "Cancel your registration for “Upcoming Ethics” first" in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_staff_and_facilitators_are_not_erased_by_self_service(client):
    staff = StaffFactory(groups=["Program staff"])
    client.force_login(staff)
    client.post("/my/privacy/erase/", {"confirm": "on"})
    assert not ErasureRequest.objects.exists()


def test_asking_again_sends_a_new_link_for_the_same_request(
    client, django_capture_on_commit_callbacks
):
    a, _b = two_people_with_records()
    first = ask_by_email(client, a.person, django_capture_on_commit_callbacks)
    second = ask_by_email(client, a.person, django_capture_on_commit_callbacks)
    assert ErasureRequest.objects.count() == 1
    assert client.get(first).status_code == client.get(second).status_code == 200


def test_a_link_works_only_for_its_person_in_time_and_once(
    client, django_capture_on_commit_callbacks
):
    a, b = two_people_with_records()
    link = ask_by_email(client, a.person, django_capture_on_commit_callbacks)
    client.force_login(b.person)
    assert client.get(link).status_code == 404
    assert client.post(link, {"confirm": "on"}).status_code == 404
    assert User.objects.get(pk=a.person.pk).is_active

    client.force_login(a.person)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=49)):
        expired = client.get(link)
    assert expired.status_code == 404 and "expired" in expired.content.decode()
    assert client.get(link.replace("confirm/", "confirm/x")).status_code == 404

    request = ErasureRequest.objects.get()
    forged = signing.dumps({"request": request.pk, "person": b.person.pk}, salt="other")
    assert client.get(f"/my/privacy/erase/confirm/{forged}/").status_code == 404

    client.post("/my/privacy/erase/withdraw/")
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.WITHDRAWN
    assert client.get(link).status_code == 404
    assert ModelLogEntry.objects.filter(action="lms.privacy.erasure_withdraw").count() == 1


def test_erasing_twice_changes_nothing_more(django_capture_on_commit_callbacks):
    a, _b = two_people_with_records()
    StripeCustomer.objects.all().delete()
    staff = StaffFactory(groups=["Program staff"])
    request = erasure_request_create(
        person=a.person, channel="letter", by=staff, identity_check="Signed letter, ID copy"
    )
    done = person_erase(request=request, by=staff)
    again = person_erase(request=done, by=staff)
    assert again.pseudonym == done.pseudonym and again.summary == done.summary
    assert ModelLogEntry.objects.filter(action="lms.privacy.erase").count() == 1


def test_an_erased_persons_session_ends(client):
    a, _b = two_people_with_records()
    StripeCustomer.objects.all().delete()
    client.force_login(a.person)
    assert client.get("/my/").status_code == 200
    staff = StaffFactory(groups=["Program staff"])
    request = erasure_request_create(
        person=a.person, channel="phone", by=staff, identity_check="Called back on file number"
    )
    person_erase(request=request, by=staff)
    assert client.get("/my/").status_code == 302


def test_the_link_token_is_signed_with_its_own_salt():
    assert LINK_SALT == "lms.privacy.erasure-link"


def test_accented_names_leave_the_audit_logs_data_too():
    from lms.services.audit import audit_log

    registration = RegistrationFactory(
        person__first_name="José", person__last_name="Núñez", status="cancelled"
    )
    audit_log(  # on the session: the name is in the data only, not in the label
        instance=registration.session,
        action="lms.registration.cancel",
        data={"note": "José Núñez called to cancel"},
    )
    staff = StaffFactory(groups=["Program staff"])
    request = erasure_request_create(
        person=registration.person, channel="phone", by=staff, identity_check="Called back"
    )
    done = person_erase(request=request, by=staff)
    entry = ModelLogEntry.objects.get(action="lms.registration.cancel")
    assert "Núñez" not in entry.label and "Núñez" not in json.dumps(entry.data, ensure_ascii=False)
    assert entry.data["note"] == f"{done.pseudonym} called to cancel"
