"""In Chromium: a participant applies for a full scholarship, staff award it in the Wagtail
admin, and the participant completes registration without a card."""

import pytest

from lms.models import Registration, ScholarshipAward
from tests.factories import ProfileFactory, ScholarshipFundFactory, UserFactory, paid_session
from tests.fixtures.browser import assert_accessible, hold_a_seat, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.stripe, pytest.mark.django_db(transaction=True)]


def test_full_scholarship_awarded_in_the_admin_needs_no_card(page, live_server_turns):
    with live_server_turns:
        session, _ = paid_session()
        person = ProfileFactory(printed_name="Jordan Rivera").user
        reviewer = UserFactory(is_staff=True, is_superuser=True)
        ScholarshipFundFactory(credit_cents=50000, name="Frontline Worker Fund")
        title = session.training.title

    sign_in(page, person.email)
    page.goto(f"/sessions/{session.pk}/register/")
    hold_a_seat(page)
    page.get_by_role("heading", name=f"Pay for {title}").wait_for()
    page.get_by_role("link", name="Is the fee a barrier?").click()

    page.get_by_role("heading", name="Apply for a scholarship").wait_for()
    assert_accessible(page)
    page.get_by_label("Frontline Worker Fund").check()
    page.get_by_label("The full fee").check()
    page.get_by_label("Why do you need a scholarship?").fill("My agency has no training budget.")
    page.get_by_role("button", name="Send my application").click()
    page.get_by_text("waiting for a decision").wait_for()

    sign_in(page, reviewer.email)
    page.goto("/admin/scholarship-applications/?status=pending")
    page.get_by_role("table").get_by_text("Frontline Worker Fund").wait_for()
    with live_server_turns:
        application_id = Registration.objects.get(person=person).scholarship_applications.get().pk
    page.goto(f"/admin/scholarship-applications/review/{application_id}/")
    page.get_by_text("My agency has no training budget.").wait_for()
    page.get_by_role("radio", name="Award").check()
    page.get_by_label("Message to the applicant").fill("Welcome!")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Awarded $50.00.").wait_for()

    sign_in(page, person.email)
    with live_server_turns:
        registration = Registration.objects.get(person=person)
    page.goto(f"/registrations/{registration.pk}/")
    page.get_by_text("You were awarded a scholarship of $50.00.").wait_for()
    assert page.locator("#card-element").count() == 0
    page.get_by_role("button", name="Complete my registration").click()
    page.get_by_text("You are registered.").first.wait_for()
    assert_accessible(page)

    with live_server_turns:
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED
        assert registration.amount_cents == 0
        assert not registration.payments.exists()
        assert ScholarshipAward.objects.get().status == ScholarshipAward.Status.USED
