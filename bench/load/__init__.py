"""Load test: locust against gunicorn + PostgreSQL + Redis + qcluster + localstripe.

`python -m bench load` (or `python -m bench.load.run`). See docs/operations.md.
"""
