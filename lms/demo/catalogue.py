"""The demo catalogue, drawn from the coalition's FY25 plan: topics, audiences, facilitators,
fee schedules, trainings and their sessions. Catalogue rows are configuration (created
directly); the people filling the full sessions register through the services."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from lms.demo.people import CHICAGO, seed_demo_members
from lms.demo.registrations import fill_session
from lms.models import (
    Audience,
    BudgetBand,
    CeCredential,
    Facilitator,
    FeeSchedule,
    FeeTier,
    Meeting,
    Session,
    SessionFacilitator,
    Topic,
    Training,
    User,
)

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

# title, topics, format, minutes, ce hours, audience, summary, paid?, CE credentials,
# audiences, language. The CE hours and credentials are seeded as the training's CE approvals
# (certificates.demo.seed_approvals), which is where the catalogue and certificates read them.
SW, PC, MFT, CADC = (
    "social-work",
    "professional-counseling",
    "marriage-and-family-therapy",
    "addiction-counseling",
)
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
        [SW, PC, MFT],
        ["frontline-staff", "supervisors-and-managers"],
        "English",
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
        [SW, PC],
        ["supervisors-and-managers", "executive-directors-and-boards"],
        "English",
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
        [SW, PC],
        ["frontline-staff", "clinicians"],
        "English",
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
        [],
        ["anyone-in-human-services"],
        "English",
    ),
    (
        "Trauma-Informed Supervision",
        ["Trauma-informed practice", "Workforce well-being"],
        "hybrid",
        240,
        "4.00",
        "Clinical and program supervisors",
        "Supervise with the nervous system in mind: reflective supervision, secondary trauma and "
        "keeping teams well while caseloads grow.",
        True,
        [SW, PC, CADC],
        ["supervisors-and-managers", "clinicians"],
        "English",
    ),
    (
        "Ethics and Boundaries in Community Practice",
        ["Ethics"],
        "virtual",
        180,
        "3.00",
        "Licensed professionals and those working toward licensure",
        "Dual relationships in small towns, social media, gifts and self-disclosure: the ethics "
        "questions community-based practitioners actually face, with Illinois rules.",
        True,
        [SW, PC, MFT, CADC],
        ["clinicians", "frontline-staff"],
        "English",
    ),
    (
        "Preventing Burnout: Workforce Well-being for Teams",
        ["Workforce well-being"],
        "in_person",
        150,
        "2.50",
        "Teams and their supervisors",
        "A hands-on session for whole teams on workload, rest and shared responsibility, so "
        "people stay in the work they love.",
        False,
        [SW],
        ["frontline-staff", "supervisors-and-managers"],
        "English",
    ),
    (
        "Using Data to Tell Our Story",
        ["Data and research", "Reframing human services"],
        "virtual",
        120,
        "2.00",
        "Program managers, evaluators, development staff",
        "Turn the numbers you already collect into a clear story for funders and legislators, "
        "with equity-minded data practices.",
        True,
        [SW],
        ["supervisors-and-managers", "executive-directors-and-boards"],
        "English",
    ),
    (
        "Implicit Bias in Human Services",
        ["Racial equity", "Ethics"],
        "virtual",
        60,
        "1.00",
        "Every licensed professional renewing in Illinois",
        "The one-hour implicit bias training Illinois license renewals require, grounded in "
        "human-services practice.",
        False,
        [SW, PC, MFT, CADC],
        ["anyone-in-human-services", "clinicians"],
        "English",
    ),
    (
        "Servicios para familias inmigrantes y refugiadas",
        ["Trauma-informed practice", "Advocacy"],
        "in_person",
        180,
        "3.00",
        "Personal bilingüe de servicios humanos",
        "Cómo acompañar a familias inmigrantes y refugiadas: derechos, beneficios públicos, "
        "trauma y recursos comunitarios en Illinois.",
        False,
        [SW],
        ["frontline-staff"],
        "Spanish",
    ),
]

AUDIENCES = [
    "Anyone in human services",
    "Clinicians",
    "Executive directors and boards",
    "Frontline staff",
    "Supervisors and managers",
]

VENUES = {
    "Chicago": ("Coalition Training Room", "200 W Adams St, Chicago, IL 60606"),
    "Springfield": (
        "Prairie State Conference Center",
        "1 Old State Capitol Plaza, Springfield, IL 62701",
    ),
    "Carbondale": ("Little Egypt Community Hall", "250 W Main St, Carbondale, IL 62901"),
}

# Per training (same order as TRAININGS): (days from today, format, city, capacity, flag).
# Flags: "full" fills the session with demo registrations, "cancelled", "closed"
# (registration closed early), "opens_later", "series" (two meetings a week apart),
# "pwyc" (the pay-what-you-can schedule overrides the training's).
SESSIONS = [
    [(10, "virtual", "", 40, ""), (38, "virtual", "", 40, ""), (75, "virtual", "", 40, "")],
    [
        (16, "in_person", "Chicago", 12, "full"),
        (30, "in_person", "Springfield", 25, ""),
        (52, "in_person", "Carbondale", 25, ""),
    ],
    [(12, "virtual", "", 30, "series"), (45, "virtual", "", 30, "")],
    [(7, "virtual", "", 100, ""), (35, "virtual", "", 12, "full")],
    [(21, "hybrid", "Chicago", 30, ""), (63, "hybrid", "Springfield", 30, "")],
    [
        (9, "virtual", "", 40, "closed"),
        (40, "virtual", "", 40, ""),
        (58, "in_person", "Chicago", 20, ""),
    ],
    [(25, "in_person", "Springfield", 25, ""), (47, "in_person", "Carbondale", 25, "cancelled")],
    [(18, "virtual", "", 40, "pwyc"), (70, "virtual", "", 40, "")],
    [(14, "virtual", "", 200, ""), (44, "virtual", "", 200, "opens_later")],
    [(28, "in_person", "Chicago", 25, ""), (55, "in_person", "Carbondale", 25, "")],
]


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
    pay_what_you_can = seed_pay_what_you_can_schedule()
    topics = {
        name: Topic.objects.get_or_create(name=name, slug=slugify(name))[0] for name in TOPICS
    }
    audiences = {
        slugify(name): Audience.objects.get_or_create(slug=slugify(name), defaults={"name": name})[
            0
        ]
        for name in AUDIENCES
    }
    CeCredential.ensure_standard()  # the catalogue's "CE for" choices
    facilitators = []
    for name, credentials_text, pronouns, email, bio, lived in FACILITATORS:
        facilitator, _ = Facilitator.objects.update_or_create(
            name=name,
            defaults={
                "credentials": credentials_text,
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

    members = seed_demo_members()
    trainings = []
    for index, row in enumerate(TRAININGS):
        # Hours and credentials (row[4], row[8]) become the CE approvals:
        # certificates.demo.seed_approvals, through demo_training_hours/_credentials.
        title, topic_names, fmt, minutes, _hours, audience, summary, paid = row[:8]
        _credentials, audience_slugs, language = row[8:]
        training, _ = Training.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "summary": summary,
                "duration_minutes": minutes,
                "audience": audience,
                "format": fmt,
                "language": language,
                "fee_schedule": schedule if paid else None,
            },
        )
        training.topics.set([topics[name] for name in topic_names])
        training.audiences.set([audiences[slug] for slug in audience_slugs])
        facilitator = facilitators[index % len(facilitators)]
        if language == "Spanish":
            facilitator = facilitators[1]  # Luis leads the bilingual trainings
        training.facilitators.set([facilitator])
        trainings.append(training)
        if not training.sessions.exists():
            for days, session_format, city, capacity, flag in SESSIONS[index]:
                schedule_session(
                    training,
                    today + dt.timedelta(days=days),
                    facilitator,
                    session_format=session_format,
                    city=city,
                    capacity=capacity,
                    flag=flag,
                    members=members,
                    fee_schedule=pay_what_you_can if flag == "pwyc" else None,
                )
    return trainings


def seed_pay_what_you_can_schedule():
    schedule, _ = FeeSchedule.objects.get_or_create(name="Pay what you can")
    FeeTier.objects.update_or_create(
        schedule=schedule,
        label="Pay what you can",
        defaults={
            "kind": FeeTier.Kind.PAY_WHAT_YOU_CAN,
            "price_cents": 2500,
            "minimum_cents": 500,
            "maximum_cents": 10000,
        },
    )
    return schedule


def schedule_session(
    training, day, facilitator, *, session_format, city, capacity, flag, members, fee_schedule
):
    venue_name, venue_address = VENUES.get(city, ("", ""))
    start = dt.datetime.combine(day, dt.time(9, 30), tzinfo=CHICAGO)
    session = Session.objects.create(
        training=training,
        format=session_format,
        venue_name=venue_name,
        venue_address=venue_address,
        city=city,
        online_link="" if session_format == "in_person" else "https://zoom.example/j/123456789",
        capacity=capacity,
        fee_schedule=fee_schedule,
        # The "cancelled" one is cancelled by staff later in the demo, with registrants
        # (lms/demo/session_operations.py), through the service the admin's button calls.
        registration_closes_at=timezone.now() - dt.timedelta(days=1) if flag == "closed" else None,
        registration_opens_at=start - dt.timedelta(days=30) if flag == "opens_later" else None,
    )
    meeting_days = [0, 7] if flag == "series" else [0]
    minutes = training.duration_minutes // len(meeting_days)
    for offset in meeting_days:
        begins = start + dt.timedelta(days=offset)
        Meeting.objects.create(
            session=session, starts_at=begins, ends_at=begins + dt.timedelta(minutes=minutes)
        )
    SessionFacilitator.objects.create(session=session, facilitator=facilitator)
    if flag == "full":
        fill_session(session, members[:capacity])
    return session


def demo_trainings() -> list[Training]:
    """The demo trainings that exist, in the order of TRAININGS."""
    slugs = [slugify(spec[0]) for spec in TRAININGS]
    by_slug = {t.slug: t for t in Training.objects.filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def demo_training_hours(training: Training) -> str:
    """The CE hours the demo training's approvals grant (TRAININGS' fifth column)."""
    return next(spec[4] for spec in TRAININGS if slugify(spec[0]) == training.slug)


def demo_training_credentials(training: Training) -> list[str]:
    """The CE credential codes the demo training is offered for (TRAININGS' ninth column)."""
    return next(spec[8] for spec in TRAININGS if slugify(spec[0]) == training.slug)
