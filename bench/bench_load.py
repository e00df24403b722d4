"""`python -m bench load`: locust against the full stack (bench/load/run.py)."""

from bench.load.run import main as run


def main():
    if run():
        raise RuntimeError("an invariant failed after a load run (see the checks above)")
