"""A small fixed data set for the staff reports, with figures worked out by hand in the
tests that use it (tests/lms/test_reports.py). `scale` repeats the data for the query-count
test: every report must run the same number of queries on 1x and 3x the data."""

import datetime as dt
from zoneinfo import ZoneInfo

from lms.models import (
    BudgetBand,
    EvaluationQuestion,
    FeeTier,
    Invoice,
    InvoiceLine,
    OrganizationSelfReport,
    ParticipantDemographics,
    Registration,
    ScholarshipApplication,
    ScholarshipFund,
    ScholarshipLedgerEntry,
    Session,
    SessionReport,
    TechnicalAssistanceRequest,
)
from tests.factories import (
    EvaluationFactory,
    EvaluationQuestionFactory,
    EvaluationResponseFactory,
    FacilitatorFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MeetingFactory,
    OrganizationFactory,
    PaymentFactory,
    ProfileFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    TopicFactory,
    TrainingFactory,
    UserFactory,
)

CHICAGO = ZoneInfo("America/Chicago")
CONFIRMED = Registration.Status.CONFIRMED
CANCELLED = Registration.Status.CANCELLED


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=CHICAGO)


def session_on(training, day: str, *, capacity: int, status=Session.Status.SCHEDULED, fmt=None):
    session = Session.objects.create(
        training=training, format=fmt or training.format, capacity=capacity, status=status
    )
    MeetingFactory(session=session, starts_at=at(day), minutes=180)
    session.refresh_from_db()
    return session


def registration(session, person, *, tier=None, status=CONFIRMED, amount=0):
    return Registration.objects.create(
        session=session, person=person, fee_tier=tier, status=status, amount_cents=amount
    )


def backdate(obj, when: dt.datetime, field: str = "created_at"):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})


def registrations_and_money(*, tag: str = ""):
    """Participation, revenue, scholarships and TA (figures in test_reports.py)."""
    equity = TopicFactory(name=f"Equity{tag}", slug=f"equity{tag}")
    schedule = FeeScheduleFactory()
    standard = FeeTierFactory(schedule=schedule, kind=FeeTier.Kind.STANDARD, price_cents=10000)
    community = FeeTierFactory(
        schedule=schedule, kind=FeeTier.Kind.COMMUNITY, label="Community", price_cents=4000
    )
    org_tier = FeeTierFactory(
        schedule=schedule,
        kind=FeeTier.Kind.ORGANIZATION,
        label="Small organization",
        budget_band=BudgetBand.UNDER_500K,
        price_cents=6000,
    )
    training_a = TrainingFactory(title=f"Training A{tag}", format="virtual", fee_schedule=schedule)
    training_a.topics.add(equity)
    training_b = TrainingFactory(title=f"Training B{tag}", format="in_person")
    a1 = session_on(training_a, "2026-03-10", capacity=20, status=Session.Status.COMPLETED)
    a2 = session_on(training_a, "2026-04-15", capacity=10)
    b1 = session_on(training_b, "2026-03-20", capacity=15, status=Session.Status.CANCELLED)
    p = [UserFactory(email=f"p{n}{tag}@example.org") for n in range(1, 7)]
    r_p1_a1 = registration(a1, p[0], tier=standard, amount=10000)
    r_p2_a1 = registration(a1, p[1], tier=community, amount=4000)
    r_p3_a1 = registration(a1, p[2], tier=org_tier, amount=6000)
    r_p4_a1 = registration(a1, p[3], tier=standard, status=CANCELLED, amount=10000)
    r_p1_a2 = registration(a2, p[0], tier=standard, amount=10000)
    r_p5_a2 = registration(
        a2, p[4], tier=community, status=Registration.Status.PENDING_PAYMENT, amount=4000
    )
    registration(b1, p[5], status=CANCELLED)

    PaymentFactory(registration=r_p1_a1, status="succeeded", amount_cents=10000)
    PaymentFactory(
        registration=r_p2_a1, status="partially_refunded", amount_cents=4000, refunded_cents=1000
    )
    PaymentFactory(
        registration=r_p4_a1, status="refunded", amount_cents=10000, refunded_cents=10000
    )
    PaymentFactory(registration=r_p1_a2, status="failed", amount_cents=10000)
    organization = OrganizationFactory(name=f"Agency{tag}")
    invoice = Invoice.objects.create(
        number=Invoice.objects.count() + 1000,
        organization=organization,
        coordinator=p[2],
        session=a1,
        status=Invoice.Status.PAID,
        issued_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 31),
        total_cents=6000,
        paid_on=dt.date(2026, 3, 15),
    )
    InvoiceLine.objects.create(
        invoice=invoice, registration=r_p3_a1, description="Seat", amount_cents=6000
    )

    f1 = ScholarshipFund.objects.create(
        name=f"Fund 1{tag}",
        sponsor_kind="foundation",
        sponsor_name=f"Foundation X{tag}",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    f2 = ScholarshipFund.objects.create(
        name=f"Fund 2{tag}",
        sponsor_kind="foundation",
        sponsor_name=f"Foundation X{tag}",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    Kind = ScholarshipLedgerEntry.Kind
    for fund, kind, cents, reg in [
        (f1, Kind.CREDIT, 50000, None),
        (f1, Kind.COMMITMENT, 10000, r_p2_a1),
        (f1, Kind.SPEND, 10000, r_p2_a1),
        (f1, Kind.COMMITMENT, 5000, r_p5_a2),
        (f1, Kind.RELEASE, 5000, r_p5_a2),
        (f2, Kind.CREDIT, 20000, None),
    ]:
        entry = ScholarshipLedgerEntry.objects.create(
            fund=fund, kind=kind, amount_cents=cents, registration=reg
        )
        backdate(entry, at("2026-02-01"))
    for reg, cents in [(r_p2_a1, 10000), (r_p5_a2, 5000), (r_p4_a1, 3000)]:
        ScholarshipApplication.objects.create(
            fund=f1,
            person=reg.person,
            session=reg.session,
            registration=reg,
            need_statement="Need",
            coverage="amount",
            amount_requested_cents=cents,
            decision_due_at=at("2026-03-01"),
        )

    for requester, day, status in [
        (p[0], "2026-03-20", "new"),
        (p[1], "2026-08-01", "closed"),
        (None, "2026-03-25", "in_progress"),
    ]:
        request = TechnicalAssistanceRequest.objects.create(
            topic="Help",
            requester=requester,
            requester_name="Someone",
            requester_email="someone@example.org",
            training=training_a,
            status=status,
        )
        backdate(request, at(day))
    return {
        "training_a": training_a,
        "training_b": training_b,
        "topic": equity,
        "sessions": (a1, a2, b1),
        "people": p,
        "funds": (f1, f2),
    }


def evaluations(*, tag: str = ""):
    """Training E: session 1 led by facilitator X with 5 responses, session 2 led by Y with
    2 responses. Ratings for "value" and "overall" are listed per response."""
    training = TrainingFactory(title=f"Training E{tag}")
    evaluation = EvaluationFactory(training=training)
    value = EvaluationQuestionFactory(
        evaluation=evaluation,
        text="How valuable was this training to your organization?",
        purpose=EvaluationQuestion.Purpose.ORGANIZATION_VALUE,
        sort_order=0,
    )
    overall = EvaluationQuestionFactory(evaluation=evaluation, text="Overall rating", sort_order=1)
    x = FacilitatorFactory(name=f"Facilitator X{tag}")
    y = FacilitatorFactory(name=f"Facilitator Y{tag}")
    s1 = session_on(training, "2026-05-05", capacity=10, status=Session.Status.COMPLETED)
    s2 = session_on(training, "2026-05-20", capacity=10)
    SessionFacilitatorFactory(session=s1, facilitator=x)
    SessionFacilitatorFactory(session=s2, facilitator=y)
    SessionReport.objects.create(session=s2, status=SessionReport.Status.FILED)
    ratings = [(s1, 5, 4), (s1, 4, 4), (s1, 4, 5), (s1, 3, 3), (s1, 5, 5), (s2, 1, 2), (s2, 2, 2)]
    for n, (session, value_rating, overall_rating) in enumerate(ratings):
        reg = registration(session, UserFactory(email=f"e{n}{tag}@example.org"))
        EvaluationResponseFactory(
            evaluation=evaluation,
            registration=reg,
            ratings={value: value_rating, overall: overall_rating},
        )
    return {"training": training, "x": x, "y": y}


def equity(*, tag: str = ""):
    """30 participants of one session: 12 from a small organization led by people from
    historically underrepresented communities, 10 from a large one, 8 with no organization.
    Demographic answers as described in test_reports.py."""
    training = TrainingFactory(title=f"Training Q{tag}")
    session = session_on(training, "2026-06-01", capacity=40)
    small = OrganizationFactory(
        name=f"Small org{tag}", budget_band=BudgetBand.UNDER_500K, sub_sector="behavioral_health"
    )
    large = OrganizationFactory(
        name=f"Large org{tag}", budget_band=BudgetBand.OVER_5M, sub_sector="housing"
    )
    OrganizationSelfReport.objects.create(organization=small, led_by_underrepresented="yes")
    OrganizationSelfReport.objects.create(organization=large, led_by_underrepresented="no")
    people = []
    for n in range(30):
        person = UserFactory(email=f"q{n}{tag}@example.org")
        organization = small if n < 12 else large if n < 22 else None
        ProfileFactory(user=person, organization=organization)
        registration(session, person)
        people.append(person)
    none = dict.fromkeys(WG, "none")
    for n, person in enumerate(people[:27]):
        race = (
            {"race_black": True}
            if n < 12
            else {"race_white": True}
            if n < 22
            else {"race_black": True, "race_hispanic": True}
            if n < 25
            else {"race_prefer_not": True}
        )
        if n < 11:
            wg = {**none, "wg_walking": "a_lot"}
        elif n < 23:
            wg = none
        else:
            wg = dict.fromkeys(WG, "prefer_not")
        ParticipantDemographics.objects.create(
            person=person, reported_on=dt.date(2026, 5, 1), **race, **wg
        )
    return {"training": training, "session": session}


WG = ["wg_seeing", "wg_hearing", "wg_walking", "wg_cognition", "wg_self_care", "wg_communication"]


def staff_user(group: str, **fields):
    return StaffFactory(**fields, groups=[group])


def pay_it_forward(money: dict):
    """A supporter's surplus credited to the default supporter fund (made by migration)."""
    fund = ScholarshipFund.objects.get(sponsor_name="Supporters who pay it forward")
    registration = (
        Registration.objects.filter(session=money["sessions"][0], status=CONFIRMED)
        .order_by("pk")
        .first()
    )
    ScholarshipLedgerEntry.objects.create(
        fund=fund,
        kind=ScholarshipLedgerEntry.Kind.CREDIT,
        amount_cents=2500,
        registration=registration,
    )


def all_data(*, tag: str = ""):
    money = registrations_and_money(tag=tag)
    pay_it_forward(money)
    return {
        "money": money,
        "evaluations": evaluations(tag=tag),
        "equity": equity(tag=tag),
    }
