"""Realistic demo data drawn from the coalition's FY25 plan. Idempotent: safe to run again.

Called by `manage.py seed_demo` (cms), which also builds the page tree.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from lms.models import (
    Audience,
    BudgetBand,
    CeCredential,
    Facilitator,
    FeeSchedule,
    FeeTier,
    Meeting,
    Organization,
    Profile,
    Registration,
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

# title, topics, format, minutes, ce hours, audience, summary, paid?, CE credentials,
# audiences, language
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
DEMO_MEMBERS = 12  # people who fill the "full" sessions


def seed_people():
    people = {}
    for email, first, last, groups, staff in [
        ("staff@demo.test", "Sam", "Rivera", ["Program staff", "Finance"], True),
        ("facilitator@demo.test", "Amara", "Okafor", ["Facilitators"], False),
        ("participant@demo.test", "Pat", "Johnson", [], False),
    ]:
        people[email] = _demo_login(email, first, last, groups=groups, staff=staff)

    for name, band, _sector, city, partner in ORGANIZATIONS:
        Organization.objects.update_or_create(
            name=name,
            defaults={
                "budget_band": band,
                "budget_band_reported_on": dt.date(2026, 7, 1),
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


def _demo_login(email, first, last, *, groups=(), staff=False):
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
    credentials = CeCredential.ensure_standard()
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
        title, topic_names, fmt, minutes, hours, audience, summary, paid = row[:8]
        credential_codes, audience_slugs, language = row[8:]
        training, _ = Training.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "summary": summary,
                "duration_minutes": minutes,
                "audience": audience,
                "format": fmt,
                "language": language,
                "ce_hours": hours,
                "fee_schedule": schedule if paid else None,
            },
        )
        training.topics.set([topics[name] for name in topic_names])
        training.audiences.set([audiences[slug] for slug in audience_slugs])
        training.ce_credentials.set([credentials[code] for code in credential_codes])
        facilitator = facilitators[index % len(facilitators)]
        if language == "Spanish":
            facilitator = facilitators[1]  # Luis leads the bilingual trainings
        training.facilitators.set([facilitator])
        trainings.append(training)
        if not training.sessions.exists():
            for days, session_format, city, capacity, flag in SESSIONS[index]:
                _schedule_session(
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


# Agencies that register their staff as a group and are invoiced (lms.services.groups), and
# who does it for them. The coordinators have no login: their groups are there to be seen.
AGENCY_COORDINATORS = {
    "Southside Family Wellness Center": ("director@southside.example", "Renee", "Carter"),
    "Lakefront Youth Alliance": ("training@lakefrontyouth.example", "Tanya", "Brooks"),
}


def _agency_group(*, session, organization_name, people, now):
    """The agency registers `people` for `session` as a group and is invoiced, as its
    coordinator would from /my/groups/: a confirmed seat each, priced on the agency's
    budget-band tier."""
    from lms.services.groups import Attendee, group_registration_invoice
    from lms.services.invoices import invoice_pdf_render

    organization = Organization.objects.get(name=organization_name)
    email, first, last = AGENCY_COORDINATORS[organization_name]
    coordinator, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last}
    )
    if created:
        coordinator.set_unusable_password()
        coordinator.save()
    tiers = session.effective_fee_schedule.tiers.order_by("sort_order")
    tier = (
        tiers.filter(kind=FeeTier.Kind.ORGANIZATION, budget_band=organization.budget_band).first()
        or tiers.first()
    )
    invoice = group_registration_invoice(
        session=session,
        coordinator=coordinator,
        organization=organization,
        tier=tier,
        attendees=[Attendee(person.get_full_name(), person.email) for person in people],
        attested=True,
        now=now,
    )
    return invoice_pdf_render(invoice_id=invoice.pk)


def _schedule_session(
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
        # A session's status is a catalogue fact staff set in the session form (no service):
        # the cancelled one has no registrations to cancel.
        status=Session.Status.CANCELLED if flag == "cancelled" else Session.Status.SCHEDULED,
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
        _fill(session, members[:capacity])
    return session


def _fill(session, people):
    """Fill a session the way people would: each registers for a free one; an agency
    registers them as a group for a paid one."""
    from lms.services.registrations import registration_create

    if session.effective_fee_schedule is None:
        for person in people:
            registration_create(session=session, person=person)
    else:
        _agency_group(
            session=session,
            organization_name="Lakefront Youth Alliance",
            people=people,
            now=timezone.now(),
        )


def seed_registration_demo(*, today=None):
    """A discount code and one free registration for the participant.

    Returns the first open paid session with seats, ready to try with card 4242 4242 4242 4242.
    """
    from lms.models import DiscountCode
    from lms.selectors import registrations as selectors
    from lms.services.registrations import registration_create, session_closed_reason

    today = today or timezone.localdate()
    now = timezone.now()
    DiscountCode.objects.update_or_create(
        code="COALITION10",
        defaults={
            "description": "10% off for coalition newsletter readers",
            "percent_off": 10,
            "amount_off_cents": None,
            "max_uses": 50,
            "valid_until": dt.datetime.combine(
                today + dt.timedelta(days=365), dt.time(23, 59), tzinfo=CHICAGO
            ),
        },
    )

    def open_with_seats(session):
        return (
            session_closed_reason(session=session, now=now) is None
            and selectors.seats_left(session=session) > 0
        )

    upcoming = Session.objects.filter(starts_at__gt=now).select_related("training", "fee_schedule")
    free = [s for s in upcoming if s.effective_fee_schedule is None and open_with_seats(s)]
    paid = [s for s in upcoming if s.effective_fee_schedule is not None and open_with_seats(s)]
    participant = User.objects.get(email="participant@demo.test")
    mine = Registration.objects.filter(person=participant, session__starts_at__gt=now)
    if free and not mine.exists():
        registration_create(session=free[0], person=participant)
    return paid[0] if paid else None


# --- Attendance, CE approvals, evaluations, TA ---------------------------------

OBJECTIVES = {
    0: [
        "Explain why human services are public infrastructure, not charity",
        "Reframe a program story using the coalition's tested frames",
    ],
    1: [
        "Describe root causes of inequity in health and human services",
        "Apply a racial-equity framework to one internal policy",
    ],
    2: ["Recognize how overlapping identities shape access to services"],
    3: ["File a witness slip", "Explain how the state budget reaches human services"],
}
DEMO_COMMENTS = [
    "The framing exercises were immediately useful for our grant narrative.",
    "More time for small-group practice, please.",
    "Clear, practical and well paced.",
    "I will use the values-first opener at our next board meeting.",
    "The examples from rural agencies were especially helpful.",
]


def demo_evaluation_answers(
    evaluation, *, rating: int = 4, comment: str = "Useful examples.", wants_ta: bool = False
) -> dict:
    """Answers to every question of an evaluation: the rating, the technical-assistance
    yes/no (a yes emails staff), and the comment for free-text questions."""
    from lms.models import EvaluationQuestion

    answers = {}
    for question in evaluation.questions.all():
        if question.kind == EvaluationQuestion.Kind.RATING:
            answers[question.pk] = rating
        elif question.kind == EvaluationQuestion.Kind.YES_NO:
            answers[question.pk] = wants_ta
        else:
            answers[question.pk] = comment
    return answers


def demo_trainings() -> list[Training]:
    """The demo trainings that exist, in the order of TRAININGS."""
    slugs = [slugify(spec[0]) for spec in TRAININGS]
    by_slug = {t.slug: t for t in Training.objects.filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def demo_training_credentials(training: Training) -> list[str]:
    """The CE credential codes the demo training is offered for (TRAININGS' ninth column)."""
    return next(spec[8] for spec in TRAININGS if slugify(spec[0]) == training.slug)


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


def seed_attendance(*, now=None):
    """Evaluations for the demo trainings, a finished session with attendance and six
    evaluations (so the facilitator sees results, and Pat, the demo participant, her
    certificate), a session under way today for trying check-in, and one TA request. (The
    trainings' CE approvals and the certificates are certificates' part: certificates.demo.)
    Everyone gets there the way the product takes them: Southside registers its staff as a
    group, the facilitator checks them in, they answer the evaluation. Safe to run again."""
    from lms.models import AttendanceSource, Evaluation, TechnicalAssistanceRequest
    from lms.services.attendance import attendance_check_in
    from lms.services.evaluations import evaluation_standard_create, evaluation_submit
    from lms.services.invoices import invoice_payment_record
    from lms.services.technical_assistance import ta_request_create

    now = now or timezone.now()
    trainings = demo_trainings()
    for index, training in enumerate(trainings):
        if not Evaluation.objects.filter(training=training).exists():
            evaluation_standard_create(
                training=training, objectives=OBJECTIVES.get(index, []), required=True
            )

    amara = Facilitator.objects.filter(user__email="facilitator@demo.test").first()
    first = trainings[0]
    attendees = seed_attendees()
    pat = User.objects.filter(email="participant@demo.test").first()
    # A session that finished two days ago, with attendance and six evaluations.
    if amara and pat and not Session.objects.filter(training=first, starts_at__lt=now).exists():
        start = timezone.localtime(now - dt.timedelta(days=2), CHICAGO).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        past = Session.objects.create(
            training=first,
            format=first.format,
            online_link="https://zoom.example/j/555",
            capacity=30,
        )
        meeting = Meeting.objects.create(
            session=past, starts_at=start, ends_at=start + dt.timedelta(minutes=195)
        )
        SessionFacilitator.objects.get_or_create(session=past, facilitator=amara)
        invoice = _agency_group(
            session=past,
            organization_name=ORGANIZATIONS[0][0],
            people=[*attendees, pat],
            now=start - dt.timedelta(days=14),
        )
        invoice_payment_record(
            invoice=invoice,
            method="check",
            reference="4471",
            paid_on=timezone.localdate(start - dt.timedelta(days=7)),
            by=User.objects.get(email="staff@demo.test"),
        )
        registrations = {r.person_id: r for r in past.registrations.all()}
        evaluation = first.evaluation
        for n, (person, comment) in enumerate(zip(attendees, DEMO_COMMENTS, strict=True)):
            # They join a few minutes apart; the facilitator checks them in from the roster.
            attendance_check_in(
                registration=registrations[person.pk],
                meeting=meeting,
                by=amara.user,
                now=start + dt.timedelta(minutes=n * 3),
            )
            evaluation_submit(
                registration=registrations[person.pk],
                answers=demo_evaluation_answers(evaluation, rating=5 - (n % 2), comment=comment),
                now=start + dt.timedelta(hours=4),
            )
        # Pat scans her QR code on arrival and answers the evaluation that afternoon.
        attendance_check_in(
            registration=registrations[pat.pk],
            meeting=meeting,
            by=amara.user,
            source=AttendanceSource.QR_CHECK_IN,
            now=start,
        )
        evaluation_submit(
            registration=registrations[pat.pk],
            answers=demo_evaluation_answers(
                evaluation, rating=5, comment="The reframing practice was the most useful part."
            ),
            now=meeting.ends_at + dt.timedelta(hours=2),
        )
    # A session under way now (Amara co-facilitates) for trying check-in. "Under way" rather
    # than "today": it starts an hour ago, which is yesterday just after midnight.
    today = timezone.localtime(now, CHICAGO)
    under_way = Session.objects.filter(
        training=trainings[1], meetings__starts_at__lte=now, meetings__ends_at__gt=now
    )
    if amara and not under_way.exists():
        start = today.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
        live = Session.objects.create(
            training=trainings[1],
            format="in_person",
            venue_name="Coalition Training Room",
            venue_address="200 W Adams St, Chicago, IL 60606",
            city="Chicago",
            capacity=30,
        )
        Meeting.objects.create(session=live, starts_at=start, ends_at=start + dt.timedelta(hours=6))
        SessionFacilitator.objects.get_or_create(
            session=live, facilitator=amara, defaults={"role": SessionFacilitator.Role.CO}
        )
        # The attendees of the finished session come back, registered by Southside a week
        # ago: people to check in from the roster.
        _agency_group(
            session=live,
            organization_name=ORGANIZATIONS[0][0],
            people=attendees,
            now=start - dt.timedelta(days=7),
        )
    if not TechnicalAssistanceRequest.objects.filter(
        requester_email="director@southside.example"
    ).exists():
        ta_request_create(
            topic="Bringing the reframing toolkit to our board retreat",
            requester_name="Renee Carter",
            requester_email="director@southside.example",
            organization=Organization.objects.get(name=ORGANIZATIONS[0][0]),
            urgency=TechnicalAssistanceRequest.Urgency.SOON,
            preferred_contact=TechnicalAssistanceRequest.Contact.VIDEO,
            training=first,
        )


# --- Facilitator pay -------------------------------------------------------------
PAY_PROFILES = {
    # facilitator name: (legal name, payout method, W-9 received?, paid at lived-experience rate)
    "Dr. Amara Okafor": ("Amara N. Okafor", "check", True, False),
    "Luis Hernández": ("Luis A. Hernández", "ach", False, True),
    "Jordan Lee": ("Jordan K. Lee", "check", True, True),
}


def seed_facilitator_pay(*, today=None):
    """The standard rate card, pay profiles and, from a filed session report, a paid statement
    (Dr. Okafor, lead) and a draft one (Jordan Lee, co-facilitator) for Finance to approve."""
    from lms.models import FacilitatorPayProfile, PayStatementLine, RateCard
    from lms.services.compensation import (
        pay_statement_approve,
        pay_statement_create_for_session,
        pay_statement_record_payment,
    )

    today = today or timezone.localdate()
    RateCard.objects.get_or_create(
        name="Coalition standard rates",
        facilitator=None,
        defaults={
            "effective_from": dt.date(today.year - 1, 1, 1),
            "lead_hourly_cents": 7500,
            "co_hourly_cents": 5000,
            "prep_hours_per_delivered_hour": 1,
            "prep_hours_cap_per_meeting": 3,
            "minimum_per_session_cents": 25000,
            "lived_experience_hourly_cents": 9000,
        },
    )
    for name, (legal, method, w9, lived) in PAY_PROFILES.items():
        facilitator = Facilitator.objects.filter(name=name).first()
        if facilitator:
            FacilitatorPayProfile.objects.get_or_create(
                facilitator=facilitator,
                defaults={
                    "legal_name": legal,
                    "email": facilitator.email,
                    "address_line1": "200 W Adams St",
                    "city": "Chicago",
                    "state": "IL",
                    "postal_code": "60606",
                    "payout_method": method,
                    "w9_received_on": dt.date(today.year, 1, 10) if w9 else None,
                    "paid_at_lived_experience_rate": lived,
                },
            )
    okafor = Facilitator.objects.get(name="Dr. Amara Okafor")
    lee = Facilitator.objects.get(name="Jordan Lee")
    # Not the first training: the attendance demo gives that one its finished session.
    training = Training.objects.get(slug=slugify(TRAININGS[2][0]))
    session = Session.objects.filter(
        training=training, starts_at__lt=timezone.now(), report__isnull=False
    ).first()
    if session is None:
        session = _schedule_session(
            training,
            today - dt.timedelta(days=10),
            okafor,
            session_format=training.format,
            city="",
            capacity=30,
            flag="",
            members=[],
            fee_schedule=None,
        )
        SessionFacilitator.objects.create(session=session, facilitator=lee, role="co")
        _file_demo_report(session=session, lead=okafor, co=lee)
    if PayStatementLine.objects.filter(session=session).exists():
        return
    staff = User.objects.get(email="staff@demo.test")
    paid = pay_statement_create_for_session(facilitator=okafor, session=session, by=staff)
    pay_statement_approve(statement=paid, by=staff)
    pay_statement_record_payment(
        statement=paid, method="check", reference="10231", paid_on=today, by=staff
    )
    pay_statement_create_for_session(facilitator=lee, session=session, by=staff)


def _file_demo_report(*, session, lead, co):
    """The lead facilitator files the session report: every meeting delivered, 15 minutes
    long, both facilitators there."""
    from lms.services.attendance import DeliveryInput, session_report_save

    session_report_save(
        session=session,
        notes="Lively discussion; ran 15 minutes long on the framing exercise.",
        deliveries=[
            DeliveryInput(
                meeting=meeting,
                delivered=True,
                actual_starts_at=meeting.starts_at,
                actual_ends_at=meeting.ends_at + dt.timedelta(minutes=15),
                facilitators={lead: "lead", co: "co"},
            )
            for meeting in session.meetings.all()
        ],
        by=lead.user,
        file=True,
    )


def seed_equity_demo(*, today=None):
    """Organization self-reports and a few voluntary demographic answers, given through the
    same services as the forms at /my/organization/ and /my/demographics/, so the equity
    report and the admin home panel have something to show. Small counts stay suppressed
    there, as they would in real life. Safe to run again."""
    from lms.services.demographics import demographics_save, organization_self_report_save

    today = today or timezone.localdate()
    leadership = [
        ("yes", ["leaders_black", "leaders_disability"]),
        ("yes", ["leaders_latine"]),
        ("no", []),
        ("prefer_not", ["prefer_not"]),
    ]
    # Program staff record what each organization sent in.
    staff = User.objects.filter(email="staff@demo.test").first()
    for index, (name, _band, sector, *_rest) in enumerate(ORGANIZATIONS):
        led, leaders = leadership[index % len(leadership)]
        organization = Organization.objects.filter(name=name).first()
        if organization is None:
            continue
        organization_self_report_save(
            organization=organization,
            by=staff,
            budget_band=organization.budget_band,
            sub_sector=sector,
            people_employed=["1_10", "11_50", "51_250", "251_plus"][index % 4],
            populations_served="Families and individuals across the region",
            led_by_underrepresented=led,
            leadership=leaders,
            today=dt.date(2026, 7, 1),
        )
    answers = [
        ["race_black"],
        ["race_hispanic"],
        ["race_white"],
        ["race_asian", "race_white"],
        ["race_mena"],
        ["prefer_not"],
    ]
    people = [*seed_demo_members(), User.objects.filter(email="participant@demo.test").first()]
    for index, person in enumerate(p for p in people if p is not None):
        if index % 4 == 3:
            continue  # some people do not answer at all
        demographics_save(
            person=person,
            race_ethnicity=answers[index % len(answers)],
            difficulties={
                "wg_seeing": "none",
                "wg_hearing": "none",
                "wg_walking": "a_lot" if index % 5 == 0 else "none",
                "wg_cognition": "some" if index % 3 == 0 else "none",
                "wg_self_care": "none",
                "wg_communication": "none",
            },
            today=today,
        )


# --- Scholarships, waitlists and agency invoices --------------------------------

EQUITY_FUND = "Frontline Worker Equity Fund"


def seed_scholarships_demo(*, today=None):
    """A sponsored fund with credits, a pending application, a waitlist on a full session and
    an agency invoice, so each scholarship, waitlist and agency journey can be tried from `make demo`."""
    from lms.models import Invoice, ScholarshipApplication, ScholarshipFund, WaitlistEntry
    from lms.services import groups, invoices, scholarship_ledger, scholarships, waitlists
    from lms.services.registrations import session_closed_reason

    today = today or timezone.localdate()
    now = timezone.now()
    staff = User.objects.get(email="staff@demo.test")
    fund, created = ScholarshipFund.objects.get_or_create(
        name=EQUITY_FUND,
        defaults={
            "sponsor_kind": ScholarshipFund.SponsorKind.FOUNDATION,
            "sponsor_name": "Lakeside Community Foundation",
            "period_start": dt.date(today.year, 1, 1),
            "period_end": dt.date(today.year + 1, 6, 30),
            "award_cap_per_person_year_cents": 30000,
            "no_show_policy": ScholarshipFund.NoShowPolicy.RELEASE,
            "no_show_wait_months": 6,
        },
    )
    if created:
        scholarship_ledger.fund_credit(
            fund=fund, amount_cents=200000, note="Lakeside FY26 grant", by=staff
        )
        scholarship_ledger.fund_credit(
            fund=fund, amount_cents=25000, note="Donation from a board member", by=staff
        )

    upcoming = list(
        Session.objects.filter(starts_at__gt=now, status=Session.Status.SCHEDULED)
        .select_related("training", "fee_schedule")
        .order_by("starts_at")
    )
    paid_open = [
        s
        for s in upcoming
        if s.effective_fee_schedule is not None
        and session_closed_reason(session=s, now=now) is None
        and waitlists.seats_free(session=s, now=now) >= 4
    ]

    applicant = _demo_login("applicant@demo.test", "Jordan", "Lee")
    Profile.objects.update_or_create(
        user=applicant,
        defaults={
            "printed_name": "Jordan Lee",
            "organization": Organization.objects.get(name="Little Egypt Recovery Network"),
            "job_title": "Peer recovery specialist",
        },
    )
    if paid_open and not ScholarshipApplication.objects.filter(person=applicant).exists():
        session = paid_open[0]
        tier = session.effective_fee_schedule.tiers.order_by("sort_order").first()
        scholarships.scholarship_apply(
            session=session,
            person=applicant,
            fund=fund,
            tier=tier,
            attested=True,
            coverage=ScholarshipApplication.Coverage.FULL,
            need_statement=(
                "Our recovery network has no training budget this year; I would bring the "
                "framing tools back to our peer specialists."
            ),
        )

    full = next(
        (s for s in upcoming if s.capacity and waitlists.seats_free(session=s, now=now) == 0),
        None,
    )
    if full and not WaitlistEntry.objects.filter(session=full).exists():
        full.waitlist_priority = Session.WaitlistPriority.FIRST_TIME
        full.save(update_fields=["waitlist_priority"])
        participant = User.objects.get(email="participant@demo.test")
        for person in (participant, _demo_login("newcomer@demo.test", "Riley", "Chen")):
            waitlists.waitlist_join(session=full, person=person, now=now)

    coordinator = _demo_login("coordinator@demo.test", "Morgan", "Ellis")
    organization = Organization.objects.get(name="Prairie State Housing Collaborative")
    Profile.objects.update_or_create(
        user=coordinator,
        defaults={
            "printed_name": "Morgan Ellis",
            "organization": organization,
            "job_title": "Training coordinator",
        },
    )
    group_sessions = [s for s in paid_open if s.pk != (paid_open[0].pk if paid_open else None)]
    if group_sessions and not Invoice.objects.filter(coordinator=coordinator).exists():
        session = group_sessions[0]
        tier = (
            session.effective_fee_schedule.tiers.filter(kind=FeeTier.Kind.ORGANIZATION)
            .order_by("sort_order")
            .first()
            or session.effective_fee_schedule.tiers.order_by("sort_order").first()
        )
        invoice = groups.group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=organization,
            tier=tier,
            attendees=[
                groups.Attendee("Alex Moreno", "alex.moreno@prairiehousing.example"),
                groups.Attendee("Bea Thompson", "bea.thompson@prairiehousing.example"),
                groups.Attendee("Chris Nguyen", "chris.nguyen@prairiehousing.example"),
            ],
            attested=True,
        )
        invoices.invoice_pdf_render(invoice_id=invoice.pk)
    return fund
