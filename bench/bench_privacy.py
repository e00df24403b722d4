"""People's data for a heavy user: the data download (built on request, never queued) and
the erasure (with its pass over the audit log), for one person with 300 registrations, each
with two meetings attended, a payment and five evaluation answers, 50 TA requests, among
5,000 other people's registrations and 50,000 audit entries.

Prints the download's time, size and queries and the erasure's time, on SQLite and, when
available, PostgreSQL. docs/decisions.md cites the download figure.
"""

from bench.harness import run_child_on_each_database

REGISTRATIONS = 300
OTHERS = 5000
LOG_ENTRIES = 50_000


def run_child():
    import time

    import django

    django.setup()
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import ModelLogEntry

    from lms.models import (
        AttendanceRecord,
        Evaluation,
        EvaluationAnswer,
        EvaluationQuestion,
        EvaluationResponse,
        Meeting,
        Payment,
        Profile,
        Registration,
        Session,
        TechnicalAssistanceRequest,
        Training,
        User,
    )
    from lms.services.privacy import erasure_request_create, person_erase, personal_data_export

    start = timezone.now() - dt.timedelta(days=400)
    person = User.objects.create(email="heavy@agency.org", first_name="Hea", last_name="Vy")
    Profile.objects.create(user=person, printed_name="Hea Vy", license_number="150.000001")
    others = User.objects.bulk_create(
        User(email=f"other{n}@agency.org", first_name="Other", last_name=str(n))
        for n in range(OTHERS)
    )
    training = Training.objects.create(
        title="Bench", slug="bench-privacy", summary="x", duration_minutes=120
    )
    evaluation = Evaluation.objects.create(training=training)
    questions = EvaluationQuestion.objects.bulk_create(
        EvaluationQuestion(evaluation=evaluation, text=f"Q{n}", sort_order=n) for n in range(5)
    )
    sessions = Session.objects.bulk_create(
        Session(training=training, format="in_person", capacity=30, starts_at=start)
        for _ in range(REGISTRATIONS)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            session=session,
            starts_at=start + dt.timedelta(days=n, hours=h),
            ends_at=start + dt.timedelta(days=n, hours=h + 1),
        )
        for n, session in enumerate(sessions)
        for h in (0, 2)
    )
    mine = Registration.objects.bulk_create(
        Registration(session=session, person=person, status="confirmed") for session in sessions
    )
    Registration.objects.bulk_create(
        Registration(session=sessions[n % REGISTRATIONS], person=other, status="confirmed")
        for n, other in enumerate(others)
    )
    by_session = {}
    for meeting in meetings:
        by_session.setdefault(meeting.session_id, []).append(meeting)
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            registration=r,
            meeting=m,
            arrived_at=m.starts_at,
            minutes_present=60,
            source="roster",
        )
        for r in mine
        for m in by_session[r.session_id]
    )
    Payment.objects.bulk_create(
        Payment(registration=r, amount_cents=5000, status="succeeded", card_last4="4242")
        for r in mine
    )
    responses = EvaluationResponse.objects.bulk_create(
        EvaluationResponse(evaluation=evaluation, registration=r) for r in mine
    )
    EvaluationAnswer.objects.bulk_create(
        EvaluationAnswer(response=response, question=q, rating=4, text="Useful")
        for response in responses
        for q in questions
    )
    TechnicalAssistanceRequest.objects.bulk_create(
        TechnicalAssistanceRequest(
            topic=f"Topic {n}",
            requester=person,
            requester_name="Hea Vy",
            requester_email=person.email,
            details="Details",
        )
        for n in range(50)
    )
    registration_type = ContentType.objects.get_for_model(Registration)
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=registration_type,
            object_id=str(n),
            label=f"Other {n} – Bench" if n % 100 else "Hea Vy – Bench",
            action="lms.registration.confirm",
            data={"note": "bench"},
            timestamp=start,
        )
        for n in range(LOG_ENTRIES)
    )

    personal_data_export(person=person)  # warm up: imports, the log-action registry
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        _name, data = personal_data_export(person=person)
        export_seconds = time.perf_counter() - began
    request = erasure_request_create(
        person=person, channel="letter", by=others[0], identity_check="bench"
    )
    began = time.perf_counter()
    done = person_erase(request=request, by=others[0])
    erase_seconds = time.perf_counter() - began
    print(
        f"  one person: {REGISTRATIONS} registrations, {2 * REGISTRATIONS} attendance records, "
        f"{5 * REGISTRATIONS} evaluation answers; {OTHERS} other registrations, "
        f"{LOG_ENTRIES} audit entries\n"
        f"  download: {export_seconds * 1000:7.0f} ms, {len(data) / 1024:.0f} KB ZIP, "
        f"{len(queries)} queries\n"
        f"  erasure:  {erase_seconds * 1000:7.0f} ms "
        f"({done.summary['audit_entries_pseudonymised']} audit entries rewritten)"
    )


def main():
    run_child_on_each_database("bench.bench_privacy", postgres_name="coalition_bench_privacy")
