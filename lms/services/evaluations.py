"""Evaluations: the standard question set, submitting a response (a "yes" to the TA question
opens a TA request) and inviting participants after the last meeting."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.models import (
    AttendanceRecord,
    Evaluation,
    EvaluationAnswer,
    EvaluationInvitation,
    EvaluationQuestion,
    EvaluationResponse,
    Registration,
    Session,
)
from lms.services.audit import audit_log
from lms.services.queue import enqueue_on_commit
from lms.services.technical_assistance import ta_request_create

Q = EvaluationQuestion
VALUE_QUESTION = "How valuable was this training to your organization?"
TA_QUESTION = "Would you like technical assistance to put this into practice?"


class EvaluationError(DomainError):
    """The evaluation cannot be submitted; the message is for the participant."""


def evaluation_standard_create(
    *, training, objectives: list[str], required: bool = False
) -> Evaluation:
    """The coalition's standard evaluation: one rating per learning objective, overall
    quality, value to the organization, two comments and the TA question."""
    evaluation = Evaluation(training=training, required_for_certificate=required)
    items = [
        (
            f"After this training I can: {objective}",
            Q.Kind.RATING,
            Q.Purpose.OBJECTIVE,
            objective,
            True,
        )
        for objective in objectives
    ]
    items += [
        ("Overall, how would you rate this training?", Q.Kind.RATING, Q.Purpose.GENERAL, "", True),
        ("How would you rate the facilitators?", Q.Kind.RATING, Q.Purpose.GENERAL, "", True),
        (VALUE_QUESTION, Q.Kind.RATING, Q.Purpose.ORGANIZATION_VALUE, "", True),
        ("What will you put into practice?", Q.Kind.COMMENT, Q.Purpose.GENERAL, "", False),
        ("What could we do better?", Q.Kind.COMMENT, Q.Purpose.GENERAL, "", False),
        (TA_QUESTION, Q.Kind.YES_NO, Q.Purpose.TECHNICAL_ASSISTANCE, "", True),
    ]
    evaluation.questions = [
        EvaluationQuestion(
            text=text,
            kind=kind,
            purpose=purpose,
            learning_objective=obj,
            required=req,
            sort_order=i,
        )
        for i, (text, kind, purpose, obj, req) in enumerate(items)
    ]
    evaluation.save()
    return evaluation


def evaluation_check_open(*, registration: Registration, now=None) -> Evaluation:
    """The evaluation this registration may answer now, or EvaluationError saying why not."""
    now = now or timezone.now()
    evaluation = Evaluation.objects.filter(training_id=registration.session.training_id).first()
    if evaluation is None:
        raise EvaluationError(gettext("This training has no evaluation."))
    if registration.status != Registration.Status.CONFIRMED:
        raise EvaluationError(gettext("Only confirmed participants can evaluate a training."))
    last_start = registration.session.meetings.aggregate(last=Max("starts_at"))["last"]
    if last_start is None or last_start > now:
        raise EvaluationError(gettext("The evaluation opens when the last meeting begins."))
    if EvaluationResponse.objects.filter(registration=registration).exists():
        raise EvaluationError(gettext("You have already submitted this evaluation. Thank you!"))
    return evaluation


def evaluation_submit(*, registration: Registration, answers: dict, now=None) -> EvaluationResponse:
    """Save a response. `answers` maps question id to an int 1–5 (rating), a string (comment)
    or a bool (yes/no). All or nothing; a second submission is refused."""
    evaluation = evaluation_check_open(registration=registration, now=now)
    questions = list(evaluation.questions.all())
    problems = []
    rows = []
    wants_ta = False
    for question in questions:
        value = answers.get(question.pk)
        answer = EvaluationAnswer(question=question)
        if question.kind == Q.Kind.RATING:
            if value in (None, ""):
                if question.required:
                    problems.append(f"Please rate: {question.text}")
                continue
            if not isinstance(value, int) or not 1 <= value <= 5:
                problems.append(f"Ratings are 1 to 5: {question.text}")
                continue
            answer.rating = value
        elif question.kind == Q.Kind.YES_NO:
            if value is None:
                if question.required:
                    problems.append(f"Please answer yes or no: {question.text}")
                continue
            answer.yes = bool(value)
            if value and question.purpose == Q.Purpose.TECHNICAL_ASSISTANCE:
                wants_ta = True
        else:
            text = (value or "").strip()
            if not text:
                if question.required:
                    problems.append(f"Please answer: {question.text}")
                continue
            answer.text = text[:5000]
        rows.append(answer)
    if problems:
        raise EvaluationError(" ".join(problems))
    try:
        with transaction.atomic():
            response = EvaluationResponse.objects.create(
                evaluation=evaluation,
                registration=registration,
                wants_technical_assistance=wants_ta,
            )
            for answer in rows:
                answer.response = response
            EvaluationAnswer.objects.bulk_create(rows)
            audit_log(
                instance=registration,
                action="lms.evaluation.submit",
                user=registration.person,
                data={"response": response.pk, "technical_assistance": wants_ta},
            )
            if wants_ta:
                person = registration.person
                profile = getattr(person, "profile", None)
                training = registration.session.training
                ta_request_create(
                    topic=f"Putting “{training.title}” into practice",
                    details="Asked for in the training evaluation.",
                    requester=person,
                    requester_name=(profile.printed_name if profile else "")
                    or person.get_full_name()
                    or person.email,
                    requester_email=person.email,
                    phone=profile.phone if profile else "",
                    organization=profile.organization if profile else None,
                    training=training,
                    evaluation_response=response,
                )
    except IntegrityError as exc:  # two tabs submitting at once: the first one wins
        raise EvaluationError(
            gettext("You have already submitted this evaluation. Thank you!")
        ) from exc
    return response


def evaluation_invitations_send_due(*, now=None) -> int:
    """Invite, once, every confirmed participant who attended a session whose last meeting
    ended at least EVALUATION_INVITE_DELAY_MINUTES ago (and within the last 30 days).
    Safe to run any number of times: the invitation row is the guard."""
    now = now or timezone.now()
    latest = now - dt.timedelta(minutes=settings.EVALUATION_INVITE_DELAY_MINUTES)
    sessions = (
        Session.objects.annotate(last_end=Max("meetings__ends_at"))
        .filter(last_end__lte=latest, last_end__gte=now - dt.timedelta(days=30))
        .filter(training__evaluation__isnull=False)
        .exclude(status=Session.Status.CANCELLED)
    )
    sent = 0
    for session in sessions:
        attended = AttendanceRecord.objects.filter(
            meeting__session=session, arrived_at__isnull=False
        ).values("registration_id")
        due = Registration.objects.filter(
            session=session,
            status=Registration.Status.CONFIRMED,
            pk__in=attended,
            evaluation_invitation__isnull=True,
        ).values_list("pk", flat=True)
        for registration_id in due:
            with transaction.atomic():
                _, created = EvaluationInvitation.objects.get_or_create(
                    registration_id=registration_id
                )
                if created:
                    enqueue_on_commit(
                        "lms.tasks.evaluations.evaluation_invitation_email", registration_id
                    )
                    sent += 1
    return sent
