"""Organizations and people: confirmed membership before an organization's price or partner
discount, who may change a self-report, partner-support history, merging duplicates, and
the staff screens that reach each (Program staff edit, Finance reads)."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.models import (
    GroupRegistration,
    Invoice,
    Organization,
    OrganizationContact,
    PartnerSupportPayment,
    Profile,
)
from lms.rules.organizations import email_at_domains, email_domains
from lms.services.demographics import organization_self_report_save
from lms.services.organizations import (
    OrganizationError,
    contact_add,
    membership_confirm,
    organization_merge,
    partner_support_record,
)
from lms.services.people import PersonError, person_deactivate, profile_correct
from lms.services.registrations import RegistrationError, registration_create
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    StaffFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db

SELF_REPORT = {
    "budget_band": "under_500k",
    "sub_sector": "housing",
    "people_employed": "11_50",
    "populations_served": "Families",
    "led_by_underrepresented": "yes",
    "leadership": ["leaders_black"],
}


@pytest.mark.parametrize(
    ("email", "domains", "expected"),
    [
        ("ana@agency.org", "agency.org", True),
        ("ana@AGENCY.org", " Agency.org , other.org", True),
        ("ana@mail.agency.org", "@agency.org", True),
        ("ana@notagency.org", "agency.org", False),
        ("ana@agency.org.evil.test", "agency.org", False),
        ("ana@agency.org", "", False),
        ("not-an-email", "agency.org", False),
    ],
)
def test_email_at_domains(email, domains, expected):
    assert email_at_domains(email, domains) is expected


def test_email_domains_are_cleaned():
    assert email_domains(" Agency.org, @Mail.Agency.org,, ") == ["agency.org", "mail.agency.org"]


# --- Membership sets the price --------------------------------------------------------------------
def unconfirmed_member(organization, **user):
    profile = ProfileFactory(organization=organization, user=UserFactory(**user))
    Profile.objects.filter(pk=profile.pk).update(
        organization_confirmed_on=None, organization_confirmed_how=""
    )
    profile.refresh_from_db()
    return profile


def test_the_partner_discount_and_organization_tier_wait_for_a_confirmed_membership():
    session, tiers = paid_session(partner_discount_percent=15)
    partner = OrganizationFactory(
        is_coalition_partner=True, partner_support_paid_on=timezone.localdate()
    )
    claimant = unconfirmed_member(partner)
    with pytest.raises(RegistrationError, match="confirms you work there"):
        registration_create(
            session=session, person=claimant.user, tier=tiers["organization"], attested=True
        )
    # Standard price, no partner discount, until confirmed.
    standard = registration_create(
        session=session, person=claimant.user, tier=tiers["standard"], attested=True
    )
    assert standard.amount_cents == 5000

    member = unconfirmed_member(partner)
    membership_confirm(profile=member, by=StaffFactory(groups=["Program staff"]))
    confirmed = registration_create(
        session=session, person=member.user, tier=tiers["standard"], attested=True
    )
    assert confirmed.amount_cents == 4250  # 15 % partner discount


def test_the_organization_tier_is_for_its_budget_band():
    session, tiers = paid_session()
    large = OrganizationFactory(budget_band="over_5m")
    member = ProfileFactory(organization=large)  # confirmed
    with pytest.raises(RegistrationError, match="not for"):
        registration_create(
            session=session, person=member.user, tier=tiers["organization"], attested=True
        )


def test_choosing_an_organization_on_the_profile_confirms_only_by_its_email_domain(client):
    agency = OrganizationFactory(name="Agency", email_domains="agency.org")
    other = OrganizationFactory(name="Other")
    for email, organization, confirmed in [
        ("pat@agency.org", agency, True),
        ("pat@gmail.test", agency, False),
        ("lee@agency.org", other, False),
    ]:
        user = UserFactory(email=email)
        client.force_login(user)
        response = client.post(
            "/my/profile/",
            {"printed_name": "Pat Q", "organization": organization.pk, "license_state": "IL"},
        )
        assert response.status_code == 302, response.content
        profile = Profile.objects.get(user=user)
        assert bool(profile.organization_confirmed_on) is confirmed, email
        if not confirmed:
            follow = client.get(response["Location"]).content.decode()
            assert "apply once it confirms you work there" in follow


def test_a_contact_may_confirm_members_and_a_member_may_not():
    organization = OrganizationFactory()
    contact = ProfileFactory(organization=organization).user
    contact_add(organization=organization, person=contact, by=None)
    waiting = unconfirmed_member(organization)
    colleague = ProfileFactory(organization=organization).user
    with pytest.raises(OrganizationError, match="contacts or coalition staff"):
        membership_confirm(profile=waiting, by=colleague)
    membership_confirm(profile=waiting, by=contact)
    waiting.refresh_from_db()
    assert waiting.organization_confirmed_how == "contact"
    entry = ModelLogEntry.objects.get(action="lms.organization.member_confirm")
    assert entry.user_id == contact.pk and entry.data["person"] == waiting.user.email


# --- Who may change what an organization reports ---------------------------------------------------
def test_only_contacts_and_staff_change_the_self_report_and_each_change_is_logged(client):
    organization = OrganizationFactory(budget_band="over_5m")
    member = ProfileFactory(organization=organization).user
    with pytest.raises(OrganizationError, match="designated contacts"):
        organization_self_report_save(organization=organization, by=member, **SELF_REPORT)
    organization.refresh_from_db()
    assert organization.budget_band == "over_5m"

    # Through the page, a member who is not a contact proposes; nothing changes yet.
    client.force_login(member)
    page = client.get("/my/organization/").content.decode()
    assert "Send these answers to coalition staff" in page
    client.post("/my/organization/", {**SELF_REPORT, "leadership": "leaders_black"})
    organization.refresh_from_db()
    assert organization.budget_band == "over_5m"
    [proposal] = organization.self_report_proposals.all()
    assert proposal.status == "waiting" and proposal.proposed_by == member

    # Staff read it worded as the form words it, and apply it: logged as their change.
    staff = StaffFactory(groups=["Program staff"])
    client.force_login(staff)
    page = client.get(f"/admin/organizations/inspect/{organization.pk}/").content.decode()
    assert "Proposed changes to what it reports" in page and "Under $500K" in page
    client.post(f"/admin/organizations/proposals/{proposal.pk}/apply/")
    organization.refresh_from_db()
    proposal.refresh_from_db()
    assert organization.budget_band == "under_500k" and proposal.status == "applied"
    entry = ModelLogEntry.objects.get(action="lms.organization.self_report")
    assert entry.user_id == staff.pk
    assert entry.data["changed"]["budget_band"] == "under_500k"
    client.post(f"/admin/organizations/proposals/{proposal.pk}/dismiss/")  # decided: no change
    proposal.refresh_from_db()
    assert proposal.status == "applied"

    # A contact saves directly.
    contact_add(organization=organization, person=member, by=None)
    organization_self_report_save(
        organization=organization, by=member, **{**SELF_REPORT, "budget_band": "500k_5m"}
    )
    organization.refresh_from_db()
    assert organization.budget_band == "500k_5m"


# --- Partner support and merging -------------------------------------------------------------------
def test_partner_support_keeps_its_history_and_the_latest_date_counts():
    finance = StaffFactory(groups=["Finance"])
    organization = OrganizationFactory()
    partner_support_record(
        organization=organization,
        paid_on=dt.date(2026, 3, 1),
        amount_cents=50000,
        note="",
        by=finance,
    )
    partner_support_record(
        organization=organization,
        paid_on=dt.date(2025, 3, 1),
        amount_cents=None,
        note="",
        by=finance,
    )
    organization.refresh_from_db()
    assert organization.is_coalition_partner
    assert organization.partner_support_paid_on == dt.date(2026, 3, 1)
    assert organization.partner_support_payments.count() == 2
    with pytest.raises(OrganizationError, match="future"):
        partner_support_record(
            organization=organization,
            paid_on=timezone.localdate() + dt.timedelta(days=1),
            amount_cents=None,
            note="",
            by=finance,
        )


def test_merging_moves_everything_to_the_record_kept_and_is_logged():
    staff = StaffFactory(groups=["Program staff"])
    keep = OrganizationFactory(name="Southside Family Wellness Center", email_domains="")
    duplicate = OrganizationFactory(
        name="Southside Family Wellness Ctr.",
        email_domains="southside.org",
        is_coalition_partner=True,
        partner_support_paid_on=dt.date(2026, 3, 1),
    )
    members = [ProfileFactory(organization=duplicate) for _ in range(2)]
    shared_contact = members[0].user
    contact_add(organization=keep, person=shared_contact, by=staff)
    contact_add(organization=duplicate, person=shared_contact, by=staff)
    PartnerSupportPayment.objects.create(organization=duplicate, paid_on=dt.date(2026, 3, 1))
    session, tiers = paid_session()
    group = GroupRegistration.objects.create(
        session=session,
        coordinator=shared_contact,
        organization=duplicate,
        fee_tier=tiers["organization"],
        amount_cents=9000,
        hold_expires_at=timezone.now(),
    )
    invoice = Invoice.objects.create(
        number=1,
        organization=duplicate,
        coordinator=shared_contact,
        session=session,
        total_cents=9000,
        issued_on=dt.date(2026, 11, 1),
        due_on=dt.date(2026, 12, 31),
    )

    moved = organization_merge(keep=keep, duplicate=duplicate, by=staff)

    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert Profile.objects.filter(organization=keep).count() == 2
    assert Invoice.objects.get(pk=invoice.pk).organization_id == keep.pk
    assert GroupRegistration.objects.get(pk=group.pk).organization_id == keep.pk
    assert OrganizationContact.objects.filter(organization=keep).count() == 1
    assert keep.partner_support_payments.count() == 1
    keep.refresh_from_db()
    assert keep.is_coalition_partner and keep.partner_support_paid_on == dt.date(2026, 3, 1)
    assert keep.email_domains == "southside.org"
    assert moved["profiles"] == 2
    entry = ModelLogEntry.objects.get(action="lms.organization.merge")
    assert entry.data["merged"] == "Southside Family Wellness Ctr." and entry.user_id == staff.pk
    with pytest.raises(OrganizationError):
        organization_merge(keep=keep, duplicate=keep, by=staff)


# --- People --------------------------------------------------------------------------------------
def test_a_correction_is_logged_and_deactivation_keeps_the_record():
    staff = StaffFactory(groups=["Program staff"])
    profile = ProfileFactory(printed_name="Jon Smth")
    with pytest.raises(PersonError, match="reason"):
        profile_correct(
            profile=profile, changes={"printed_name": "Jon Smith"}, reason=" ", by=staff
        )
    profile_correct(
        profile=profile, changes={"printed_name": "Jon Smith"}, reason="Typo reported", by=staff
    )
    profile.refresh_from_db()
    assert profile.printed_name == "Jon Smith"
    entry = ModelLogEntry.objects.get(action="lms.person.correct")
    assert entry.data == {
        "changed": {"printed_name": ["Jon Smth", "Jon Smith"]},
        "reason": "Typo reported",
    }

    with pytest.raises(PersonError, match="your own"):
        person_deactivate(person=staff, reason="x", by=staff)
    person_deactivate(person=profile.user, reason="Left the field", by=staff)
    profile.user.refresh_from_db()
    assert not profile.user.is_active
    assert Profile.objects.filter(pk=profile.pk).exists()


def test_staff_reach_organizations_and_people_by_clicks(client):
    program = StaffFactory(groups=["Program staff"])
    finance = StaffFactory(groups=["Finance"])
    organization = OrganizationFactory(name="Heartland Aging Services")
    waiting = unconfirmed_member(organization, email="riley@example.org")
    ProfileFactory(license_number="LCSW-998877", user=UserFactory(email="dana@example.org"))

    client.force_login(program)
    home = client.get("/admin/").content.decode()
    assert "/admin/organizations/" in home and "/admin/people/" in home
    listing = client.get("/admin/organizations/", {"q": "heartland"}).content.decode()
    assert f"/admin/organizations/inspect/{organization.pk}/" in listing or (
        f"/admin/organizations/edit/{organization.pk}/" in listing
    )
    assert f"/admin/organizations/merge/{organization.pk}/" in listing
    page = client.get(f"/admin/organizations/inspect/{organization.pk}/").content.decode()
    assert "Waiting for confirmation" in page and "riley@example.org" in page
    # Values for people: yes/no and a dash, never Python's True/False/None.
    assert not re.search(r">\s*(True|False|None)\s*<", page)
    assert f"/admin/organizations/confirm/{organization.pk}/" in page
    response = client.post(f"/admin/organizations/confirm/{organization.pk}/")
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.organization_confirmed_how == "staff"

    people = client.get("/admin/people/", {"q": "998877"}).content.decode()
    assert "dana@example.org" in people and "riley@example.org" not in people
    by_email = client.get("/admin/people/", {"q": "riley@"}).content.decode()
    assert "riley@example.org" in by_email and "dana@example.org" not in by_email
    person = client.get(f"/admin/people/inspect/{waiting.pk}/").content.decode()
    assert "Registrations" in person and "Payments and refunds" not in person
    assert f"/admin/people/correct/{waiting.pk}/" in person

    client.force_login(finance)
    person = client.get(f"/admin/people/inspect/{waiting.pk}/").content.decode()
    assert "Payments and refunds" in person
    assert f"/admin/people/correct/{waiting.pk}/" not in person
    refused = client.get(f"/admin/organizations/merge/{organization.pk}/")
    assert refused.status_code == 403 or refused["Location"] == "/admin/"  # Wagtail's bounce


def test_staff_invite_a_facilitator_who_then_chooses_a_password(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import FacilitatorFactory

    program = StaffFactory(groups=["Program staff"], first_name="Sam", last_name="Rivera")
    facilitator = FacilitatorFactory(name="Dana Reyes", user=None)
    client.force_login(program)
    listing = client.get("/admin/people/").content.decode()
    assert "/admin/people/invite/" in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/people/invite/",
            {
                "first_name": "Dana",
                "last_name": "Reyes",
                "email": "dana.reyes@example.org",
                "facilitator": facilitator.pk,
            },
        )
    assert response.status_code == 302, response.content.decode()[-2000:]
    [mail] = mailoutbox
    assert mail.to == ["dana.reyes@example.org"]
    assert "Sam Rivera created a Coalition CE account for you as a facilitator" in mail.body
    link = next(line for line in mail.body.splitlines() if "/accounts/password/reset/key/" in line)
    facilitator.refresh_from_db()
    person = facilitator.user
    assert person.email == "dana.reyes@example.org" and not person.has_usable_password()
    assert person.groups.filter(name="Facilitators").exists()
    assert ModelLogEntry.objects.filter(action="lms.person.invite").exists()

    # Asking again for the same person is refused once the account is in use.
    client.logout()
    path = link.strip().split("testserver", 1)[-1].replace("http://", "")
    path = path[path.index("/accounts/") :]
    page = client.get(path, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = client.post(
        form_url, {"password1": "a-long-new-passphrase-42", "password2": "a-long-new-passphrase-42"}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a-long-new-passphrase-42")
    with pytest.raises(PersonError, match="already has an account in use"):
        from lms.services.people import person_invite

        person_invite(email=person.email, first_name="D", last_name="R", by=program)


def test_the_attestation_names_the_organization(client):
    session, _ = paid_session()
    member = ProfileFactory(organization=OrganizationFactory(name="Lakefront Youth Alliance"))
    client.force_login(member.user)
    page = client.get(f"/sessions/{session.pk}/register/").content.decode()
    assert "An organization price is for staff of Lakefront Youth Alliance" in page
    assert 'aria-describedby="id_attest-help"' in page


def test_a_correction_names_the_valid_certificates_that_carry_the_old_name():
    from certificates.services import certificate_revoke, registration_certificates_issue
    from tests.certificates.helpers import certified_session

    _session, _approval, [registration] = certified_session(participants=1)
    certificates = registration_certificates_issue(registration=registration)
    staff = StaffFactory(groups=["Program staff"])
    certificate_revoke(certificate=certificates[-1], reason="Issued twice", by=staff)
    outdated = profile_correct(
        profile=registration.person.profile,
        changes={"printed_name": "Participant Corrected"},
        reason="Name misspelt",
        by=staff,
    )
    assert sorted(row["serial"] for row in outdated) == sorted(c.serial for c in certificates[:-1])
