"""Demo people: the logins, the organizations, the members who fill the full sessions and
the finished session's attendees. People are configuration: created directly."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group

from lms.models import (
    BudgetBand,
    Organization,
    Profile,
    User,
)
from lms.services.organizations import membership_confirm, partner_support_record

DEMO_PASSWORD = "coalition-demo"  # noqa: S105 - demo only; seed_demo refuses when DEBUG is off
CHICAGO = ZoneInfo("America/Chicago")


ORGANIZATIONS = [
    (
        "Southside Family Wellness Center",
        BudgetBand.UNDER_500K,
        "behavioral_health",
        "Chicago",
        True,
    ),
    (
        "Prairie State Housing Collaborative",
        BudgetBand.FROM_500K_TO_5M,
        "housing",
        "Springfield",
        True,
    ),
    ("Little Egypt Recovery Network", BudgetBand.UNDER_500K, "substance_use", "Carbondale", False),
    ("Lakefront Youth Alliance", BudgetBand.FROM_500K_TO_5M, "youth", "Chicago", True),
    ("Heartland Aging Services", BudgetBand.OVER_5M, "aging", "Peoria", False),
    ("Refugee and Immigrant Welcome Center", BudgetBand.UNDER_500K, "immigrant", "Chicago", True),
]


DEMO_MEMBERS = 12  # people who fill the "full" sessions


def seed_people():
    people = {}
    for email, first, last, groups, staff in [
        ("staff@demo.test", "Sam", "Rivera", ["Program staff", "Finance"], True),
        ("facilitator@demo.test", "Amara", "Okafor", ["Facilitators"], False),
        ("participant@demo.test", "Pat", "Johnson", [], False),
        ("participante@demo.test", "Lucía", "Hernández", [], False),
    ]:
        people[email] = demo_login(email, first, last, groups=groups, staff=staff)
    # Lucía reads everything in Spanish: her pages, emails and calendar files.
    lucia = people["participante@demo.test"]
    if lucia.language != "es":
        lucia.language = "es"
        lucia.save(update_fields=["language"])
    Profile.objects.update_or_create(
        user=lucia,
        defaults={
            "printed_name": "Lucía Hernández",
            "pronouns": "ella",
            "job_title": "Promotora de salud comunitaria",
            "license_type": Profile.LicenseType.NONE,
            "license_state": "IL",
        },
    )

    staff = people["staff@demo.test"]
    for name, band, _sector, city, partner in ORGANIZATIONS:
        organization, _ = Organization.objects.update_or_create(
            name=name,
            defaults={
                "budget_band": band,
                "budget_band_reported_on": dt.date(2026, 7, 1),
                "city": city,
                "email_domains": ORGANIZATION_DOMAINS.get(name, ""),
            },
        )
        if partner and not organization.partner_support_payments.exists():
            # Finance records each year's partner support; the history shows on its page.
            for paid_on, dollars in ((dt.date(2025, 3, 10), 50000), (dt.date(2026, 3, 15), 50000)):
                partner_support_record(
                    organization=organization,
                    paid_on=paid_on,
                    amount_cents=dollars,
                    note="Annual partner support",
                    by=staff,
                )
    Profile.objects.update_or_create(
        user=people["participant@demo.test"],
        defaults={
            "printed_name": "Pat Johnson",
            "pronouns": "she/her",
            "organization": Organization.objects.get(name=ORGANIZATIONS[0][0]),
            "job_title": "Case manager",
            "license_type": Profile.LicenseType.LSW,
            "license_number": "150.123456",
            "license_state": "IL",
        },
    )
    confirm_member(people["participant@demo.test"])
    return people


# Staff of these organizations are confirmed members as soon as they use a work address.
ORGANIZATION_DOMAINS = {"Prairie State Housing Collaborative": "prairiehousing.example"}


def confirm_member(person):
    """Program staff confirm that the person works at the organization their profile names
    (so its price tier and partner discount apply). Safe to run again."""
    profile = Profile.objects.get(user=person)
    if profile.organization_id and not profile.organization_confirmed_on:
        membership_confirm(profile=profile, by=coalition_staff())


def coalition_staff():
    """The demo's Program staff member, who confirms members and records what organizations
    report; None (the coalition itself) where the staff groups have no permissions (a
    flushed test database)."""
    staff = User.objects.filter(email="staff@demo.test").first()
    return staff if staff and staff.has_perm("lms.change_organization") else None


def demo_login(email, first, last, *, groups=(), staff=False):
    """A demo account that can sign in with DEMO_PASSWORD."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "is_staff": staff}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(*Group.objects.filter(name__in=groups))
    _verify_email(user)
    return user


def _verify_email(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def seed_demo_members():
    """People with no login (unusable password) who fill the demo's full sessions."""
    members = []
    for number in range(1, DEMO_MEMBERS + 1):
        user, created = User.objects.get_or_create(
            email=f"member{number:02d}@demo.test",
            defaults={"first_name": "Member", "last_name": f"{number:02d}"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        Profile.objects.get_or_create(user=user, defaults={"printed_name": f"Member {number:02d}"})
        members.append(user)
    return members


# The finished session's attendees: first name, email, license (type, number). Without a
# license, the certificate is one of attendance.
ATTENDEES = [
    ("Maria", "attendee1@demo.test", Profile.LicenseType.LCSW, "149.087321"),
    ("Dev", "attendee2@demo.test", Profile.LicenseType.LPC, "178.004512"),
    ("Keisha", "attendee3@demo.test", Profile.LicenseType.LSW, "150.221908"),
    ("Luis", "attendee4@demo.test", Profile.LicenseType.NONE, ""),
    ("Ana", "attendee5@demo.test", Profile.LicenseType.CADC, "CADC-77120"),
]


def seed_attendees() -> list[User]:
    """The finished session's attendees, with the licenses their profiles name."""
    people = []
    for first, email, license_type, number in ATTENDEES:
        person, _ = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": "Demo"}
        )
        Profile.objects.get_or_create(
            user=person,
            defaults={
                "printed_name": person.get_full_name(),
                "license_type": license_type,
                "license_number": number,
                "license_state": "IL" if license_type else "",
            },
        )
        people.append(person)
    return people
