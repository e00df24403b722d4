"""Registrations per second through the real services (pricing, seat hold, payment confirm),
queries per registration, and 60 parallel attempts for 20 seats, on SQLite and PostgreSQL."""

import json
import os
import subprocess
import sys

from bench.harness import ROOT, bench_env, manage, postgres_url, scratch_sqlite_url


def run(label: str, database_url: str, **extra_env) -> None:
    env = bench_env(database_url, **extra_env)
    manage(env, "migrate", "--noinput")
    result = subprocess.run(
        [sys.executable, "-m", "bench.registrations_worker"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    seq, par = figures["sequential"], figures["concurrent"]
    print(
        f"{label:<11} hold + pay: {seq['per_second']:6.1f} registrations/s "
        f"({seq['registrations']} in a row, {seq['confirmed']} confirmed); "
        f"queries per registration: hold {seq['queries_hold']:.0f}, pay {seq['queries_pay']:.0f}"
    )
    print(
        f"{label:<11} {par['attempts']} parallel attempts for {par['seats']} seats: "
        f"held {par['held']}, refused as full {par['refused_full']}, other {par['other']}; "
        f"p50 {par['p50_ms']:.0f} ms, p95 {par['p95_ms']:.0f} ms, wall {par['wall_s']:.1f} s; "
        f"oversold {par['oversold']}"
    )


def main():
    # Embedded default: SQLite with the django-q2 ORM broker (tasks queued in the database).
    run("SQLite", scratch_sqlite_url(), REDIS_URL="")
    # At scale: PostgreSQL with Redis as the broker (BENCH_REDIS_URL, default db 15).
    url = postgres_url("coalition_bench_registrations")
    if url:
        redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
        run("PostgreSQL", url, REDIS_URL=redis)
