"""`python -m bench load` (or `python -m bench.load.run`): the load test.

Starts, all on 127.0.0.1: a scratch PostgreSQL database, a private redis-server on a free port
(or BENCH_REDIS_URL) as the django-q2 broker, localstripe with its webhook pointed at the app,
gunicorn with several workers, and a qcluster worker. Then, for each concurrency level, runs
locust headless for a bounded time, prints throughput, p50/p95/p99 latency and errors, and
checks the invariants (bench/load/check.py). Skips with a message if PostgreSQL or Redis is
not there.

Environment: LOAD_LEVELS (default "5,10,20" users), LOAD_SECONDS (default 30 per level),
LOAD_WEB_WORKERS (default 3), LOAD_SESSIONS / LOAD_SEATS (default 4 sessions of 3 seats per
level; half the users register for every session, so from 10 users on they compete for
seats), BENCH_POSTGRES_URL's server, BENCH_REDIS_URL. Server logs go to a temporary folder
printed at the start.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.harness import ROOT, bench_env, manage, postgres_url
from lms.payments import localstripe
from lms.payments.localstripe import free_port, wait_for_port

WEBHOOK_SECRET = "whsec_load_test"  # noqa: S105 (localstripe only)


def _redis_ping(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except Exception as exc:
        print(f"(Redis at {url} not available: {exc})")
        return False


class Processes:
    """Child processes started here, stopped in reverse order (only ours, by pid)."""

    def __init__(self):
        self.started: list[subprocess.Popen] = []

    def add(self, process: subprocess.Popen) -> subprocess.Popen:
        self.started.append(process)
        return process

    def stop(self):
        for process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def _redis(processes: Processes) -> str | None:
    if os.environ.get("BENCH_REDIS_URL"):
        url = os.environ["BENCH_REDIS_URL"]
        return url if _redis_ping(url) else None
    if not shutil.which("redis-server"):
        print("(redis-server is not installed and BENCH_REDIS_URL is not set)")
        return None
    port = free_port()
    processes.add(
        subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
    )
    wait_for_port(port, timeout=15)
    url = f"redis://127.0.0.1:{port}/0"
    return url if _redis_ping(url) else None


def _json_from(env: dict, module: str, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _locust(*, base: str, plan_file: Path, level: int, seconds: int, stripe: str) -> dict:
    out = Path(tempfile.mkdtemp(prefix="coalition-load-")) / "stats"
    env = dict(os.environ)
    env.update(
        LOAD_PLAN=str(plan_file),
        LOAD_LEVEL=str(level),
        LOAD_STRIPE=stripe,
        LOAD_REGISTERING=str(max(1, level // 2)),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(level),
            "--spawn-rate",
            str(level),
            "--run-time",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "20",
        ],
        cwd=ROOT,
        env=env,
        timeout=seconds + 120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{out}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{out}_failures.csv") as failures:
        failed = [
            (row["Name"], row["Error"][:90], row["Occurrences"]) for row in csv.DictReader(failures)
        ]
    return {"rows": rows, "failures": failed}


def _print_rows(level: int, seconds: int, rows: list[dict]) -> None:
    print(f"\n{level} users, {seconds} s:")
    print(
        f"  {'request':<40} {'count':>6} {'errors':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in rows:
        print(
            f"  {row['Name'][:40]:<40} {row['Request Count']:>6} {row['Failure Count']:>6} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )


def _settle(env: dict, sessions: list[int], *, timeout: float = 120) -> dict:
    """Wait until the worker has processed every event received (or time runs out)."""
    deadline = time.monotonic() + timeout
    while True:
        figures = _json_from(env, "bench.load.check", ",".join(map(str, sessions)))
        done = figures["events_processed"] == figures["events_received"] and not figures["outbox"]
        if done or time.monotonic() > deadline:
            return figures
        time.sleep(2)


def main() -> int:
    levels = [int(value) for value in os.environ.get("LOAD_LEVELS", "5,10,20").split(",")]
    seconds = int(os.environ.get("LOAD_SECONDS", "30"))
    web_workers = os.environ.get("LOAD_WEB_WORKERS", "3")
    processes = Processes()
    try:
        database = postgres_url("coalition_bench_load")
        if not database:
            print("SKIPPED: the load test needs PostgreSQL (BENCH_POSTGRES_URL or 127.0.0.1:5432).")
            return 0
        redis_url = _redis(processes)
        if not redis_url:
            print("SKIPPED: the load test needs Redis (redis-server, or BENCH_REDIS_URL).")
            return 0
        stripe_port = free_port()
        processes.add(localstripe.start(stripe_port))
        stripe = f"http://127.0.0.1:{stripe_port}"
        web_port = free_port()
        env = bench_env(
            database,
            REDIS_URL=redis_url,
            STRIPE_API_BASE=stripe,
            STRIPE_JS_URL=f"{stripe}/js.stripe.com/v3/",
            STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
            ACCOUNT_EMAIL_VERIFICATION="none",
            Q_WORKERS="2",
        )
        print("migrating and seeding the scratch database...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo", "--force")
        plan = _json_from(
            env,
            "bench.load.seed",
            ",".join(map(str, levels)),
            os.environ.get("LOAD_SESSIONS", "4"),
            os.environ.get("LOAD_SEATS", "3"),
        )
        plan_file = Path(tempfile.mkdtemp(prefix="coalition-load-")) / "plan.json"
        plan_file.write_text(json.dumps(plan))
        localstripe.configure_webhook(
            api_base=stripe,
            webhook_url=f"http://127.0.0.1:{web_port}/payments/stripe/webhook/",
            secret=WEBHOOK_SECRET,
        )
        logs = Path(tempfile.mkdtemp(prefix="coalition-load-logs-"))
        print(f"server logs: {logs}", flush=True)
        processes.add(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    web_workers,
                    "--log-level",
                    "error",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(logs / "gunicorn.log").open("w"),
            )
        )
        processes.add(
            subprocess.Popen(
                [sys.executable, "manage.py", "qcluster"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(logs / "qcluster.log").open("w"),
            )
        )
        wait_for_port(web_port, timeout=60)
        base = f"http://127.0.0.1:{web_port}"
        for path in ("/", "/trainings/", *plan["pages"][:3]):  # warm every worker's imports
            for _ in range(int(web_workers)):
                urllib.request.urlopen(f"{base}{path}", timeout=60).read()
        print(
            f"gunicorn {web_workers} workers, qcluster 2 workers, PostgreSQL, Redis broker, "
            f"localstripe; {os.cpu_count()} CPUs; load generator on the same machine",
            flush=True,
        )
        broken = 0
        for level in levels:
            result = _locust(
                base=base, plan_file=plan_file, level=level, seconds=seconds, stripe=stripe
            )
            _print_rows(level, seconds, result["rows"])
            for name, error, count in result["failures"]:
                print(f"  error x{count}: {name}: {error}")
            checks = _settle(env, plan["runs"][str(level)]["sessions"])
            ok = (
                checks["oversold_sessions"] == 0
                and checks["paid_without_confirmed_registration"] == 0
                and checks["registrations_paid_twice"] == 0
                and checks["events_processed"] == checks["events_received"]
                and checks["outbox"] == 0
            )
            broken += not ok
            print(
                f"  checks {'OK' if ok else 'FAILED'}: seats {checks['seats']}, confirmed "
                f"{checks['confirmed']}, held unpaid {checks['held_unpaid']}, oversold sessions "
                f"{checks['oversold_sessions']}, paid without confirmed registration "
                f"{checks['paid_without_confirmed_registration']}, paid twice "
                f"{checks['registrations_paid_twice']}; Stripe events received "
                f"{checks['events_received']}, processed {checks['events_processed']}; "
                f"outbox {checks['outbox']}",
                flush=True,
            )
        return 1 if broken else 0
    finally:
        processes.stop()


if __name__ == "__main__":
    sys.exit(main())
