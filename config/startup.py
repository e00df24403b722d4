"""Turn the usual start-up failures into one clear line instead of a traceback wall."""

import sys


def _redact(url: str) -> str:
    # postgres://user:secret@host/db -> postgres://user:***@host/db
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


# Commands that start long-running processes: check Redis up front, because the django-q2
# cluster would otherwise die inside a child process with a traceback per worker.
SERVICE_COMMANDS = {"qcluster", "runserver", "migrate"}


def _check_redis(url: str) -> None:
    if not url:
        return
    import redis

    redis.from_url(url, socket_connect_timeout=3).ping()


def run_with_clear_errors(argv):
    import os

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        import redis.exceptions as redis_errors

        redis_failures: tuple = (redis_errors.ConnectionError, redis_errors.TimeoutError)
    except ImportError:  # pragma: no cover - redis is a dependency
        redis_failures = ()

    try:
        if len(argv) > 1 and argv[1] in SERVICE_COMMANDS:
            _check_redis(os.environ.get("REDIS_URL", ""))
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"coalition-ce: configuration error: {exc}")
    except OperationalError as exc:
        url = _redact(os.environ.get("DATABASE_URL", "sqlite (default)"))
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"coalition-ce: cannot use the database at {url}: {first_line}")
    except redis_failures as exc:
        url = _redact(os.environ.get("REDIS_URL", ""))
        sys.exit(f"coalition-ce: cannot reach Redis at {url}: {exc}")
