"""Two participants of one finished, certified session, each with a row of every kind lms
and certificates hold about a person, every free text marked with the person's own tag, so
a test can say "none of B's data is in A's export" by looking for B's markers."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from certificates.models import Certificate
from lms.models import (
    EvaluationQuestion,
    Refund,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    StripeCustomer,
    User,
    VirtualAttendanceReport,
    VirtualAttendanceRow,
    WaitlistEntry,
)
from lms.services.demographics import demographics_save
from lms.services.privacy import demographic_access_record
from lms.services.technical_assistance import ta_request_create
from tests.certificates.helpers import certified_session
from tests.factories import (
    CertificateFactory,
    EvaluationAnswerFactory,
    EvaluationFactory,
    EvaluationQuestionFactory,
    EvaluationResponseFactory,
    PaymentFactory,
    ScholarshipFundFactory,
    SessionFactory,
)


@dataclass
class PersonRecords:
    person: User
    registration: Registration
    certificate: Certificate
    markers: dict[str, str]  # what -> a string only this person's data contains

    @property
    def email(self) -> str:
        return self.markers["email"]


def _fill(registration, approval, *, tag: str, evaluation, comment_question) -> PersonRecords:
    person = registration.person
    markers = {
        "email": f"{tag}@example.org",
        "first_name": f"First{tag}",
        "last_name": f"Last{tag}",
        "printed_name": f"Printed {tag} Name",
        "license": f"LIC-{tag}-990",
        "phone": f"555-{tag}",
        "accessibility": f"Captions for {tag}",
        "need": f"Need statement of {tag}",
        "ta_details": f"TA details of {tag}",
        "anonymous_ta": f"Asked without signing in, {tag}",
        "comment": f"Comment by {tag}",
        "cancellation": f"Cancelled because of {tag}",
        "staff_note": f"Staff note about {tag}",
        "zoom_name": f"Zoom name {tag}",
    }
    person.emailaddress_set.update(email=markers["email"])
    person.email = markers["email"]
    person.first_name, person.last_name = markers["first_name"], markers["last_name"]
    person.save()
    profile = person.profile
    profile.printed_name = markers["printed_name"]
    profile.license_number = markers["license"]
    profile.phone = markers["phone"]
    profile.accessibility_needs = markers["accessibility"]
    profile.save()
    Registration.objects.filter(pk=registration.pk).update(staff_notes=markers["staff_note"])
    certificate = CertificateFactory(registration=registration, approval=approval)
    markers["certificate_code"] = certificate.code

    payment = PaymentFactory(registration=registration, amount_cents=5000, card_last4="4242")
    Refund.objects.create(payment=payment, amount_cents=1000, reason=Refund.Reason.STAFF)
    StripeCustomer.objects.create(person=person, customer_id=f"cus_{tag}")

    fund = ScholarshipFundFactory(credit_cents=100_000)
    application = ScholarshipApplication.objects.create(
        fund=fund,
        person=person,
        session=registration.session,
        registration=registration,
        need_statement=markers["need"],
        coverage=ScholarshipApplication.Coverage.AMOUNT,
        amount_requested_cents=2000,
        decision_due_at=timezone.now(),
        status=ScholarshipApplication.Status.AWARDED,
    )
    ScholarshipAward.objects.create(
        application=application,
        fund=fund,
        registration=registration,
        person=person,
        amount_cents=2000,
        status=ScholarshipAward.Status.USED,
    )

    response = EvaluationResponseFactory(evaluation=evaluation, registration=registration)
    EvaluationAnswerFactory(
        response=response, question=comment_question, rating=None, text=markers["comment"]
    )
    ta_request_create(
        topic="Putting it into practice",
        requester_name=person.get_full_name(),
        requester_email=person.email,
        details=markers["ta_details"],
        requester=person,
        phone=markers["phone"],
    )
    ta_request_create(
        topic="A question by email",
        requester_name=person.get_full_name(),
        requester_email=person.email.upper(),
        details=markers["anonymous_ta"],
    )
    demographics_save(
        person=person,
        race_ethnicity=["race_black", "race_hispanic"],
        difficulties={"wg_seeing": "some", "wg_hearing": "none"},
    )
    meeting = registration.session.meetings.get()
    report, _ = VirtualAttendanceReport.objects.get_or_create(
        meeting=meeting, defaults={"platform": "zoom", "file_name": "participants.csv"}
    )
    VirtualAttendanceRow.objects.create(
        report=report,
        line_number=registration.pk,
        name=markers["zoom_name"],
        email=person.email,
        joined_at=meeting.starts_at,
        left_at=meeting.ends_at,
        registration=registration,
        match=VirtualAttendanceRow.Match.EMAIL,
    )
    cancelled = Registration.objects.create(
        session=SessionFactory(training__title=f"Cancelled training {tag}"),
        person=person,
        status=Registration.Status.CANCELLED,
        cancellation_reason=markers["cancellation"],
    )
    WaitlistEntry.objects.create(
        session=cancelled.session, person=person, position=1, status=WaitlistEntry.Status.LEFT
    )
    return PersonRecords(person, registration, certificate, markers)


def two_people_with_records() -> tuple[PersonRecords, PersonRecords]:
    """A and B took the same finished session; a staff member then read both people's
    demographic answers."""
    session, approval, (first, second) = certified_session(participants=2)
    evaluation = EvaluationFactory(training=session.training)
    EvaluationQuestionFactory(evaluation=evaluation, text="How useful was it?")
    comment = EvaluationQuestionFactory(
        evaluation=evaluation, text="What will you change?", kind=EvaluationQuestion.Kind.COMMENT
    )
    a = _fill(first, approval, tag="alpha", evaluation=evaluation, comment_question=comment)
    b = _fill(second, approval, tag="bravo", evaluation=evaluation, comment_question=comment)
    demographic_access_record(
        by=None, person_ids=[a.person.pk, b.person.pk], what="Demographic answers, page 1 of 1"
    )
    return a, b


def old(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)
