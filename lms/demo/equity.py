"""Demo equity data: organization self-reports and voluntary demographic answers."""

import datetime as dt

from django.utils import timezone

from lms.demo.catalogue import demo_training_hours, demo_trainings
from lms.demo.people import CHICAGO, ORGANIZATIONS, coalition_staff, seed_demo_members
from lms.demo.registrations import agency_registers_group
from lms.models import (
    Meeting,
    Organization,
    Session,
    User,
)
from lms.rules.suppression import last_completed_quarter_end


def seed_last_quarter_session(*, today):
    """A session held in the middle of the latest completed quarter, its seats taken by an
    agency's group: the equity report describes completed quarters only, and without it the
    demo's period would have too few people to show (every other demo session is recent or
    upcoming)."""
    trainings = demo_trainings()
    if len(trainings) < 2:
        return  # the catalogue is seeded first
    training = trainings[1]
    held_on = last_completed_quarter_end(today) - dt.timedelta(days=45)
    start = dt.datetime.combine(held_on, dt.time(9, 30), tzinfo=CHICAGO)
    if Session.objects.filter(training=training, starts_at__date=held_on).exists():
        return
    session = Session.objects.create(
        training=training,
        format=training.format,
        online_link="https://zoom.example/j/444",
        capacity=40,
    )
    # One meeting as long as the training's approved hours, so credit and approvals agree.
    hours = float(demo_training_hours(training))
    Meeting.objects.create(
        session=session, starts_at=start, ends_at=start + dt.timedelta(hours=hours)
    )
    people = seed_demo_members()  # twelve: enough for a period to show
    agency_registers_group(
        session=session,
        organization_name=ORGANIZATIONS[0][0],
        people=people,
        now=start - dt.timedelta(days=21),
    )


def seed_equity_demo(*, today=None):
    """Organization self-reports and a few voluntary demographic answers, given through the
    same services as the forms at /my/organization/ and /my/demographics/, so the equity
    report and the admin home panel have something to show. Small counts stay suppressed
    there, as they would in real life. Safe to run again."""
    from lms.services.demographics import demographics_save, organization_self_report_save

    today = today or timezone.localdate()
    seed_last_quarter_session(today=today)
    leadership = [
        ("yes", ["leaders_black", "leaders_disability"]),
        ("yes", ["leaders_latine"]),
        ("no", []),
        ("prefer_not", ["prefer_not"]),
    ]
    # Program staff record what each organization sent in.
    staff = coalition_staff()
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
