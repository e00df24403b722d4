"""Shared benchmark plumbing: a scratch database, a gunicorn server, a keep-alive load loop.

All traffic stays on 127.0.0.1, and every load run is bounded in time.
"""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from lms.payments.localstripe import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent


def bench_env(database_url: str | None = None, **extra) -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra)
    return env


def scratch_sqlite_url() -> str:
    folder = tempfile.mkdtemp(prefix="coalition-bench-")
    return f"sqlite:///{folder}/bench.sqlite3"


def postgres_url(name: str = "coalition_bench") -> str | None:
    """PostgreSQL for benchmarks: BENCH_POSTGRES_URL, or the local server if it answers.

    `name` lets each benchmark use its own scratch database (dropped and created here).
    """
    default = f"postgres://postgres@127.0.0.1:5432/{name}"
    url = os.environ.get("BENCH_POSTGRES_URL", default) if name == "coalition_bench" else default
    try:
        import psycopg

        admin = url.rsplit("/", 1)[0] + "/postgres"
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:
        print(f"(PostgreSQL not available, skipping its figures: {exc})")
        return None
    return url


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def run_child_on_each_database(module: str, *, postgres_name: str = "coalition_bench") -> None:
    """Migrate a scratch SQLite database and, when PostgreSQL answers, a scratch PostgreSQL
    database, and run `module`'s run_child() against each in a fresh process."""
    targets = [("SQLite", scratch_sqlite_url())]
    pg = postgres_url(postgres_name)
    if pg:
        targets.append(("PostgreSQL", pg))
    for label, url in targets:
        env = bench_env(url)
        manage(env, "migrate", "--noinput")
        print(f"{label}:", flush=True)
        subprocess.run(
            [sys.executable, "-c", f"from {module} import run_child; run_child()"],
            cwd=ROOT,
            env=env,
            check=True,
        )


@contextmanager
def gunicorn(env: dict, *, workers: int = 2, threads: int = 1):
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=30)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


def load(port: int, path: str, *, seconds: float = 5.0, concurrency: int = 4) -> dict:
    """Hit GET path from `concurrency` keep-alive connections for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "localhost"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += bad

    # Warm up: first requests pay for imports and template compilation.
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _ in range(5):
        warm.request("GET", path, headers={"Host": "localhost"})
        warm.getresponse().read()
    # The clock starts after the warm-up, which can take seconds on a busy machine.
    stop_at = time.perf_counter() + seconds
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)
    return {
        "requests": count,
        "errors": errors,
        "rps": count / seconds,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": 1000 * latencies[int(count * 0.95) - 1] if count else float("nan"),
    }


def describe(label: str, figures: dict) -> str:
    return (
        f"{label:<32} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:6.1f} ms  "
        f"p95 {figures['p95_ms']:6.1f} ms  errors {figures['errors']}"
    )
