"""manage.py seed_load --registrations 100000: a large, realistic data set for the report
benchmark (bench/bench_reports.py) and for trying the reports at scale.

Rows are made with bulk_create in batches inside one transaction, bypassing the services:
this is load data, not a journey (no audit entries, no emails, no Stripe). Every name and
email starts with "load-", and the command refuses to run twice on one database.
Dates spread over three years around today so period filters have something to cut.
"""

import datetime as dt
import random
import time
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from lms.models import (
    BudgetBand,
    DeliveryFormat,
    Evaluation,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    Facilitator,
    FeeSchedule,
    FeeTier,
    Meeting,
    Organization,
    OrganizationSelfReport,
    ParticipantDemographics,
    Payment,
    Profile,
    Registration,
    ScholarshipApplication,
    ScholarshipFund,
    ScholarshipLedgerEntry,
    Session,
    SessionFacilitator,
    SessionReport,
    TechnicalAssistanceRequest,
    Topic,
    Training,
    User,
)
from lms.models.demographics import (
    LEADERSHIP_GROUPS,
    RACE_ETHNICITY_CATEGORIES,
    WASHINGTON_GROUP_DOMAINS,
)

BATCH = 5000
PER_SESSION = 25  # registrations per session on average
PEOPLE_PER_REGISTRATION = 0.25  # a person registers about four times


@contextmanager
def created_at_settable(*models):
    """Let bulk_create keep the created_at we give (auto_now_add would overwrite it)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for model_field in fields:
        model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field in fields:
            model_field.auto_now_add = True


class Command(BaseCommand):
    help = "Create a large realistic data set (load-* rows) for the reports benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--registrations", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=9)

    def handle(self, *args, registrations: int, seed: int, **options):
        if User.objects.filter(email__startswith="load-").exists():
            raise CommandError("Load data is already there (users load-*); use a fresh database.")
        self.random = random.Random(seed)  # noqa: S311 (load data, not secrets)
        self.now = timezone.now()
        started = time.perf_counter()
        with (
            transaction.atomic(),
            created_at_settable(
                TechnicalAssistanceRequest, ScholarshipLedgerEntry, ScholarshipApplication
            ),
        ):
            self.load(registrations)
        self.stdout.write(
            f"Loaded {registrations:,} registrations in {time.perf_counter() - started:.1f} s."
        )

    # --- helpers ---------------------------------------------------------------------------
    def bulk(self, model, objects):
        return model.objects.bulk_create(objects, batch_size=BATCH)

    def when(self, *, past_days: int = 730, future_days: int = 365) -> dt.datetime:
        offset = self.random.randint(-past_days * 24, future_days * 24)
        moment = self.now + dt.timedelta(hours=offset)
        return moment.replace(minute=0, second=0, microsecond=0)

    # --- the data ----------------------------------------------------------------------------
    def load(self, count: int):
        rnd = self.random
        today = timezone.localdate()
        topics = self.bulk(
            Topic, [Topic(name=f"load-Topic {n}", slug=f"load-topic-{n}") for n in range(8)]
        )
        schedules = self.bulk(FeeSchedule, [FeeSchedule(name=f"load-Scale {n}") for n in range(3)])
        tiers = []
        for schedule in schedules:
            tiers += [
                FeeTier(
                    schedule=schedule,
                    kind="organization",
                    label="Org small",
                    budget_band=BudgetBand.UNDER_500K,
                    price_cents=6000,
                ),
                FeeTier(
                    schedule=schedule,
                    kind="organization",
                    label="Org mid",
                    budget_band=BudgetBand.FROM_500K_TO_5M,
                    price_cents=9000,
                ),
                FeeTier(schedule=schedule, kind="community", label="Community", price_cents=3000),
                FeeTier(schedule=schedule, kind="standard", label="Standard", price_cents=7500),
                FeeTier(schedule=schedule, kind="supporter", label="Supporter", price_cents=12000),
            ]
        tiers = self.bulk(FeeTier, tiers)
        tiers_by_schedule = {}
        for tier in tiers:
            tiers_by_schedule.setdefault(tier.schedule_id, []).append(tier)
        formats = DeliveryFormat.values
        trainings = self.bulk(
            Training,
            [
                Training(
                    title=f"load-Training {n}",
                    slug=f"load-training-{n}",
                    summary="Load data.",
                    duration_minutes=180,
                    format=formats[n % len(formats)],
                    fee_schedule=schedules[n % 3] if n % 5 else None,
                )
                for n in range(60)
            ],
        )
        Training.topics.through.objects.bulk_create(
            [
                Training.topics.through(training_id=training.pk, topic_id=topics[n % 8].pk)
                for n, training in enumerate(trainings)
            ]
            + [
                Training.topics.through(training_id=training.pk, topic_id=topics[(n + 3) % 8].pk)
                for n, training in enumerate(trainings)
                if n % 2
            ]
        )
        facilitators = self.bulk(
            Facilitator, [Facilitator(name=f"load-Facilitator {n}") for n in range(40)]
        )
        bands = [*BudgetBand.values, ""]
        sectors = Organization.SubSector.values
        organizations = self.bulk(
            Organization,
            [
                Organization(
                    name=f"load-Agency {n}",
                    budget_band=rnd.choices(bands, weights=[40, 35, 15, 10])[0],
                    sub_sector=rnd.choice([*sectors, ""]),
                    city="Chicago",
                )
                for n in range(400)
            ],
        )
        self.bulk(
            OrganizationSelfReport,
            [
                OrganizationSelfReport(
                    organization=organization,
                    led_by_underrepresented=rnd.choices(
                        ["yes", "no", "prefer_not", ""], [35, 45, 5, 15]
                    )[0],
                    people_employed=rnd.choice(["1_10", "11_50", "51_250", "251_plus"]),
                    leadership_reported_on=today,
                    **{name: rnd.random() < 0.2 for name, _ in LEADERSHIP_GROUPS},
                )
                for organization in organizations
                if rnd.random() < 0.7
            ],
        )
        people_count = max(int(count * PEOPLE_PER_REGISTRATION), PER_SESSION * 2)
        unusable = make_password(None)  # nobody signs in as load data
        people = self.bulk(
            User,
            [
                User(
                    email=f"load-{n}@load.example",
                    first_name="Load",
                    last_name=str(n),
                    password=unusable,
                )
                for n in range(people_count)
            ],
        )
        self.bulk(
            Profile,
            [
                Profile(
                    user=person,
                    printed_name=f"Load {n}",
                    organization=organizations[n % len(organizations)] if n % 5 else None,
                )
                for n, person in enumerate(people)
            ],
        )
        difficulty = ["none"] * 12 + ["some"] * 4 + ["a_lot", "cannot", "prefer_not", ""]
        race_weights = [2, 8, 20, 22, 3, 1, 44]
        demographics = []
        for person in people:
            if rnd.random() > 0.6:
                continue
            fields = {name: rnd.choice(difficulty) for name, _ in WASHINGTON_GROUP_DOMAINS}
            if rnd.random() < 0.06:
                fields["race_prefer_not"] = True
            else:
                for name in rnd.choices(
                    [name for name, _ in RACE_ETHNICITY_CATEGORIES],
                    race_weights,
                    k=1 if rnd.random() < 0.9 else 2,
                ):
                    fields[name] = True
            demographics.append(ParticipantDemographics(person=person, reported_on=today, **fields))
        self.bulk(ParticipantDemographics, demographics)

        session_count = max(count // PER_SESSION, 1)
        sessions, meetings = [], []
        for n in range(session_count):
            training = trainings[n % len(trainings)]
            starts = self.when()
            status = (
                Session.Status.CANCELLED
                if rnd.random() < 0.04
                else Session.Status.COMPLETED
                if starts < self.now and rnd.random() < 0.5
                else Session.Status.SCHEDULED
            )
            sessions.append(
                Session(
                    training=training,
                    format=training.format,
                    capacity=rnd.randint(PER_SESSION, PER_SESSION + 15),
                    status=status,
                    starts_at=starts,
                    fee_schedule=None,
                )
            )
        sessions = self.bulk(Session, sessions)
        for session in sessions:
            meetings.append(
                Meeting(
                    session=session,
                    starts_at=session.starts_at,
                    ends_at=session.starts_at + dt.timedelta(hours=3),
                )
            )
        self.bulk(Meeting, meetings)
        self.bulk(
            SessionFacilitator,
            [
                SessionFacilitator(session=session, facilitator=facilitators[n % 40])
                for n, session in enumerate(sessions)
            ],
        )
        self.bulk(
            SessionReport,
            [
                SessionReport(session=session, status=SessionReport.Status.FILED)
                for session in sessions
                if session.starts_at < self.now
                and session.status == Session.Status.SCHEDULED
                and rnd.random() < 0.6
            ],
        )
        training_by_id = {training.pk: training for training in trainings}
        statuses = ["confirmed"] * 16 + ["cancelled", "cancelled", "expired", "pending_payment"]
        registrations = []
        remaining = count
        for index, session in enumerate(sessions):
            size = remaining if index == len(sessions) - 1 else min(PER_SESSION, remaining)
            remaining -= size
            schedule = training_by_id[session.training_id].fee_schedule_id
            for person in rnd.sample(people, min(size, len(people))):
                tier = rnd.choice(tiers_by_schedule[schedule]) if schedule else None
                status = rnd.choice(statuses)
                if status == "pending_payment" and session.starts_at < self.now:
                    status = "expired"
                registrations.append(
                    Registration(
                        session=session,
                        person=person,
                        status=status,
                        fee_tier=tier,
                        amount_cents=tier.price_cents if tier else 0,
                        confirmed_at=session.starts_at if status == "confirmed" else None,
                    )
                )
        registrations = self.bulk(Registration, registrations)
        session_by_id = {session.pk: session for session in sessions}

        payments = []
        for registration in registrations:
            if not registration.amount_cents or registration.status not in (
                "confirmed",
                "cancelled",
            ):
                continue
            refunded = registration.amount_cents if registration.status == "cancelled" else 0
            payments.append(
                Payment(
                    registration=registration,
                    status="refunded" if refunded else "succeeded",
                    amount_cents=registration.amount_cents,
                    refunded_cents=refunded,
                    succeeded_at=session_by_id[registration.session_id].starts_at,
                )
            )
        self.bulk(Payment, payments)

        evaluations = self.bulk(
            Evaluation, [Evaluation(training=training) for training in trainings]
        )
        questions = []
        for evaluation in evaluations:
            questions += [
                EvaluationQuestion(
                    evaluation=evaluation,
                    text="How valuable was this training to your organization?",
                    purpose="organization_value",
                    sort_order=0,
                ),
                EvaluationQuestion(
                    evaluation=evaluation, text="The facilitator explained clearly.", sort_order=1
                ),
                EvaluationQuestion(
                    evaluation=evaluation,
                    text="I can apply what I learned.",
                    purpose="objective",
                    sort_order=2,
                ),
            ]
        questions = self.bulk(EvaluationQuestion, questions)
        questions_by_evaluation = {}
        for question in questions:
            questions_by_evaluation.setdefault(question.evaluation_id, []).append(question)
        evaluation_by_training = {evaluation.training_id: evaluation for evaluation in evaluations}
        responses = []
        answered = [
            r
            for r in registrations
            if r.status == "confirmed"
            and session_by_id[r.session_id].starts_at < self.now
            and rnd.random() < 0.4
        ]
        for registration in answered:
            training_id = session_by_id[registration.session_id].training_id
            responses.append(
                EvaluationResponse(
                    evaluation=evaluation_by_training[training_id], registration=registration
                )
            )
        responses = self.bulk(EvaluationResponse, responses)
        answers = []
        for response in responses:
            for question in questions_by_evaluation[response.evaluation_id]:
                answers.append(
                    EvaluationAnswer(
                        response=response,
                        question=question,
                        rating=rnd.choices([1, 2, 3, 4, 5], [2, 5, 15, 40, 38])[0],
                    )
                )
        self.bulk(EvaluationAnswer, answers)

        confirmed = [r for r in registrations if r.status == "confirmed"]
        ta_statuses = ["new", "assigned", "in_progress", "closed", "closed", "closed"]
        requests = []
        for registration in rnd.sample(confirmed, min(len(confirmed), count // 40)):
            session = session_by_id[registration.session_id]
            created = session.starts_at + dt.timedelta(days=rnd.randint(1, 180))
            requests.append(
                TechnicalAssistanceRequest(
                    topic="Putting it into practice",
                    requester_id=registration.person_id,
                    requester_name="Load participant",
                    requester_email="load@load.example",
                    training_id=session.training_id,
                    status=rnd.choice(ta_statuses),
                    created_at=min(created, self.now),
                )
            )
        self.bulk(TechnicalAssistanceRequest, requests)

        funds = self.bulk(
            ScholarshipFund,
            [
                ScholarshipFund(
                    name=f"load-Fund {n}",
                    sponsor_kind=["foundation", "donor", "supporter"][n % 3],
                    sponsor_name=f"load-Sponsor {n % 4}",
                    period_start=today - dt.timedelta(days=730),
                    period_end=today + dt.timedelta(days=365),
                )
                for n in range(6)
            ],
        )
        entries = [
            ScholarshipLedgerEntry(
                fund=fund,
                kind="credit",
                amount_cents=5_000_000,
                created_at=self.when(future_days=0),
            )
            for fund in funds
        ]
        applications = []
        for registration in rnd.sample(registrations, min(len(registrations), count // 50)):
            fund = rnd.choice(funds)
            session = session_by_id[registration.session_id]
            asked = registration.amount_cents or 5000
            applications.append(
                ScholarshipApplication(
                    fund=fund,
                    person_id=registration.person_id,
                    session=session,
                    registration=registration,
                    need_statement="Load",
                    coverage="full",
                    amount_requested_cents=asked,
                    status="awarded",
                    decision_due_at=session.starts_at,
                    created_at=session.starts_at - dt.timedelta(days=10),
                )
            )
            kind = "spend" if registration.status == "confirmed" else "release"
            for entry_kind in ("commitment", kind):
                entries.append(
                    ScholarshipLedgerEntry(
                        fund=fund,
                        kind=entry_kind,
                        amount_cents=asked,
                        registration=registration,
                        created_at=session.starts_at - dt.timedelta(days=5),
                    )
                )
        self.bulk(ScholarshipApplication, applications)
        self.bulk(ScholarshipLedgerEntry, entries)
