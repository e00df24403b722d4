"""The outbox: a task is written with its change, survives a crash after the commit, is
queued by the drain; and the catch-up of stored events. In-process (both databases).

The broker outage itself is driven with real processes in test_redis_outage.py.
"""

import datetime as dt
import os

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ

from lms.models import DeferredTask, StripeEvent
from lms.payments.webhooks import stripe_events_unprocessed_retry
from lms.services.queue import OUTBOX_GRACE, enqueue_on_commit, task_outbox_drain

PROCESS = "lms.tasks.payments.stripe_event_process"


def stored_event(event_id: str, *, minutes_ago: int = 0) -> StripeEvent:
    event = StripeEvent.objects.create(
        event_id=event_id, type="customer.updated", object_id="cus_1", payload={}
    )
    StripeEvent.objects.filter(pk=event.pk).update(
        received_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return event


def age_outbox():
    DeferredTask.objects.update(created_at=timezone.now() - OUTBOX_GRACE - dt.timedelta(seconds=1))


@pytest.fixture
def broker(monkeypatch):
    """Switch the task broker as the settings would (our code reads Q_CLUSTER, django-q2 its
    Conf, read once at import): `broker("redis://…")` or `broker("orm")`, never sync."""

    def use(kind: str):
        q_cluster = {k: v for k, v in settings.Q_CLUSTER.items() if k not in ("orm", "redis")}
        q_cluster["sync"] = False
        if kind == "orm":
            q_cluster["orm"] = "default"
            monkeypatch.setattr(Conf, "ORM", "default")
        else:
            q_cluster["redis"] = kind
            monkeypatch.setattr(Conf, "ORM", None)
            monkeypatch.setattr(Conf, "REDIS", kind)
        monkeypatch.setattr(settings, "Q_CLUSTER", q_cluster)
        monkeypatch.setattr(Conf, "SYNC", False)

    return use


@pytest.mark.django_db
def test_the_drain_queues_kept_tasks_oldest_first_and_forgets_them():
    first, second = stored_event("evt_a"), stored_event("evt_b")
    for event in (first, second):
        DeferredTask.objects.create(task=PROCESS, args=[event.pk], attempts=1)
    assert task_outbox_drain() == 0  # too young: their own commit hooks may still send them
    age_outbox()
    assert task_outbox_drain() == 2  # tests run tasks in-process (Q_SYNC)
    assert not DeferredTask.objects.exists()
    assert StripeEvent.objects.filter(processed_at__isnull=True).count() == 0
    assert task_outbox_drain() == 0


@pytest.mark.django_db
def test_a_task_is_written_with_its_change_so_a_crash_after_commit_loses_nothing(
    broker, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:9/0")  # nothing listens: the send must not even be tried here
    # The process "dies" right after the commit: the hooks that would send are never run.
    with django_capture_on_commit_callbacks(execute=False) as hooks, transaction.atomic():
        event = stored_event("evt_crash")
        enqueue_on_commit(PROCESS, event.pk)
    assert len(hooks) == 1
    [row] = DeferredTask.objects.all()
    assert (row.task, row.args, row.attempts) == (PROCESS, [event.pk], 0)

    # The next drain (the worker's, broker back to normal) queues it and forgets the row.
    settings.Q_CLUSTER["sync"] = True
    Conf.SYNC = True
    age_outbox()
    assert task_outbox_drain() == 1
    event.refresh_from_db()
    assert event.processed_at is not None
    assert not DeferredTask.objects.exists()


@pytest.mark.django_db
def test_a_change_rolled_back_owes_no_task(broker):
    broker("redis://127.0.0.1:9/0")
    with pytest.raises(RuntimeError), transaction.atomic():
        event = stored_event("evt_rolled_back")
        enqueue_on_commit(PROCESS, event.pk)
        raise RuntimeError("the change fails after queueing its task")
    assert not DeferredTask.objects.exists()
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_an_unreachable_broker_leaves_the_row_with_its_error(
    broker, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:9/0")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(PROCESS, stored_event("evt_down").pk)
    [row] = DeferredTask.objects.all()
    assert row.attempts == 1
    assert "ConnectionError" in row.last_error


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI's PostgreSQL run)")
@pytest.mark.django_db
def test_a_reachable_broker_gets_the_task_and_the_row_is_deleted(
    broker, django_capture_on_commit_callbacks
):
    import redis

    broker(os.environ["REDIS_URL"])
    queue = f"django_q:{Conf.CLUSTER_NAME}:q"
    connection = redis.from_url(os.environ["REDIS_URL"])
    before = connection.llen(queue)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_on_commit(PROCESS, stored_event("evt_up").pk)
        assert DeferredTask.objects.count() == 1  # written with the change
    assert not DeferredTask.objects.exists()
    assert connection.llen(queue) == before + 1
    connection.rpop(queue)  # leave the shared broker as it was


@pytest.mark.django_db
def test_the_orm_broker_queues_inside_the_transaction_of_the_change(broker):
    broker("orm")
    with transaction.atomic():
        enqueue_on_commit(PROCESS, stored_event("evt_orm").pk)
        assert OrmQ.objects.count() == 1  # the queue row commits with the change
    assert not DeferredTask.objects.exists()
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(PROCESS, stored_event("evt_orm_2").pk)
        raise RuntimeError("rolled back")
    assert OrmQ.objects.count() == 1


@pytest.mark.django_db
def test_events_left_unprocessed_are_caught_up_once_they_are_old_enough():
    stale, fresh = stored_event("evt_stale", minutes_ago=10), stored_event("evt_fresh")
    assert stripe_events_unprocessed_retry(older_than_minutes=2) == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.processed_at is not None and stale.result == "ignored"
    assert fresh.processed_at is None  # its own task may still be on the way
    assert stripe_events_unprocessed_retry(older_than_minutes=2) == 0
