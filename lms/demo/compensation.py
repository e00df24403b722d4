"""Demo facilitator pay: the rate card, pay profiles, and statements from a filed session
report."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from lms.demo.catalogue import TRAININGS, schedule_session
from lms.models import (
    Facilitator,
    Session,
    SessionFacilitator,
    Training,
    User,
)

PAY_PROFILES = {
    # facilitator name: (legal name, payout method, W-9 received?, paid at lived-experience rate)
    "Dr. Amara Okafor": ("Amara N. Okafor", "check", True, False),
    "Luis Hernández": ("Luis A. Hernández", "ach", False, True),
    "Jordan Lee": ("Jordan K. Lee", "check", True, True),
}


def seed_facilitator_pay(*, today=None):
    """The standard rate card, pay profiles and, from a filed session report, a paid statement
    (Dr. Okafor, lead) and a draft one (Jordan Lee, co-facilitator) for Finance to approve."""
    from lms.models import FacilitatorPayProfile, PayStatementLine, RateCard
    from lms.services.compensation import (
        pay_statement_approve,
        pay_statement_create_for_session,
        pay_statement_record_payment,
    )

    today = today or timezone.localdate()
    RateCard.objects.get_or_create(
        name="Coalition standard rates",
        facilitator=None,
        defaults={
            "effective_from": dt.date(today.year - 1, 1, 1),
            "lead_hourly_cents": 7500,
            "co_hourly_cents": 5000,
            "prep_hours_per_delivered_hour": 1,
            "prep_hours_cap_per_meeting": 3,
            "minimum_per_session_cents": 25000,
            "lived_experience_hourly_cents": 9000,
        },
    )
    for name, (legal, method, w9, lived) in PAY_PROFILES.items():
        facilitator = Facilitator.objects.filter(name=name).first()
        if facilitator:
            FacilitatorPayProfile.objects.get_or_create(
                facilitator=facilitator,
                defaults={
                    "legal_name": legal,
                    "email": facilitator.email,
                    "address_line1": "200 W Adams St",
                    "city": "Chicago",
                    "state": "IL",
                    "postal_code": "60606",
                    "payout_method": method,
                    "w9_received_on": dt.date(today.year, 1, 10) if w9 else None,
                    "paid_at_lived_experience_rate": lived,
                },
            )
    okafor = Facilitator.objects.get(name="Dr. Amara Okafor")
    lee = Facilitator.objects.get(name="Jordan Lee")
    # Not the first training: the attendance demo gives that one its finished session.
    training = Training.objects.get(slug=slugify(TRAININGS[2][0]))
    session = Session.objects.filter(
        training=training, starts_at__lt=timezone.now(), report__isnull=False
    ).first()
    if session is None:
        session = schedule_session(
            training,
            today - dt.timedelta(days=10),
            okafor,
            session_format=training.format,
            city="",
            capacity=30,
            flag="",
            members=[],
            fee_schedule=None,
        )
        SessionFacilitator.objects.create(session=session, facilitator=lee, role="co")
        _file_demo_report(session=session, lead=okafor, co=lee)
    if PayStatementLine.objects.filter(session=session).exists():
        return
    staff = User.objects.get(email="staff@demo.test")
    paid = pay_statement_create_for_session(facilitator=okafor, session=session, by=staff)
    pay_statement_approve(statement=paid, by=staff)
    pay_statement_record_payment(
        statement=paid, method="check", reference="10231", paid_on=today, by=staff
    )
    pay_statement_create_for_session(facilitator=lee, session=session, by=staff)


def _file_demo_report(*, session, lead, co):
    """The lead facilitator files the session report: every meeting delivered, 15 minutes
    long, both facilitators there."""
    from lms.services.attendance import DeliveryInput, session_report_save

    session_report_save(
        session=session,
        notes="Lively discussion; ran 15 minutes long on the framing exercise.",
        deliveries=[
            DeliveryInput(
                meeting=meeting,
                delivered=True,
                actual_starts_at=meeting.starts_at,
                actual_ends_at=meeting.ends_at + dt.timedelta(minutes=15),
                facilitators={lead: "lead", co: "co"},
            )
            for meeting in session.meetings.all()
        ],
        by=lead.user,
        file=True,
    )
