"""Demo certificates: CE approvals for the demo trainings, and the finished demo session's
participants get their certificates, as the bulk issue would give them, so `make demo` shows
/my/certificates/, the transcript and every status of the verification page. Safe to run
again."""

import datetime as dt

from django.utils import timezone

from certificates.models import AccreditingBody, Certificate, TrainingApproval
from certificates.reference_data import seed_reference_data
from certificates.services import (
    CertificateError,
    certificate_reissue,
    registration_certificates_issue,
)
from lms.demo import (
    CADC,
    MFT,
    PC,
    SW,
    demo_evaluation_answers,
    demo_training_credentials,
    demo_trainings,
)
from lms.models import AttendanceRecord, AttendanceSource, Profile, Registration, Session, User
from lms.services.evaluations import evaluation_submit

# The body that approves a demo training for each CE credential it is offered for.
BODY_FOR_CREDENTIAL = {
    SW: "il-social-work",
    PC: "il-professional-counselors",
    MFT: "il-marriage-family-therapists",
    CADC: "il-addiction-counselors",
}

# attendee email: (license type, license number); no license earns a certificate of attendance.
DEMO_LICENSES = {
    "attendee1@demo.test": (Profile.LicenseType.LCSW, "149.087321"),
    "attendee2@demo.test": (Profile.LicenseType.LPC, "178.004512"),
    "attendee3@demo.test": (Profile.LicenseType.LSW, "150.221908"),
    "attendee4@demo.test": (Profile.LicenseType.NONE, ""),
    "attendee5@demo.test": (Profile.LicenseType.CADC, "CADC-77120"),
}


def seed_approvals() -> None:
    """The accrediting bodies, and each demo training's approvals: one per body its CE
    credentials name, plus a certificate of attendance."""
    seed_reference_data()
    bodies = {body.slug: body for body in AccreditingBody.objects.all()}
    for index, training in enumerate(demo_trainings()):
        approving = [
            BODY_FOR_CREDENTIAL[code]
            for code in demo_training_credentials(training)
            if code in BODY_FOR_CREDENTIAL
        ]
        for slug in [*approving, "certificate-of-attendance"]:
            approval, created = TrainingApproval.objects.get_or_create(
                training=training,
                body=bodies[slug],
                defaults={
                    "approval_number": f"{slug.upper()[:6]}-2026-{index + 101}",
                    "sponsor_number": "159.001234" if slug == "il-social-work" else "197.000456",
                    "valid_from": dt.date(2026, 1, 1),
                    "valid_until": dt.date(2027, 12, 31),
                    "hours_general": training.ce_hours,
                },
            )
            if created:
                approval.credentials.set(bodies[slug].credentials.all())


def _finished_session(now) -> Session | None:
    return (
        Session.objects.filter(
            meetings__ends_at__lt=now, registrations__person__email="attendee1@demo.test"
        )
        .distinct()
        .order_by("-starts_at")
        .first()
    )


def _attend_and_evaluate(*, session: Session, person: User) -> None:
    """Pat, the demo participant, took the finished session too: attendance and evaluation."""
    registration, created = Registration.objects.get_or_create(
        session=session, person=person, defaults={"status": Registration.Status.CONFIRMED}
    )
    if not created:
        return
    for meeting in session.meetings.all():
        minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
        AttendanceRecord.objects.create(
            registration=registration,
            meeting=meeting,
            arrived_at=meeting.starts_at,
            minutes_present=minutes,
            source=AttendanceSource.QR_CHECK_IN,
        )
    evaluation = session.training.evaluation
    evaluation_submit(
        registration=registration,
        answers=demo_evaluation_answers(
            evaluation, rating=5, comment="The reframing practice was the most useful part."
        ),
        now=session.meetings.last().ends_at + dt.timedelta(hours=2),
    )


def seed_certificates(*, now=None) -> Certificate | None:
    """Issue the finished session's certificates (PDFs rendered, emails to the console) and
    reissue one after a name correction, so a superseded code can be tried. Returns the demo
    participant's certificate."""
    now = now or timezone.now()
    session = _finished_session(now)
    if session is None:
        return None
    staff = User.objects.filter(email="staff@demo.test").first()
    for email, (license_type, number) in DEMO_LICENSES.items():
        person = User.objects.filter(email=email).first()
        if person:
            Profile.objects.get_or_create(
                user=person,
                defaults={
                    "printed_name": person.get_full_name(),
                    "license_type": license_type,
                    "license_number": number,
                },
            )
    pat = User.objects.filter(email="participant@demo.test").first()
    if pat:
        _attend_and_evaluate(session=session, person=pat)

    registrations = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).exclude(certificates__status=Certificate.Status.VALID)
    for registration in registrations.select_related("person__profile"):
        try:
            registration_certificates_issue(registration=registration, by=staff)
        except CertificateError:
            continue  # the staff admin shows why; a demo row without credit stays visible

    # A name correction: attendee2's first certificate is superseded by a reissued one.
    corrected = Certificate.objects.filter(
        registration__session=session,
        registration__person__email="attendee2@demo.test",
        status=Certificate.Status.VALID,
    ).first()
    if (
        corrected
        and not Certificate.objects.filter(
            registration=corrected.registration, status=Certificate.Status.SUPERSEDED
        ).exists()
    ):
        Profile.objects.filter(user=corrected.registration.person).update(
            printed_name="Dev Demo-Patel"
        )
        certificate_reissue(certificate=corrected, by=staff)
    return Certificate.objects.filter(
        registration__session=session,
        registration__person=pat,
        status=Certificate.Status.VALID,
    ).first()
