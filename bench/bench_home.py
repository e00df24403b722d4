"""Home page requests per second against a minimal Django view, same gunicorn, SQLite."""

from bench.harness import bench_env, describe, gunicorn, load, manage, scratch_sqlite_url


def main():
    env = bench_env(scratch_sqlite_url())
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--force")
    with gunicorn(env, workers=2) as port:
        baseline = load(port, "/bench/minimal/")
        home = load(port, "/")
    print(describe("minimal Django view", baseline))
    print(describe("home page /", home))
    print(f"home / minimal ratio: {home['rps'] / baseline['rps']:.2f}")
