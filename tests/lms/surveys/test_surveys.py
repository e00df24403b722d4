"""Partner surveys: sent to three partner contacts, two answer, the aggregate shows, the
one-response rule holds; anonymous or named; reminders; suppressed breakdowns; what partners
ask for."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lms.errors import DomainError
from lms.models import (
    BudgetBand,
    OrganizationContact,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
    Topic,
)
from lms.models.demographics import OrganizationSelfReport
from lms.selectors.reports import ReportFilters
from lms.selectors.surveys import partner_requests_report, survey_results
from lms.services.surveys import (
    ALREADY_ANSWERED,
    survey_close,
    survey_open,
    survey_reminders_send,
    survey_respond,
)
from tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    TopicFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db


def contact_of(org, email):
    person = ProfileFactory(user__email=email, organization=org).user
    OrganizationContact.objects.create(organization=org, person=person)
    return person


def partner(name, *, led="yes", band=BudgetBand.UNDER_500K):
    today = timezone.localdate()
    org = OrganizationFactory(
        name=name, is_coalition_partner=True, budget_band=band, budget_band_reported_on=today
    )
    OrganizationSelfReport.objects.create(
        organization=org, led_by_underrepresented=led, leadership_reported_on=today
    )
    return org


@pytest.fixture
def survey():
    TopicFactory(name="Ethics", slug="ethics")
    TopicFactory(name="Supervision", slug="supervision")
    survey = Survey.objects.create(title="What should we offer next?", anonymous=True)
    SurveyQuestion.objects.create(
        survey=survey,
        text="How often should we meet?",
        kind="single",
        choices="Monthly\nQuarterly",
        required=True,
        sort_order=0,
    )
    SurveyQuestion.objects.create(
        survey=survey, text="Topics to train on next", kind="topics", sort_order=1
    )
    SurveyQuestion.objects.create(survey=survey, text="How useful?", kind="scale", sort_order=2)
    SurveyQuestion.objects.create(survey=survey, text="Anything else?", kind="text", sort_order=3)
    return survey


@pytest.fixture
def contacts():
    people = [
        contact_of(partner("Alpha"), "a@alpha.org"),
        contact_of(partner("Beta", led="no"), "b@beta.org"),
        contact_of(partner("Gamma"), "c@gamma.org"),
    ]
    not_partner = OrganizationFactory(name="Delta", is_coalition_partner=False)
    contact_of(not_partner, "d@delta.org")  # a contact, but not of a partner
    ProfileFactory(user__email="someone@else.org")  # not a contact
    return people


def answers_for(survey, *, single="Monthly", topics=("ethics",), scale="4", text=""):
    q = {question.kind: question.pk for question in survey.questions.all()}
    return {q["single"]: single, q["topics"]: list(topics), q["scale"]: scale, q["text"]: text}


def test_three_partner_contacts_two_answer_and_the_one_response_rule_holds(
    survey, contacts, django_capture_on_commit_callbacks
):
    staff = StaffFactory(groups=["Program staff"])
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_open(survey=survey, by=staff) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["a@alpha.org", "b@beta.org", "c@gamma.org"]
    assert "This survey is anonymous" in mail.outbox[0].body
    invitations = {i.person.email: i for i in SurveyInvitation.objects.select_related("person")}
    survey_respond(invitation=invitations["a@alpha.org"], answers=answers_for(survey))
    survey_respond(
        invitation=invitations["b@beta.org"],
        answers=answers_for(
            survey, single="Quarterly", topics=("ethics", "supervision"), scale="2"
        ),
    )
    with pytest.raises(DomainError) as caught:
        survey_respond(invitation=invitations["a@alpha.org"], answers=answers_for(survey))
    assert caught.value.message == ALREADY_ANSWERED
    assert SurveyResponse.objects.count() == 2
    assert not SurveyResponse.objects.filter(person__isnull=False).exists()  # anonymous
    assert set(SurveyResponse.objects.values_list("led_by_underrepresented", flat=True)) == {
        "yes",
        "no",
    }

    results = survey_results(survey=survey)
    assert (results.invited, results.answered) == (3, 2)
    single, topics, scale, _text = results.questions
    assert [(label, count) for label, count, _ in single.rows] == [("Monthly", 1), ("Quarterly", 1)]
    assert [(label, count) for label, count, _ in topics.rows] == [
        ("Ethics", 2),
        ("Supervision", 1),
    ]
    assert str(scale.average) == "3.00"
    # Breakdowns by organization group: every count is under 10, so hidden.
    led = single.breakdowns[0]
    assert all(value is None for _, cells in led.rows for value in cells if value != 0)

    # Reminders go, once, to the one who has not answered.
    mail.outbox.clear()
    assert survey_reminders_send(survey=survey, by=staff) == 1
    assert [m.to for m in mail.outbox] == [["c@gamma.org"]]
    assert mail.outbox[0].subject.startswith("Reminder: ")
    assert survey_reminders_send(survey=survey, by=staff) == 0

    survey_close(survey=survey, by=staff)
    with pytest.raises(DomainError, match="closed"):
        survey_respond(invitation=invitations["c@gamma.org"], answers=answers_for(survey))


def test_the_database_refuses_a_second_invitation_or_named_response(survey, contacts):
    survey.anonymous = False
    survey.save()
    survey_open(survey=survey, by=None)
    invitation = SurveyInvitation.objects.first()
    response = survey_respond(invitation=invitation, answers=answers_for(survey))
    assert response.person == invitation.person  # named
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyInvitation.objects.create(survey=survey, person=invitation.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(
            survey=survey, person=invitation.person, submitted_on=dt.date.today()
        )


def test_answers_are_checked_against_their_questions(survey, contacts):
    survey_open(survey=survey, by=None)
    invitation = SurveyInvitation.objects.first()
    with pytest.raises(DomainError) as caught:
        survey_respond(
            invitation=invitation, answers=answers_for(survey, single="", topics=("billing",))
        )
    assert "“How often should we meet?” needs an answer." in caught.value.reasons
    assert "“Topics to train on next”: choose from the choices given." in caught.value.reasons
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_audiences(survey, contacts):
    survey.audience = Survey.Audience.PARTICIPANTS
    survey.period_start = survey.period_end = None
    survey.save()
    with pytest.raises(DomainError, match="period"):
        survey_open(survey=survey, by=None)
    session = SessionFactory(meeting__days_ahead=-3)
    attended = RegistrationFactory(session=session)
    meeting = session.meetings.get()
    from lms.models import AttendanceRecord

    AttendanceRecord.objects.create(
        registration=attended, meeting=meeting, arrived_at=meeting.starts_at, source="roster"
    )
    RegistrationFactory(session=session)  # registered, never came
    today = timezone.localdate()
    survey.period_start, survey.period_end = today - dt.timedelta(days=7), today
    survey.save()
    assert survey_open(survey=survey, by=None) == 1
    assert SurveyInvitation.objects.get().person == attended.person


def test_the_answer_page_says_anonymous_and_answers_once(client, survey, contacts):
    survey_open(survey=survey, by=None)
    invitation = SurveyInvitation.objects.get(person__email="a@alpha.org")
    url = reverse("lms:survey_answer", args=[invitation.token])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(contacts[1])
    assert client.get(url).status_code == 404  # someone else's invitation
    client.force_login(contacts[0])
    page = client.get(url).content.decode()
    assert "Anonymous survey." in page and "Each person answers once." in page
    q = {question.kind: question.pk for question in survey.questions.all()}
    response = client.post(
        url,
        {f"q{q['single']}": "Monthly", f"q{q['topics']}": ["supervision"], f"q{q['scale']}": "5"},
    )
    assert response.status_code == 302
    again = client.get(url).content.decode()
    assert ALREADY_ANSWERED in again
    assert SurveyResponse.objects.count() == 1


def test_staff_open_remind_and_read_results_in_the_admin(
    client, survey, contacts, django_capture_on_commit_callbacks
):
    client.force_login(StaffFactory(groups=["Program staff"]))
    open_url = reverse("surveys:open", args=[survey.pk])
    assert (
        "Audience: Contacts of coalition partner organizations: 3 people."
        in client.get(open_url).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(open_url)
    assert len(mail.outbox) == 3
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    survey_respond(
        invitation=SurveyInvitation.objects.first(), answers=answers_for(survey, text="Evenings")
    )
    results = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "1 of 3 invited people answered." in results
    assert "Evenings" in results and "Suppressed" in results
    client.post(reverse("surveys:remind", args=[survey.pk]))
    assert SurveyInvitation.objects.filter(reminded_at__isnull=False).count() == 2
    listing = client.get(reverse("surveys:index")).content.decode()
    assert "What should we offer next?" in listing


def test_finance_cannot_see_surveys(client, survey):
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get(reverse("surveys:results", args=[survey.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_what_partners_ask_for_beside_what_is_offered(survey, contacts):
    survey_open(survey=survey, by=None)
    for invitation in SurveyInvitation.objects.all():
        survey_respond(invitation=invitation, answers=answers_for(survey, topics=("ethics",)))
    ethics_training = TrainingFactory()
    ethics_training.topics.add(Topic.objects.get(slug="ethics"))
    session = SessionFactory(training=ethics_training, capacity=2, meeting__days_ahead=10)
    RegistrationFactory(session=session)
    RegistrationFactory(session=session)
    supervision = TrainingFactory()
    supervision.topics.add(Topic.objects.get(slug="supervision"))
    SessionFactory(training=supervision, capacity=10, meeting__days_ahead=12)
    report = partner_requests_report(ReportFilters())
    (table,) = report.tables
    assert table.rows[0][:6] == ["Ethics", 3, 1, 2, 2, pytest.approx(100)]
    assert table.rows[0][6] == "Yes"  # asked for and full
    assert table.rows[1][:6] == ["Supervision", 0, 1, 0, 10, 0]
