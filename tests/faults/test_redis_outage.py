"""Redis (the django-q2 broker) stops while the web serves: real gunicorn, qcluster and
redis-server processes. The redis-server is our own on a free port, never the shared one.

Pages keep working, /healthz answers 503 with the queue down, and work queued during the
outage (here: a Stripe webhook's processing) is kept in the outbox and done once Redis is back.
"""

import json
import urllib.error
import urllib.request

import pytest
from django_q.models import Schedule

from lms.models import DeferredTask, StripeEvent
from tests.fixtures.payments import signed_event
from tests.fixtures.processes import gunicorn, qcluster, redis_server, shared_database_url
from tests.fixtures.waiting import wait_until

SECRET = "whsec_outage"


def request(url, *, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def deliver(base, event_id):
    payload, signature = signed_event(
        secret=SECRET,
        event_id=event_id,
        event_type="customer.updated",
        data_object={"id": "cus_outage", "object": "customer"},
    )
    return request(
        f"{base}/payments/stripe/webhook/",
        data=payload,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pages_and_queued_work_survive_a_redis_outage():
    # The flush of transactional tests removed the migration's schedule: put it back, due now.
    Schedule.objects.create(
        name="drain",
        func="lms.tasks.task_outbox.task_outbox_drain",
        schedule_type="I",
        minutes=1,
        repeats=-1,
    )
    with redis_server() as redis:
        env = {
            "DATABASE_URL": shared_database_url(),
            "REDIS_URL": redis.url,
            "Q_SYNC": "0",
            "STRIPE_WEBHOOK_SECRET": SECRET,
        }
        with gunicorn(workers=2, **env) as base, qcluster(**env) as cluster:
            assert request(f"{base}/healthz")[0] == 200
            assert deliver(base, "evt_before") == (200, "ok")
            wait_until(
                lambda: StripeEvent.objects.filter(processed_at__isnull=False).count() == 1,
                timeout=120,
                interval=1,
                reconnect=True,
                what="the worker to process the first event",
            )

            pages = ("/accounts/login/", "/accounts/signup/")
            before = {path: request(f"{base}{path}")[0] for path in pages}
            assert before == {"/accounts/login/": 200, "/accounts/signup/": 200}

            redis.stop()
            during = {path: request(f"{base}{path}")[0] for path in pages}
            assert during == before, "pages changed their answer with Redis down"
            status, body = request(f"{base}/healthz")
            assert status == 503
            assert json.loads(body) == {
                "status": "unavailable",
                "database": "ok",
                "task_queue": "down",
            }
            # Work queued now: the event is stored and acknowledged, its task kept.
            assert deliver(base, "evt_during") == (200, "ok")
            [deferred] = DeferredTask.objects.all()
            assert deferred.task == "lms.tasks.payments.stripe_event_process"
            assert deferred.args == [StripeEvent.objects.get(event_id="evt_during").pk]
            assert "ConnectionError" in deferred.last_error

            redis.start()  # the same port: the web and the worker reconnect by themselves
            assert cluster.poll() is None, "the cluster died with Redis"
            wait_until(
                lambda: StripeEvent.objects.filter(
                    event_id="evt_during", processed_at__isnull=False
                ).exists(),
                timeout=240,
                interval=1,
                reconnect=True,
                what="the event queued during the outage to be processed",
            )
            assert not DeferredTask.objects.exists()
            assert request(f"{base}/healthz")[0] == 200
    assert StripeEvent.objects.count() == 2
    assert StripeEvent.objects.filter(processed_at__isnull=True).count() == 0
