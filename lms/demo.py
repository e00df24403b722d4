"""Realistic demo data drawn from the coalition's FY25 plan. Idempotent: safe to run again.

Called by `manage.py seed_demo` (cms), which also builds the page tree.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    BudgetBand,
    Facilitator,
    FeeSchedule,
    FeeTier,
    Meeting,
    Organization,
    Profile,
    Session,
    SessionFacilitator,
    Topic,
    Training,
    User,
)

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

TOPICS = [
    "Reframing human services",
    "Racial equity",
    "Intersectionality",
    "Advocacy",
    "Trauma-informed practice",
    "Workforce well-being",
    "Ethics",
    "Data and research",
]

FACILITATORS = [
    (
        "Dr. Amara Okafor",
        "PhD, LCSW",
        "she/her",
        "facilitator@demo.test",
        "Amara has trained Illinois human-service teams on racial equity for fifteen years.",
        "I started as a frontline case manager in the neighborhood I grew up in.",
    ),
    (
        "Luis Hernández",
        "MSW, LSW",
        "he/him/él",
        "",
        "Luis leads advocacy trainings and bilingual community organizing workshops.",
        "I am the son of immigrant farmworkers from central Illinois.",
    ),
    (
        "Jordan Lee",
        "LCPC",
        "they/them",
        "",
        "Jordan is a counselor and trainer on intersectionality and disability justice.",
        "As a disabled, queer counselor I bring lived experience to every session.",
    ),
]

# title, topics, format, minutes, ce hours, audience, summary, paid?
TRAININGS = [
    (
        "Reframing Human Services: Telling Our Story",
        ["Reframing human services", "Advocacy"],
        "virtual",
        195,
        "3.00",
        "Frontline staff, communications and development staff",
        "Learn research-based framing strategies that shift how policymakers and the public see "
        "human services: from charity to essential public infrastructure.",
        True,
    ),
    (
        "Advancing Racial Equity in Our Sector",
        ["Racial equity"],
        "in_person",
        360,
        "6.00",
        "Managers, executive directors, board members",
        "A one-day workshop on the root causes of inequity in health and human services and "
        "concrete frameworks for advancing racial equity inside organizations.",
        True,
    ),
    (
        "Intersectionality in Practice",
        ["Intersectionality", "Trauma-informed practice"],
        "virtual",
        150,
        "2.50",
        "Social workers, counselors and case managers",
        "How race, gender, disability, age and sexual orientation shape the lives of the people we "
        "serve, and what that means for everyday practice.",
        True,
    ),
    (
        "Advocacy 101 for Frontline Workers",
        ["Advocacy"],
        "virtual",
        90,
        "1.50",
        "Anyone working in human services",
        "How the state budget works, how to file a witness slip, and how to tell your legislator "
        "why human services matter.",
        False,
    ),
]


def seed_people():
    people = {}
    for email, first, last, groups, staff in [
        ("staff@demo.test", "Sam", "Rivera", ["Program staff", "Finance"], True),
        ("facilitator@demo.test", "Amara", "Okafor", ["Facilitators"], False),
        ("participant@demo.test", "Pat", "Johnson", [], False),
    ]:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last, "is_staff": staff}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(*Group.objects.filter(name__in=groups))
        _verify_email(user)
        people[email] = user

    for name, band, sector, city, partner in ORGANIZATIONS:
        Organization.objects.update_or_create(
            name=name,
            defaults={
                "budget_band": band,
                "budget_band_reported_on": dt.date(2026, 7, 1),
                "sub_sector": sector,
                "city": city,
                "is_coalition_partner": partner,
                "partner_support_paid_on": dt.date(2026, 3, 15) if partner else None,
            },
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
    return people


def _verify_email(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def seed_fee_schedules():
    schedule, _ = FeeSchedule.objects.get_or_create(
        name="Standard sliding scale", defaults={"partner_discount_percent": 15}
    )
    tiers = [
        (
            FeeTier.Kind.ORGANIZATION,
            "Organization – budget under $500K",
            BudgetBand.UNDER_500K,
            4500,
        ),
        (
            FeeTier.Kind.ORGANIZATION,
            "Organization – budget $500K to $5M",
            BudgetBand.FROM_500K_TO_5M,
            7500,
        ),
        (FeeTier.Kind.ORGANIZATION, "Organization – budget over $5M", BudgetBand.OVER_5M, 12000),
        (FeeTier.Kind.COMMUNITY, "Community rate", "", 2500),
        (FeeTier.Kind.STANDARD, "Standard rate", "", 5000),
        (FeeTier.Kind.SUPPORTER, "Supporter – pay it forward", "", 8500),
    ]
    for order, (kind, label, band, cents) in enumerate(tiers):
        FeeTier.objects.update_or_create(
            schedule=schedule,
            label=label,
            defaults={"kind": kind, "budget_band": band, "price_cents": cents, "sort_order": order},
        )
    return schedule


def seed_catalogue(*, today=None):
    today = today or timezone.localdate()
    schedule = seed_fee_schedules()
    topics = {
        name: Topic.objects.get_or_create(name=name, slug=slugify(name))[0] for name in TOPICS
    }
    facilitators = []
    for name, credentials, pronouns, email, bio, lived in FACILITATORS:
        facilitator, _ = Facilitator.objects.update_or_create(
            name=name,
            defaults={
                "credentials": credentials,
                "pronouns": pronouns,
                "bio": bio,
                "lived_experience": lived,
                "email": email,
            },
        )
        if email:
            facilitator.user = User.objects.filter(email=email).first()
            facilitator.save()
        facilitators.append(facilitator)

    trainings = []
    for index, (title, topic_names, fmt, minutes, hours, audience, summary, paid) in enumerate(
        TRAININGS
    ):
        training, _ = Training.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "summary": summary,
                "duration_minutes": minutes,
                "audience": audience,
                "format": fmt,
                "ce_hours": hours,
                "fee_schedule": schedule if paid else None,
            },
        )
        training.topics.set([topics[name] for name in topic_names])
        training.facilitators.set([facilitators[index % len(facilitators)]])
        trainings.append(training)
        if not training.sessions.exists():
            for weeks in (2, 6):
                _schedule_session(
                    training,
                    today + dt.timedelta(weeks=weeks, days=index),
                    facilitators[index % len(facilitators)],
                )
    return trainings


def _schedule_session(training, day, facilitator):
    in_person = training.format == "in_person"
    session = Session.objects.create(
        training=training,
        format=training.format,
        venue_name="Coalition Training Room" if in_person else "",
        venue_address="200 W Adams St, Chicago, IL 60606" if in_person else "",
        city="Chicago" if in_person else "",
        online_link="" if in_person else "https://zoom.example/j/123456789",
        capacity=30,
    )
    start = dt.datetime.combine(day, dt.time(9, 30), tzinfo=CHICAGO)
    Meeting.objects.create(
        session=session,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=training.duration_minutes),
    )
    SessionFacilitator.objects.create(session=session, facilitator=facilitator)
    return session
