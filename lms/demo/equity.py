"""Demo equity data: organization self-reports and voluntary demographic answers."""

import datetime as dt

from django.utils import timezone

from lms.demo.people import ORGANIZATIONS, seed_demo_members
from lms.models import (
    Organization,
    User,
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
