"""The demo's delivered training: evaluations, a finished session (attended, checked in,
evaluated), a session under way to try check-in, and a technical-assistance request."""

import datetime as dt

from django.utils import timezone

from lms.demo.catalogue import demo_trainings
from lms.demo.people import CHICAGO, ORGANIZATIONS, seed_attendees
from lms.demo.registrations import agency_registers_group
from lms.models import (
    Facilitator,
    Meeting,
    Organization,
    Session,
    SessionFacilitator,
    User,
)

OBJECTIVES = {
    0: [
        "Explain why human services are public infrastructure, not charity",
        "Reframe a program story using the coalition's tested frames",
    ],
    1: [
        "Describe root causes of inequity in health and human services",
        "Apply a racial-equity framework to one internal policy",
    ],
    2: ["Recognize how overlapping identities shape access to services"],
    3: ["File a witness slip", "Explain how the state budget reaches human services"],
}
DEMO_COMMENTS = [
    "The framing exercises were immediately useful for our grant narrative.",
    "More time for small-group practice, please.",
    "Clear, practical and well paced.",
    "I will use the values-first opener at our next board meeting.",
    "The examples from rural agencies were especially helpful.",
]


def demo_evaluation_answers(
    evaluation, *, rating: int = 4, comment: str = "Useful examples.", wants_ta: bool = False
) -> dict:
    """Answers to every question of an evaluation: the rating, the technical-assistance
    yes/no (a yes emails staff), and the comment for free-text questions."""
    from lms.models import EvaluationQuestion

    answers = {}
    for question in evaluation.questions.all():
        if question.kind == EvaluationQuestion.Kind.RATING:
            answers[question.pk] = rating
        elif question.kind == EvaluationQuestion.Kind.YES_NO:
            answers[question.pk] = wants_ta
        else:
            answers[question.pk] = comment
    return answers


def seed_attendance(*, now=None):
    """Evaluations for the demo trainings, a finished session with attendance and six
    evaluations (so the facilitator sees results, and Pat, the demo participant, her
    certificate), a session under way today for trying check-in, and one TA request. (The
    trainings' CE approvals and the certificates are certificates' part: certificates.demo.)
    Everyone gets there the way the product takes them: Southside registers its staff as a
    group, the facilitator checks them in, they answer the evaluation. Safe to run again."""
    from lms.models import AttendanceSource, Evaluation, TechnicalAssistanceRequest
    from lms.services.attendance import (
        attendance_check_in,
        attendance_check_out,
        attendance_confirm_whole_meeting,
    )
    from lms.services.evaluations import evaluation_standard_create, evaluation_submit
    from lms.services.invoices import invoice_payment_record
    from lms.services.technical_assistance import ta_request_create

    now = now or timezone.now()
    trainings = demo_trainings()
    for index, training in enumerate(trainings):
        if not Evaluation.objects.filter(training=training).exists():
            evaluation_standard_create(
                training=training, objectives=OBJECTIVES.get(index, []), required=True
            )

    amara = Facilitator.objects.filter(user__email="facilitator@demo.test").first()
    first = trainings[0]
    attendees = seed_attendees()
    pat = User.objects.filter(email="participant@demo.test").first()
    # A session that finished two days ago, with attendance and six evaluations.
    if amara and pat and not Session.objects.filter(training=first, starts_at__lt=now).exists():
        start = timezone.localtime(now - dt.timedelta(days=2), CHICAGO).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        past = Session.objects.create(
            training=first,
            format=first.format,
            online_link="https://zoom.example/j/555",
            capacity=30,
        )
        meeting = Meeting.objects.create(
            session=past, starts_at=start, ends_at=start + dt.timedelta(minutes=195)
        )
        SessionFacilitator.objects.get_or_create(session=past, facilitator=amara)
        invoice = agency_registers_group(
            session=past,
            organization_name=ORGANIZATIONS[0][0],
            people=[*attendees, pat],
            now=start - dt.timedelta(days=14),
        )
        invoice_payment_record(
            invoice=invoice,
            method="check",
            reference="4471",
            paid_on=timezone.localdate(start - dt.timedelta(days=7)),
            by=User.objects.get(email="staff@demo.test"),
        )
        registrations = {r.person_id: r for r in past.registrations.all()}
        evaluation = first.evaluation
        for n, (person, comment) in enumerate(zip(attendees, DEMO_COMMENTS, strict=True)):
            # They join a few minutes apart; the facilitator checks them in from the roster,
            # and they check out with the room code on the screen as they leave.
            attendance_check_in(
                registration=registrations[person.pk],
                meeting=meeting,
                by=amara.user,
                now=start + dt.timedelta(minutes=n * 3),
            )
            attendance_check_out(
                registration=registrations[person.pk],
                meeting=meeting,
                by=person,
                source=AttendanceSource.ROOM_CODE,
                now=meeting.ends_at + dt.timedelta(minutes=n),
            )
            evaluation_submit(
                registration=registrations[person.pk],
                answers=demo_evaluation_answers(evaluation, rating=5 - (n % 2), comment=comment),
                now=start + dt.timedelta(hours=4),
            )
        # Pat scans her QR code on arrival and answers the evaluation that afternoon.
        attendance_check_in(
            registration=registrations[pat.pk],
            meeting=meeting,
            by=amara.user,
            source=AttendanceSource.QR_CHECK_IN,
            now=start,
        )
        # She left without checking out; Amara confirms she stayed for the whole meeting.
        attendance_confirm_whole_meeting(
            meeting=meeting,
            registrations=[registrations[pat.pk]],
            by=amara.user,
            now=meeting.ends_at + dt.timedelta(minutes=10),
        )
        evaluation_submit(
            registration=registrations[pat.pk],
            answers=demo_evaluation_answers(
                evaluation, rating=5, comment="The reframing practice was the most useful part."
            ),
            now=meeting.ends_at + dt.timedelta(hours=2),
        )
    # A session under way now (Amara co-facilitates) for trying check-in. "Under way" rather
    # than "today": it starts an hour ago, which is yesterday just after midnight.
    today = timezone.localtime(now, CHICAGO)
    under_way = Session.objects.filter(
        training=trainings[1], meetings__starts_at__lte=now, meetings__ends_at__gt=now
    )
    if amara and not under_way.exists():
        start = today.replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
        live = Session.objects.create(
            training=trainings[1],
            format="in_person",
            venue_name="Coalition Training Room",
            venue_address="200 W Adams St, Chicago, IL 60606",
            city="Chicago",
            capacity=30,
        )
        Meeting.objects.create(session=live, starts_at=start, ends_at=start + dt.timedelta(hours=6))
        SessionFacilitator.objects.get_or_create(
            session=live, facilitator=amara, defaults={"role": SessionFacilitator.Role.CO}
        )
        # The attendees of the finished session come back, registered by Southside a week
        # ago: people to check in from the roster.
        agency_registers_group(
            session=live,
            organization_name=ORGANIZATIONS[0][0],
            people=attendees,
            now=start - dt.timedelta(days=7),
        )
    if not TechnicalAssistanceRequest.objects.filter(
        requester_email="director@southside.example"
    ).exists():
        ta_request_create(
            topic="Bringing the reframing toolkit to our board retreat",
            requester_name="Renee Carter",
            requester_email="director@southside.example",
            organization=Organization.objects.get(name=ORGANIZATIONS[0][0]),
            urgency=TechnicalAssistanceRequest.Urgency.SOON,
            preferred_contact=TechnicalAssistanceRequest.Contact.VIDEO,
            training=first,
        )
