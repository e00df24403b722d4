"""The outbox's drain and the catch-up of stored events, in-process (both databases).

The broker outage itself is driven with real processes in test_redis_outage.py.
"""

import datetime as dt

import pytest
from django.utils import timezone

from lms.models import DeferredTask, StripeEvent
from lms.payments.webhooks import stripe_events_unprocessed_retry
from lms.services.queue import task_outbox_drain


def stored_event(event_id: str, *, minutes_ago: int = 0) -> StripeEvent:
    event = StripeEvent.objects.create(
        event_id=event_id, type="customer.updated", object_id="cus_1", payload={}
    )
    StripeEvent.objects.filter(pk=event.pk).update(
        received_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return event


@pytest.mark.django_db
def test_the_drain_queues_kept_tasks_oldest_first_and_forgets_them():
    first, second = stored_event("evt_a"), stored_event("evt_b")
    for event in (first, second):
        DeferredTask.objects.create(
            task="lms.tasks.payments.stripe_event_process", args=[event.pk], attempts=1
        )
    assert task_outbox_drain() == 2  # tests run tasks in-process (Q_SYNC)
    assert not DeferredTask.objects.exists()
    assert StripeEvent.objects.filter(processed_at__isnull=True).count() == 0
    assert task_outbox_drain() == 0


@pytest.mark.django_db
def test_events_left_unprocessed_are_caught_up_once_they_are_old_enough():
    stale, fresh = stored_event("evt_stale", minutes_ago=10), stored_event("evt_fresh")
    assert stripe_events_unprocessed_retry(older_than_minutes=2) == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.processed_at is not None and stale.result == "ignored"
    assert fresh.processed_at is None  # its own task may still be on the way
    assert stripe_events_unprocessed_retry(older_than_minutes=2) == 0
