"""Evaluations: who may answer when, gating certificates, aggregate-only results, invitations
after the last meeting, and the TA question opening a request."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from lms.demo import demo_evaluation_answers
from lms.models import (
    AttendanceRecord,
    EvaluationInvitation,
    Registration,
    TechnicalAssistanceRequest,
)
from lms.selectors.evaluations import (
    evaluation_done,
    evaluation_requirement_met,
    evaluation_results,
)
from lms.services.attendance import attendance_check_in
from lms.services.evaluations import (
    EvaluationError,
    evaluation_invitations_send_due,
    evaluation_standard_create,
    evaluation_submit,
)
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
START = dt.datetime(2026, 3, 12, 9, 30, tzinfo=CHICAGO)


@pytest.fixture
def session(time_machine):
    time_machine.move_to(START + dt.timedelta(hours=5))  # the afternoon after the workshop
    return MeetingFactory(starts_at=START, minutes=195).session


@pytest.fixture
def evaluation(session):
    return evaluation_standard_create(
        training=session.training,
        objectives=["Explain the core frame of human services as public infrastructure"],
        required=True,
    )


def answers_for(evaluation, *, rating=4, ta=False, comment="Useful examples."):
    return demo_evaluation_answers(evaluation, rating=rating, comment=comment, wants_ta=ta)


def test_standard_evaluation_has_the_coalition_questions(evaluation):
    texts = [q.text for q in evaluation.questions.all()]
    assert "How valuable was this training to your organization?" in texts
    assert "Would you like technical assistance to put this into practice?" in texts
    assert (
        texts[0]
        == "After this training I can: Explain the core frame of human services as public infrastructure"
    )


def test_gating_for_certificates(session, evaluation):
    registration = RegistrationFactory(session=session)
    assert not evaluation_done(registration=registration)
    assert not evaluation_requirement_met(registration=registration)
    evaluation_submit(registration=registration, answers=answers_for(evaluation))
    assert evaluation_done(registration=registration)
    assert evaluation_requirement_met(registration=registration)


def test_gating_when_not_required_or_absent(session):
    registration = RegistrationFactory(session=session)
    assert evaluation_requirement_met(registration=registration)  # no evaluation at all
    evaluation_standard_create(training=session.training, objectives=[], required=False)
    assert evaluation_requirement_met(registration=registration)
    assert not evaluation_done(registration=registration)


def test_when_an_evaluation_can_be_submitted(session, evaluation, time_machine):
    registration = RegistrationFactory(session=session)
    time_machine.move_to(START - dt.timedelta(hours=1))
    with pytest.raises(EvaluationError, match="opens when the last meeting begins"):
        evaluation_submit(registration=registration, answers=answers_for(evaluation))
    time_machine.move_to(START + dt.timedelta(hours=3))
    pending = RegistrationFactory(session=session, status=Registration.Status.PENDING_PAYMENT)
    with pytest.raises(EvaluationError, match="Only confirmed participants"):
        evaluation_submit(registration=pending, answers=answers_for(evaluation))
    incomplete = answers_for(evaluation)
    incomplete.pop(evaluation.questions.first().pk)
    with pytest.raises(EvaluationError, match="Please rate"):
        evaluation_submit(registration=registration, answers=incomplete)
    evaluation_submit(registration=registration, answers=answers_for(evaluation))
    with pytest.raises(EvaluationError, match="already submitted"):
        evaluation_submit(registration=registration, answers=answers_for(evaluation))


def test_evaluation_page_is_only_for_the_registrant(client, session, evaluation):
    registration = RegistrationFactory(session=session)
    url = reverse("lms:evaluation", args=[registration.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(registration.person)
    page = client.get(url)
    assert page.status_code == 200 and "How valuable was this training" in page.content.decode()
    data = {
        f"q{pk}": ("yes" if v is True else "no" if v is False else v)
        for pk, v in answers_for(evaluation).items()
    }
    assert client.post(url, data).status_code == 302
    assert evaluation_done(registration=registration)
    assert "already submitted" in client.get(url).content.decode()


def test_yes_to_technical_assistance_opens_a_request(
    session, evaluation, django_capture_on_commit_callbacks
):
    person = ProfileFactory(printed_name="Maria Gonzalez").user
    registration = RegistrationFactory(session=session, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        response = evaluation_submit(
            registration=registration, answers=answers_for(evaluation, ta=True)
        )
    request = TechnicalAssistanceRequest.objects.get()
    assert request.evaluation_response == response and request.training == session.training
    assert request.requester_email == person.email and request.requester_name == "Maria Gonzalez"
    assert request.organization == person.profile.organization
    assert request.status == TechnicalAssistanceRequest.Status.NEW
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "We received your technical-assistance request" in mail.outbox[0].subject


def test_results_are_aggregate_only_from_five_responses(client, session, evaluation):
    lead = FacilitatorFactory(user=UserFactory())
    SessionFacilitatorFactory(session=session, facilitator=lead)
    names = ["Ana Ruiz", "Ben Cole", "Cy Diaz", "Dee Fox", "Eli Gray"]
    registrations = []
    for index, name in enumerate(names):
        first, last = name.split()
        registrations.append(
            RegistrationFactory(
                session=session, person=UserFactory(first_name=first, last_name=last)
            )
        )
        if index < 4:
            evaluation_submit(
                registration=registrations[-1],
                answers=answers_for(evaluation, rating=index + 2, comment=f"Comment from {first}"),
            )
    url = reverse("lms:facilitate_evaluation", args=[session.pk])
    client.force_login(lead.user)
    page = client.get(url).content.decode()
    assert "4 responses so far" in page and "Comment from" not in page
    assert not evaluation_results(evaluation=evaluation).shown
    evaluation_submit(
        registration=registrations[4],
        answers=answers_for(evaluation, rating=5, comment="Great pacing"),
    )
    results = evaluation_results(evaluation=evaluation, session=session)
    assert results.shown and results.responses == 5
    overall = next(q for q in results.questions if q.question.text.startswith("Overall"))
    assert overall.average == 3.8 and overall.distribution == [0, 1, 1, 1, 2]
    page = client.get(url).content.decode()
    assert "Great pacing" in page and "Comment from Ana" in page
    for name in names:  # comments are shown, but never who wrote them
        assert name not in page


def test_staff_see_results_in_the_admin(client, session, evaluation):
    staff = StaffFactory(groups=["Program staff"])
    client.force_login(staff)
    page = client.get(reverse("evaluations:results", args=[evaluation.pk]))
    assert page.status_code == 200 and "0 responses so far" in page.content.decode()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("evaluations:results", args=[evaluation.pk])).status_code in (
        302,
        403,
    )


def test_invitations_go_once_to_attendees_after_the_last_meeting(
    session, evaluation, time_machine, django_capture_on_commit_callbacks
):
    attended = RegistrationFactory(session=session)
    RegistrationFactory(session=session)  # a no-show: not invited
    meeting = session.meetings.get()
    time_machine.move_to(START + dt.timedelta(minutes=5))
    attendance_check_in(registration=attended, meeting=meeting, by=None)
    time_machine.move_to(START + dt.timedelta(minutes=200))  # 5 minutes after the end
    assert evaluation_invitations_send_due() == 0
    time_machine.move_to(START + dt.timedelta(minutes=240))
    with django_capture_on_commit_callbacks(execute=True):
        assert evaluation_invitations_send_due() == 1
        assert evaluation_invitations_send_due() == 0
    assert EvaluationInvitation.objects.get().registration == attended
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [attended.person.email]
    assert reverse("lms:evaluation", args=[attended.pk]) in mail.outbox[0].body
    assert "certificate is issued once" in mail.outbox[0].body


def test_invitation_task_is_scheduled():
    from django_q.models import Schedule

    assert Schedule.objects.filter(
        func="lms.tasks.evaluations.evaluation_invitations_send_due"
    ).exists()


def test_no_invitation_without_attendance_records(session, evaluation, time_machine):
    RegistrationFactory(session=session)
    time_machine.move_to(START + dt.timedelta(hours=6))
    assert evaluation_invitations_send_due() == 0
    assert not AttendanceRecord.objects.exists()
