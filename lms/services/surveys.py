"""Partner surveys: open (invite the audience), answer once, remind, close.

Lock order: the survey, then an invitation. The one-response rule is the invitation's unique
row per person and its `answered_at`, checked under its lock, with the database's
constraints behind it; on an anonymous survey the response does not name the person.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    BudgetBand,
    OrganizationContact,
    Profile,
    Registration,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    Topic,
    User,
)
from lms.rules.participation import self_report_current
from lms.rules.surveys import answer_clean
from lms.services import emails
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit

ALREADY_ANSWERED = "You have already answered this survey: each person answers once. Thank you!"


class SurveyError(DomainError):
    pass


def survey_recipients(*, survey: Survey):
    """The people the survey's audience names (active accounts with an email)."""
    people = User.objects.filter(is_active=True).exclude(email="")
    if survey.audience == Survey.Audience.PARTNER_CONTACTS:
        contacts = OrganizationContact.objects.filter(organization__is_coalition_partner=True)
        return people.filter(pk__in=contacts.values("person_id"))
    if survey.audience == Survey.Audience.PARTICIPANTS:
        if not (survey.period_start and survey.period_end):
            raise SurveyError(gettext("Give the period whose participants are asked."))
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(survey.period_start, dt.time.min, tzinfo=zone)
        end = dt.datetime.combine(
            survey.period_end + dt.timedelta(days=1), dt.time.min, tzinfo=zone
        )
        attended = AttendanceRecord.objects.filter(
            arrived_at__isnull=False,
            registration__status=Registration.Status.CONFIRMED,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
        )
        return people.filter(pk__in=attended.values("registration__person_id"))
    return people.filter(is_staff=False)


def survey_open(*, survey: Survey, by, now: dt.datetime | None = None) -> int:
    """Open a draft survey and invite its audience; returns how many were invited. The
    invitations are emailed in the background (survey_invitations_send)."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status == Survey.Status.OPEN:
            return survey.invitations.count()
        if not survey.questions.exists():
            raise SurveyError(gettext("Add at least one question first."))
        recipients = list(survey_recipients(survey=survey).values_list("pk", flat=True))
        if not recipients:
            raise SurveyError(gettext("Nobody is in this survey's audience yet."))
        survey.transition_to(Survey.Status.OPEN)
        survey.opened_at = now
        survey.save(update_fields=["status", "opened_at"])
        SurveyInvitation.objects.bulk_create(
            [SurveyInvitation(survey=survey, person_id=pk) for pk in recipients],
            ignore_conflicts=True,
        )
        audit_log(
            instance=survey,
            action="lms.survey.open",
            user=by,
            data={"audience": survey.audience, "invited": len(recipients)},
        )
        enqueue_on_commit("lms.tasks.surveys.survey_invitations_send", survey.pk)
    return len(recipients)


def survey_invitations_send(*, survey_id: int, send=None, now: dt.datetime | None = None) -> int:
    """Email every invitation not sent yet (each marked as it goes: safe to run twice)."""
    now = now or timezone.now()
    send = send or emails.email_survey_invitation
    sent = 0
    pending = SurveyInvitation.objects.filter(survey_id=survey_id, sent_at__isnull=True)
    for invitation_id in pending.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update()
                .select_related("survey", "person")
                .get(pk=invitation_id)
            )
            if invitation.sent_at is not None:
                continue
            send(invitation=invitation, reminder=False)
            invitation.sent_at = now
            invitation.save(update_fields=["sent_at"])
            sent += 1
    return sent


def survey_reminders_send(*, survey: Survey, by, send=None, now: dt.datetime | None = None) -> int:
    """Remind, once, everyone invited who has not answered; returns how many."""
    now = now or timezone.now()
    send = send or emails.email_survey_invitation
    survey = Survey.objects.get(pk=survey.pk)  # its status now, not as the caller read it
    if survey.status != Survey.Status.OPEN:
        raise SurveyError(gettext("Only an open survey sends reminders."))
    reminded = 0
    waiting = survey.invitations.filter(
        answered_at__isnull=True, reminded_at__isnull=True, sent_at__isnull=False
    )
    for invitation_id in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update()
                .select_related("survey", "person")
                .get(pk=invitation_id)
            )
            if invitation.answered_at or invitation.reminded_at:
                continue
            send(invitation=invitation, reminder=True)
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
            reminded += 1
    audit_log(instance=survey, action="lms.survey.remind", user=by, data={"reminded": reminded})
    return reminded


def survey_close(*, survey: Survey, by, now: dt.datetime | None = None) -> Survey:
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.status == Survey.Status.CLOSED:
            return survey
        survey.transition_to(Survey.Status.CLOSED)
        survey.closed_at = now
        survey.save(update_fields=["status", "closed_at"])
        audit_log(instance=survey, action="lms.survey.close", user=by)
    return survey


def _groups_of(person, *, today: dt.date) -> tuple[str, str]:
    """("yes"/"no"/"", "yes"/"no"/"") for led by underrepresented communities and budget
    under $5M, from the person's organization's current self-report ("" = not reported)."""
    profile = (
        Profile.objects.filter(user=person).select_related("organization__self_report").first()
    )
    organization = profile.organization if profile else None
    if organization is None:
        return "", ""
    report = getattr(organization, "self_report", None)
    led = ""
    if report and self_report_current(report.leadership_reported_on, today=today):
        led = {"yes": "yes", "no": "no"}.get(report.led_by_underrepresented, "")
    budget = ""
    if organization.budget_band and self_report_current(
        organization.budget_band_reported_on, today=today
    ):
        small = organization.budget_band in (BudgetBand.UNDER_500K, BudgetBand.FROM_500K_TO_5M)
        budget = "yes" if small else "no"
    return led, budget


def survey_respond(
    *, invitation: SurveyInvitation, answers: dict, now: dt.datetime | None = None
) -> SurveyResponse:
    """Record one person's answers (`answers`: question id → raw value). Refused when the
    survey is not open, the person has answered already, or an answer does not fit."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    survey = invitation.survey
    questions = list(survey.questions.all())
    topic_slugs = list(Topic.objects.values_list("slug", flat=True))
    problems, cleaned = [], {}
    for question in questions:
        try:
            cleaned[question.pk] = answer_clean(
                kind=question.kind,
                raw=answers.get(question.pk),
                allowed=topic_slugs
                if question.kind == question.Kind.TOPICS
                else question.choice_list,
                required=question.required,
                question=question.text,
            )
        except DomainError as error:
            problems.append(error.message)
    if problems:
        raise SurveyError(reasons=problems)
    try:
        with transaction.atomic():
            survey = Survey.objects.select_for_update().get(pk=survey.pk)
            if survey.status != Survey.Status.OPEN:
                raise SurveyError(gettext("This survey is closed. Thank you for your interest."))
            locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.answered_at is not None:
                raise SurveyError(ALREADY_ANSWERED)
            led, budget = _groups_of(locked.person, today=today)
            response = SurveyResponse.objects.create(
                survey=survey,
                person=None if survey.anonymous else locked.person,
                led_by_underrepresented=led,
                budget_under_5m=budget,
                # Anonymous: the survey's opening day, so the day cannot be matched to the day
                # an invitation was answered.
                submitted_on=timezone.localdate(survey.opened_at) if survey.anonymous else today,
            )
            SurveyAnswer.objects.bulk_create(
                [
                    SurveyAnswer(
                        response=response,
                        question_id=question_id,
                        choices=list(answer.choices),
                        number=answer.number,
                        text=answer.text,
                    )
                    for question_id, answer in cleaned.items()
                    if not answer.empty
                ]
            )
            locked.answered_at = now
            locked.save(update_fields=["answered_at"])
            # The audit names the invitation, not the response: who answered an anonymous
            # survey is known (the one-response rule needs it), never what they answered.
            audit_log(
                instance=survey, action="lms.survey.answer", data={"anonymous": survey.anonymous}
            )
    except IntegrityError as exc:
        raise SurveyError(ALREADY_ANSWERED) from exc
    return response


def open_invitation_for(*, token: str, person) -> SurveyInvitation | None:
    return (
        SurveyInvitation.objects.select_related("survey")
        .filter(Q(token=token) & Q(person=person))
        .first()
    )
