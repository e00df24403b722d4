"""Anonymous public pages against a minimal Django view, same gunicorn, SQLite: the home page,
the catalogue and a training page, with the whole-page cache for anonymous visitors on (the
default) and off (PUBLIC_PAGE_CACHE_SECONDS=0), each as a ratio to the minimal view measured
in the same run."""

from bench.harness import bench_env, describe, gunicorn, load, manage, scratch_sqlite_url

PAGES = [("home /", "/"), ("catalogue /trainings/", "/trainings/")]


def _training_path(env) -> str:
    import subprocess
    import sys

    from bench.harness import ROOT

    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from cms.models import TrainingPage; print(TrainingPage.objects.live().first().url)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def main():
    url = scratch_sqlite_url()
    env = bench_env(url)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo", "--force")
    pages = [*PAGES, ("training page", _training_path(env))]
    for label, seconds in [("page cache on", "30"), ("page cache off", "0")]:
        print(f"--- {label} ---", flush=True)
        with gunicorn(bench_env(url, PUBLIC_PAGE_CACHE_SECONDS=seconds), workers=2) as port:
            baseline = load(port, "/bench/minimal/")
            print(describe("minimal Django view", baseline))
            for name, path in pages:
                figures = load(port, path)
                print(describe(name, figures))
                print(f"  {name} / minimal ratio: {figures['rps'] / baseline['rps']:.2f}")
