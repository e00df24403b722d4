"""Demo certificates: CE approvals for the demo trainings, and the finished demo session's
participants (lms.demo.seed_attendance: attended, evaluated) get their certificates, as the
bulk issue would give them, so `make demo` shows /my/certificates/, the transcript and every
status of the verification page. Safe to run again."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from certificates.models import AccreditingBody, Certificate, RosterExport, TrainingApproval
from certificates.reference_data import seed_reference_data
from certificates.services import (
    CertificateError,
    certificate_reissue,
    registration_certificates_issue,
    roster_export_create,
)
from lms.demo import (
    CADC,
    MFT,
    PC,
    SW,
    demo_training_credentials,
    demo_training_hours,
    demo_trainings,
)
from lms.models import Profile, Registration, Session, User

# The body that approves a demo training for each CE credential it is offered for.
BODY_FOR_CREDENTIAL = {
    SW: "il-social-work",
    PC: "il-professional-counselors",
    MFT: "il-marriage-family-therapists",
    CADC: "il-addiction-counselors",
}


def seed_approvals() -> None:
    """The accrediting bodies, and each demo training's approvals: one per body its CE
    credentials name, plus a certificate of attendance. The first training (the finished
    session's) is also approved by ASWB ACE: with the Illinois social work, counselor and
    MFT boards, several boards on one certificate, and a body New York does not accept."""
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
                },
            )
            if created:
                approval.credentials.set(bodies[slug].credentials.all())
                approval.hours_set({"general": demo_training_hours(training)})
        if index == 0:
            ace, created = TrainingApproval.objects.get_or_create(
                training=training,
                body=bodies["aswb-ace"],
                defaults={
                    "approval_number": "ACE-2026-7781",
                    "valid_from": dt.date(2026, 1, 1),
                    "valid_until": dt.date(2027, 12, 31),
                },
            )
            if created:
                ace.credentials.set(bodies["aswb-ace"].credentials.all())
                total = Decimal(demo_training_hours(training))
                ace.hours_set({"general": total - Decimal("0.5"), "ethics": Decimal("0.5")})


def _finished_session(now) -> Session | None:
    return (
        Session.objects.filter(
            meetings__ends_at__lt=now, registrations__person__email="attendee1@demo.test"
        )
        .distinct()
        .order_by("-starts_at")
        .first()
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
    pat = User.objects.filter(email="participant@demo.test").first()
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
    seed_roster_export(session=session, by=staff)
    if pat:
        seed_conference(session=session, pat=pat, by=staff)
    seed_renewal_tracker(pat=pat, by=staff, today=timezone.localdate(now))
    return Certificate.objects.filter(
        registration__session=session,
        registration__person=pat,
        status=Certificate.Status.VALID,
    ).first()


def seed_roster_export(*, session, by) -> None:
    """The demo treats the Illinois social work board as one the coalition reports to itself
    (30 days, Illinois license numbers): the finished session's roster is exported once and
    marked as sent, so *Board rosters* shows a reported session and the export log a file.
    The other boards' rosters stay to be exported."""
    body = AccreditingBody.objects.get(slug="il-social-work")
    if not body.reporting_required:
        body.reporting_required = True
        body.license_number_pattern = r"^\d{3}\.\d{6}$"
        body.save()
    if not RosterExport.objects.filter(session=session, body=body).exists():
        roster_export_create(
            body=body, fmt=RosterExport.Format.XLSX, by=by, session=session, reported=True
        )
    counselors = AccreditingBody.objects.get(slug="il-professional-counselors")
    if not counselors.reporting_required:
        counselors.reporting_required = True
        counselors.save()


def seed_conference(*, session, pat, by) -> None:
    """The finished session becomes the morning of a one-day conference; Pat also attends its
    afternoon session (Intersectionality in Practice, social work and counselor approvals),
    so /my/certificates/ offers her a combined conference certificate."""
    from lms.demo import CHICAGO, demo_evaluation_answers
    from lms.demo.people import ORGANIZATIONS
    from lms.demo.registrations import agency_registers_group
    from lms.models import AttendanceSource, Conference, Meeting
    from lms.services.attendance import attendance_check_in, attendance_check_out
    from lms.services.evaluations import evaluation_submit

    morning = timezone.localtime(session.starts_at, CHICAGO)
    conference, _created = Conference.objects.get_or_create(
        slug="coalition-fall-conference",
        defaults={
            "title": "Coalition Fall Conference",
            "starts_on": morning.date(),
            "ends_on": morning.date(),
            "location": "Online",
        },
    )
    if session.conference_id != conference.pk:
        session.conference = conference
        session.save(update_fields=["conference"])
    if Session.objects.filter(conference=conference).exclude(pk=session.pk).exists():
        return
    training = demo_trainings()[2]
    start = morning.replace(hour=14, minute=0)
    afternoon = Session.objects.create(
        training=training,
        conference=conference,
        format=training.format,
        online_link="https://zoom.example/j/556",
        capacity=30,
    )
    meeting = Meeting.objects.create(
        session=afternoon,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=training.duration_minutes),
    )
    agency_registers_group(
        session=afternoon,
        organization_name=ORGANIZATIONS[0][0],
        people=[pat],
        now=start - dt.timedelta(days=14),
    )
    registration = afternoon.registrations.get(person=pat)
    attendance_check_in(
        registration=registration,
        meeting=meeting,
        by=by,
        source=AttendanceSource.QR_CHECK_IN,
        now=start,
    )
    attendance_check_out(
        registration=registration,
        meeting=meeting,
        by=pat,
        source=AttendanceSource.ROOM_CODE,
        now=meeting.ends_at,
    )
    evaluation_submit(
        registration=registration,
        answers=demo_evaluation_answers(training.evaluation, rating=5, comment=""),
        now=meeting.ends_at + dt.timedelta(hours=1),
    )
    registration_certificates_issue(
        registration=Registration.objects.get(pk=registration.pk), by=by
    )


# A one-page PDF, enough for the demo's "certificate from elsewhere" attachments.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# What a renewal period requires (illustrative figures from the IDFPR rules for social
# workers; staff keep the real ones in the admin under CE credit → Renewal requirements).
DEMO_RENEWAL_REQUIREMENTS = {
    "LCSW": (
        Decimal("30"),
        {"ethics": Decimal("3"), "cultural_competence": Decimal("1")},
        "30 hours per two-year cycle, 3 in ethics and 1 in cultural competence (IDFPR).",
    ),
    "LSW": (
        Decimal("30"),
        {"ethics": Decimal("3"), "cultural_competence": Decimal("1")},
        "30 hours per two-year cycle, 3 in ethics and 1 in cultural competence (IDFPR).",
    ),
}


def seed_renewal_tracker(*, pat, by, today) -> None:
    """Renewal requirements for LCSW and LSW; Pat (LSW) reported two trainings from
    elsewhere this period: one staff accepted, one waiting for them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from certificates.models import (
        Credential,
        CreditCategory,
        OutsideCredit,
        RenewalCategoryHours,
        RenewalRequirement,
    )
    from certificates.renewals import outside_credit_accept, outside_credit_submit
    from lms.rules.renewal_periods import renewal_period_containing

    for code, (total, categories, notes) in DEMO_RENEWAL_REQUIREMENTS.items():
        credential, _ = Credential.objects.get_or_create(code=code, defaults={"name": code})
        requirement, created = RenewalRequirement.objects.get_or_create(
            credential=credential, defaults={"total_hours": total, "notes": notes}
        )
        if created:
            for category, hours in categories.items():
                RenewalCategoryHours.objects.create(
                    requirement=requirement,
                    category=CreditCategory.objects.get(code=category),
                    hours=hours,
                )
    if pat is None or OutsideCredit.objects.filter(person=pat).exists():
        return
    credential = getattr(getattr(pat, "profile", None), "license_type", "") or ""
    period = renewal_period_containing(credential=credential, day=today)
    for n, (provider, title, category, hours, accept) in enumerate(
        [
            ("NASW Illinois Chapter", "Ethics and Boundaries in Rural Practice", "ethics", 3, True),
            (
                "Chicago School of Professional Psychology",
                "Working with Interpreters",
                "cultural_competence",
                "1.5",
                False,
            ),
        ]
    ):
        credit = outside_credit_submit(
            person=pat,
            credential=credential,
            provider=provider,
            title=title,
            completed_on=max(period.start, today - dt.timedelta(days=60 + 30 * n)),
            hours=Decimal(str(hours)),
            category=CreditCategory.objects.get(code=category),
            certificate_file=SimpleUploadedFile(f"certificate-{n + 1}.pdf", DEMO_PDF),
            today=today,
        )
        if accept:
            outside_credit_accept(credit=credit, by=by, reason="Certificate checked.")
