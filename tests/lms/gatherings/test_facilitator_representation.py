"""Sessions led by facilitators from historically marginalized communities, from the
facilitators' own voluntary answers, suppressed by the number of facilitators."""

import pytest
from django.utils import timezone

from lms.models import ParticipantDemographics
from lms.rules.suppression import last_completed_quarter_end
from lms.selectors.facilitators import facilitator_representation_report
from lms.selectors.reports import ReportFilters
from tests.factories import (
    FacilitatorFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def days_into_last_completed_quarter() -> int:
    today = timezone.localdate()
    return (today - last_completed_quarter_end(today)).days + 10


def led_by(*, race=None, lived="", answered=True):
    user = UserFactory()
    if answered:
        ParticipantDemographics.objects.create(
            person=user, reported_on=timezone.localdate(), **{race or "race_white": True}
        )
    facilitator = FacilitatorFactory(user=user, lived_experience=lived)
    session = SessionFactory(meeting__days_ahead=-days_into_last_completed_quarter())
    SessionFacilitatorFactory(session=session, facilitator=facilitator)
    return session


def rows(report):
    (table,) = report.tables
    return {row[0]: row[1:] for row in table.rows}


def test_shares_of_sessions_by_who_led_them():
    for n in range(10):
        led_by(race="race_black", lived="I grew up in the system I now work in." if n < 5 else "")
    for n in range(10):
        led_by(race="race_white", lived="Peer specialist." if n < 5 else "")
    report = facilitator_representation_report(ReportFilters())
    found = rows(report)
    marginalized = found["Led by a facilitator from a historically marginalized community"]
    assert (marginalized[0], float(marginalized[1]), marginalized[2]) == (10, 50.0, 10)
    assert found["Led by a facilitator with a lived-experience statement"][0] == 10
    assert found["Led by facilitators who did not answer the voluntary questions"][0] == 0


def test_few_facilitators_in_a_group_are_not_shown():
    for _ in range(3):
        led_by(race="race_hispanic")
    for _ in range(9):
        led_by(race="race_white")
    found = rows(facilitator_representation_report(ReportFilters()))
    assert found["Led by a facilitator from a historically marginalized community"] == [
        None,
        None,
        None,
    ]
    # Twelve facilitators, all answered: nobody in "did not answer", which is shown.
    assert found["Led by facilitators who did not answer the voluntary questions"][0] == 0


def test_the_report_page(client):
    led_by(answered=False)
    client.force_login(StaffFactory(groups=["Program staff"]))
    page = client.get("/admin/indicators/facilitators/").content.decode()
    assert "Sessions by who led them" in page and "Suppressed" in page
    csv = client.get("/admin/indicators/facilitators/?export=csv").content.decode()
    assert "Led by a facilitator from a historically marginalized community" in csv
