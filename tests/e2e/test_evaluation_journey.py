"""In Chromium: a participant answers the evaluation with the keyboard, says yes to technical
assistance, and the request reaches the staff queue; the pages pass axe."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from lms.models import TechnicalAssistanceRequest
from lms.selectors.evaluations import evaluation_done
from lms.services.evaluations import evaluation_standard_create
from tests.factories import (
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.fixtures.browser import BLOCKING_IMPACTS, assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_evaluates_and_asks_for_technical_assistance(page):
    session = MeetingFactory(
        session__training__title="Intersectionality in Practice",
        starts_at=timezone.now() - dt.timedelta(hours=3),
        minutes=150,
    ).session
    evaluation_standard_create(
        training=session.training,
        objectives=["Recognize how overlapping identities shape access to services"],
        required=True,
    )
    person = ProfileFactory(
        user=UserFactory(email="keisha@heartland.org", first_name="Keisha", last_name="Brown"),
        printed_name="Keisha Brown",
    ).user
    registration = RegistrationFactory(session=session, person=person)

    sign_in(page, "keisha@heartland.org")
    page.goto(f"/evaluations/{registration.pk}/")
    page.get_by_role("heading", name="Evaluation: Intersectionality in Practice").wait_for()
    assert_accessible(page, impacts=BLOCKING_IMPACTS)

    # Keyboard only: Tab into each radio group, arrow keys choose, Space confirms.
    for group in page.get_by_role("group").all():
        name = group.locator("legend").inner_text()
        if "technical assistance" in name:
            group.get_by_label("Yes").focus()
            page.keyboard.press("Space")
        elif group.get_by_label("4 – Very good").count():
            group.get_by_label("1 – Poor").focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight")
    page.get_by_label("What will you put into practice?").fill("Ask about access needs at intake.")
    page.get_by_role("button", name="Submit evaluation").press("Enter")
    page.get_by_text("Thank you! Your evaluation is submitted.").wait_for()
    assert evaluation_done(registration=registration)
    answers = {a.question.text: a for a in registration.evaluation_response.answers.all()}
    assert answers["How valuable was this training to your organization?"].rating == 4
    request = TechnicalAssistanceRequest.objects.get()
    assert (
        request.requester_email == "keisha@heartland.org" and request.training == session.training
    )
    assert any("technical-assistance request" in m.subject for m in mail.outbox)

    page.goto("/technical-assistance/")
    page.get_by_role("heading", name="Ask for technical assistance").wait_for()
    assert page.get_by_label("Your email").input_value() == "keisha@heartland.org"
    assert_accessible(page, impacts=BLOCKING_IMPACTS)
