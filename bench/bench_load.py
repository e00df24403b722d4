"""`python -m bench load`: locust against the full stack (bench/load/run.py, issue 10)."""

from bench.load.run import main as run


def main():
    if run():
        raise RuntimeError("an invariant failed after a load run (see the checks above)")
