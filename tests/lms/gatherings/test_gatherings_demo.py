"""The demo's gatherings: two LAC meetings in different regions and an advocacy day at
/events/, the held meeting with check-ins and an applied sign-in sheet."""

import pytest

from cms.demo import seed_events_page, seed_pages
from lms.demo import seed_gatherings_demo, seed_people
from lms.models import AttendanceRecord, EventKind, Organization, Training

pytestmark = pytest.mark.django_db


def test_demo_gatherings_are_listed_and_the_held_one_was_attended(client, settings):
    seed_people()
    seed_gatherings_demo()
    seed_gatherings_demo()  # idempotent
    seed_events_page(home=seed_pages())
    lac = Training.objects.filter(kind=EventKind.LAC_MEETING)
    assert sorted(lac.values_list("region", flat=True)) == ["Chicago Metro", "Southern Illinois"]
    assert Training.objects.filter(kind=EventKind.ADVOCACY_DAY).count() == 1
    page = client.get("/events/").content.decode()
    assert "Southern Illinois LAC Meeting" in page
    assert "Human Services Advocacy Day at the Capitol" in page
    assert "Chicago Metro LAC Meeting" not in page  # held: no longer upcoming
    held = lac.get(region="Chicago Metro").sessions.get()
    attended = AttendanceRecord.objects.filter(meeting__session=held)
    assert attended.count() == 4  # three checked in, one walk-in from the sheet
    assert Organization.objects.get(name="Westside Mutual Aid").needs_review


def test_demo_survey_has_answers(settings):
    from lms.demo import seed_catalogue, seed_surveys_demo
    from lms.models import Survey
    from lms.selectors.surveys import survey_results

    seed_people()
    seed_catalogue()
    seed_gatherings_demo()
    seed_surveys_demo()
    seed_surveys_demo()  # idempotent
    (survey,) = Survey.objects.all()
    results = survey_results(survey=survey)
    assert (results.invited, results.answered) >= (3, 2)
    assert results.answered == 2
    topics = next(q for q in results.questions if q.question.kind == "topics")
    assert ("Racial equity", 2) in [(label, count) for label, count, _ in topics.rows]
