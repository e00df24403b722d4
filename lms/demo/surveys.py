"""Demo partner survey: "What should we train on next?", anonymous, sent to the contacts of
partner organizations (the LAC partners are their organizations' contacts), two of them
answered, one reminded. Through the services the admin and the answer page call. Idempotent."""

from lms.demo.gatherings import LAC_PARTNERS
from lms.models import Organization, Survey, SurveyQuestion, Topic, User

TITLE = "What should the coalition train on next?"
QUESTIONS = [
    (
        "single",
        "How often would your staff join a training?",
        "Monthly\nQuarterly\nTwice a year",
        True,
    ),
    ("topics", "Which topics should we train on next?", "", True),
    ("multiple", "Which formats work for your staff?", "Virtual\nIn person\nHybrid", False),
    ("scale", "How well does our current offer fit your staff's needs?", "", False),
    ("text", "Anything else we should know?", "", False),
]
ANSWERS = [
    (
        "rjackson@demo.test",
        "Quarterly",
        ["racial-equity", "workforce-well-being"],
        ["Virtual"],
        "4",
        "Evening sessions, please.",
    ),
    (
        "ohaddad@demo.test",
        "Monthly",
        ["racial-equity", "ethics"],
        ["Virtual", "In person"],
        "3",
        "",
    ),
]


def seed_surveys_demo():
    from lms.services.organizations import contact_add
    from lms.services.surveys import (
        survey_invitations_send,
        survey_open,
        survey_reminders_send,
        survey_respond,
    )

    staff = User.objects.filter(email="staff@demo.test").first()
    for _first, _last, email, organization_name in LAC_PARTNERS:
        person = User.objects.filter(email=email).first()
        if person is not None:
            contact_add(
                organization=Organization.objects.get(name=organization_name),
                person=person,
                role="Program director",
                by=staff,
            )
    survey = Survey.objects.filter(title=TITLE).first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(
        title=TITLE,
        introduction="Your answers shape next year's trainings and their times.",
        anonymous=True,
    )
    for order, (kind, text, choices, required) in enumerate(QUESTIONS):
        SurveyQuestion.objects.create(
            survey=survey,
            kind=kind,
            text=text,
            choices=choices,
            required=required,
            sort_order=order,
        )
    survey_open(survey=survey, by=staff)
    survey_invitations_send(survey_id=survey.pk)
    questions = {q.kind: q.pk for q in survey.questions.all()}
    topics = set(Topic.objects.values_list("slug", flat=True))
    for email, single, chosen, formats, scale, text in ANSWERS:
        invitation = survey.invitations.filter(person__email=email).first()
        if invitation is None:
            continue
        survey_respond(
            invitation=invitation,
            answers={
                questions["single"]: single,
                questions["topics"]: [slug for slug in chosen if slug in topics],
                questions["multiple"]: formats,
                questions["scale"]: scale,
                questions["text"]: text,
            },
        )
    survey_reminders_send(survey=survey, by=staff)
    return survey
