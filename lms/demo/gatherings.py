"""Demo gatherings: two LAC meetings in different regions (one held this quarter, with
people who registered on behalf of their organizations, checked in, and a sign-in sheet of
walk-ins; one ahead), and an advocacy day. Registering, checking in and the sign-in sheet
go through the services the pages and the admin call. Idempotent."""

import datetime as dt

from django.utils import timezone

from lms.demo.people import CHICAGO
from lms.models import (
    DeliveryFormat,
    EventKind,
    Meeting,
    Organization,
    Profile,
    Registration,
    Session,
    SignInSheet,
    Training,
    User,
)

GATHERINGS = [
    # slug, title, kind, region, format, city, days from today, minutes, capacity
    (
        "chicago-metro-lac-meeting",
        "Chicago Metro LAC Meeting",
        EventKind.LAC_MEETING,
        "Chicago Metro",
        DeliveryFormat.IN_PERSON,
        "Chicago",
        -12,
        120,
        40,
    ),
    (
        "southern-illinois-lac-meeting",
        "Southern Illinois LAC Meeting",
        EventKind.LAC_MEETING,
        "Southern Illinois",
        DeliveryFormat.VIRTUAL,
        "",
        24,
        90,
        60,
    ),
    (
        "advocacy-day-at-the-capitol",
        "Human Services Advocacy Day at the Capitol",
        EventKind.ADVOCACY_DAY,
        "",
        DeliveryFormat.IN_PERSON,
        "Springfield",
        55,
        360,
        150,
    ),
]

SUMMARIES = {
    EventKind.LAC_MEETING: "The quarterly meeting of the region's Local Advisory Council: "
    "partners share what their communities need and shape the coalition's agenda.",
    EventKind.ADVOCACY_DAY: "A day at the Capitol with legislators: the coalition's policy "
    "agenda, briefings in the morning, meetings with your district's members after lunch.",
}

# People who come to the held LAC meeting on behalf of their organizations.
LAC_PARTNERS = [
    ("Renee", "Jackson", "rjackson@demo.test", "Southside Family Wellness Center"),
    ("Omar", "Haddad", "ohaddad@demo.test", "Refugee and Immigrant Welcome Center"),
    ("Grace", "Kim", "gkim@demo.test", "Lakefront Youth Alliance"),
]
SIGN_IN_SHEET = (
    "Name,Email,Organization\n"
    "Tomás Reyes,treyes@westsidemutualaid.example,Westside Mutual Aid\n"
    "Renee Jackson,rjackson@demo.test,southside family wellness  center\n"
    "Walk-in without email,,\n"
)


def seed_gatherings_demo(*, now=None):
    from lms.services.attendance import attendance_check_in
    from lms.services.gatherings import sign_in_sheet_apply, sign_in_sheet_upload
    from lms.services.registrations import registration_create

    now = now or timezone.now()
    staff = User.objects.filter(email="staff@demo.test").first()
    sessions = {}
    for slug, title, kind, region, fmt, city, days, minutes, capacity in GATHERINGS:
        training, _ = Training.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "region": region,
                "summary": SUMMARIES[kind],
                "duration_minutes": minutes,
                "format": fmt,
            },
        )
        session = training.sessions.first()
        if session is None:
            start = dt.datetime.combine(
                timezone.localdate(now, CHICAGO) + dt.timedelta(days=days),
                dt.time(10, 0),
                tzinfo=CHICAGO,
            )
            session = Session.objects.create(
                training=training,
                format=fmt,
                city=city,
                venue_name="Illinois State Capitol" if city == "Springfield" else "",
                online_link="https://zoom.example/j/555000111" if fmt != "in_person" else "",
                capacity=capacity,
            )
            Meeting.objects.create(
                session=session, starts_at=start, ends_at=start + dt.timedelta(minutes=minutes)
            )
        sessions[slug] = session

    held = sessions["chicago-metro-lac-meeting"]
    meeting = held.meetings.get()
    if not Registration.objects.filter(session=held).exists():
        for first, last, email, organization_name in LAC_PARTNERS:
            person, _ = User.objects.get_or_create(
                email=email, defaults={"first_name": first, "last_name": last}
            )
            Profile.objects.update_or_create(
                user=person,
                defaults={
                    "printed_name": f"{first} {last}",
                    "organization": Organization.objects.get(name=organization_name),
                },
            )
            registration = registration_create(
                session=held,
                person=person,
                for_organization=True,
                now=meeting.starts_at - dt.timedelta(days=10),
            )
            attendance_check_in(
                registration=registration,
                meeting=meeting,
                by=staff,
                now=meeting.starts_at + dt.timedelta(minutes=5),
            )
    if not SignInSheet.objects.filter(meeting=meeting).exists():
        sheet = sign_in_sheet_upload(
            meeting=meeting,
            file_name="chicago-metro-lac-sign-in.csv",
            data=SIGN_IN_SHEET.encode(),
            by=staff,
        )
        sign_in_sheet_apply(sheet=sheet, by=staff, now=meeting.ends_at + dt.timedelta(days=1))

    ahead = sessions["southern-illinois-lac-meeting"]
    partner = User.objects.filter(email="ohaddad@demo.test").first()
    if (
        partner is not None
        and not Registration.objects.filter(session=ahead, person=partner).exists()
    ):
        registration_create(session=ahead, person=partner, for_organization=True, now=now)
    return sessions
