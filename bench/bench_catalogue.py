"""/trainings/ with 200 trainings (about 1,000 sessions) against a minimal Django view, under
the same gunicorn, on SQLite and on PostgreSQL (skipped if it does not answer).

PostgreSQL: BENCH_POSTGRES_URL (default the local server's coalition_bench database, which
is dropped and recreated).
"""

import datetime as dt
import subprocess
import sys

from bench.harness import (
    ROOT,
    bench_env,
    describe,
    gunicorn,
    load,
    manage,
    postgres_url,
    scratch_sqlite_url,
)

TRAININGS = 200
SESSIONS_PER_TRAINING = 5


def seed():
    """Top the demo catalogue up to TRAININGS trainings, each with pages and sessions.

    Run inside Django: `manage.py shell -c "from bench.bench_catalogue import seed; seed()"`.
    """
    from django.utils import timezone

    from certificates.models import AccreditingBody, TrainingApproval
    from cms.models import TrainingCatalogPage, TrainingPage
    from lms.models import (
        FeeSchedule,
        Meeting,
        Registration,
        Session,
        Topic,
        Training,
        User,
    )

    catalogue = TrainingCatalogPage.objects.get()
    schedule = FeeSchedule.objects.first()
    topics = list(Topic.objects.all()[:2])
    social_work = AccreditingBody.objects.get(slug="il-social-work")
    people = list(User.objects.filter(email__startswith="member")[:3])
    formats = ["virtual", "in_person", "hybrid"]
    now = timezone.now()
    for n in range(Training.objects.count(), TRAININGS):
        training = Training.objects.create(
            title=f"Community practice workshop {n}",
            slug=f"community-practice-workshop-{n}",
            summary="A practical workshop for human-service professionals across Illinois.",
            duration_minutes=180,
            format=formats[n % 3],
            fee_schedule=schedule if n % 2 else None,
        )
        training.topics.set(topics)
        approval = TrainingApproval.objects.create(
            training=training,
            body=social_work,
            valid_from=now.date(),
            valid_until=now.date() + dt.timedelta(days=730),
        )
        approval.hours_set({"general": 3})
        approval.credentials.set(social_work.credentials.all())
        catalogue.add_child(
            instance=TrainingPage(title=training.title, slug=training.slug, training=training)
        )
        sessions = Session.objects.bulk_create(
            Session(
                training=training,
                format=formats[n % 3],
                city="Springfield" if n % 3 else "",
                capacity=25,
                starts_at=now + dt.timedelta(days=3 + 9 * i + n % 7),
            )
            for i in range(SESSIONS_PER_TRAINING)
        )
        Meeting.objects.bulk_create(
            Meeting(session=s, starts_at=s.starts_at, ends_at=s.starts_at + dt.timedelta(hours=3))
            for s in sessions
        )
        Registration.objects.bulk_create(
            Registration(session=s, person=p, status=Registration.Status.CONFIRMED)
            for s in sessions
            for p in people
        )


def cpu_per_request(requests: int = 40) -> None:
    """CPU milliseconds per request in one process (Django's test client): less sensitive to
    what else runs on the machine than wall-clock throughput. The catalogue with its fragment
    cache off and on, against the minimal view.

    Run inside Django: `manage.py shell -c "from bench.bench_catalogue import cpu_per_request;
    cpu_per_request()"`."""
    import time

    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")

    def cpu_ms(path: str) -> float:
        client.get(path)
        started = time.process_time()
        for _ in range(requests):
            assert client.get(path).status_code == 200
        return (time.process_time() - started) / requests * 1000

    filtered = "/trainings/?format=virtual&credential=social-work&price=paid"
    minimal = cpu_ms("/bench/minimal/")
    with override_settings(CATALOGUE_CACHE_SECONDS=0):
        uncached, uncached_filtered = cpu_ms("/trainings/"), cpu_ms(filtered)
    cache.clear()
    cached, cached_filtered = cpu_ms("/trainings/"), cpu_ms(filtered)
    print(f"CPU per request, minimal view:          {minimal:6.1f} ms")
    print(
        f"CPU per request, /trainings/ uncached:  {uncached:6.1f} ms (filtered {uncached_filtered:.1f})"
    )
    print(
        f"CPU per request, /trainings/ cached:    {cached:6.1f} ms (filtered {cached_filtered:.1f})"
    )


def run(label: str, database_url: str) -> None:
    env = bench_env(database_url)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--force")
    manage(env, "shell", "-c", "from bench.bench_catalogue import seed; seed()")
    print(f"--- {label} ---", flush=True)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from bench.bench_catalogue import cpu_per_request; cpu_per_request()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    with gunicorn(env, workers=2) as port:
        baseline = load(port, "/bench/minimal/")
        catalogue = load(port, "/trainings/")
        filtered = load(port, "/trainings/?format=virtual&credential=social-work&price=paid")
    print(describe("minimal Django view", baseline))
    print(describe("/trainings/", catalogue))
    print(describe("/trainings/ with filters", filtered))
    print(f"{label}: /trainings/ / minimal ratio: {catalogue['rps'] / baseline['rps']:.2f}")
    print(f"{label}: filtered / minimal ratio: {filtered['rps'] / baseline['rps']:.2f}")


def main():
    run("SQLite", scratch_sqlite_url())
    url = postgres_url()
    if url:
        run("PostgreSQL", url)
