"""GET /healthz for load balancers and uptime checks: database and task queue."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_q.brokers import get_broker

logger = logging.getLogger(__name__)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        logger.warning("healthz: database check failed: %s", exc)
        connection.close()
        return "down"
    return "ok"


def _check_queue() -> str:
    # The ORM broker's ping() always answers True, so also read the queue length: that
    # touches the queue table (ORM) or the list (Redis) for real.
    try:
        broker = get_broker()
        ok = broker.ping() and broker.queue_size() is not None
    except Exception as exc:
        logger.warning("healthz: task queue check failed: %s", exc)
        return "down"
    return "ok" if ok else "down"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "task_queue": _check_queue()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
