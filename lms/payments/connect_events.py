"""Stripe Connect webhook events, dispatched from the payments webhook endpoint.

The endpoint (lms.payments.webhooks) verifies the signature (STRIPE_WEBHOOK_SECRET, or
STRIPE_CONNECT_WEBHOOK_SECRET for a Connect endpoint) and stores the event id once; its task
calls `handle_connect_event(event)` for the event types it does not handle itself:

    result = handle_connect_event(event)   # None: not a Connect event

`event` may be a Stripe event as a mapping ({"type", "data": {"object": {"id"}}}) or an
object with `.type` and `.object_id` (the endpoint's stored event). Like every webhook here
the event is only a trigger: the account is re-read from Stripe before anything changes.
"""

from collections.abc import Mapping

from lms.services.compensation import connect_account_sync

CONNECT_EVENTS = {"account.updated"}


def _type_and_object_id(event) -> tuple[str, str]:
    if isinstance(event, Mapping):
        data_object = (event.get("data") or {}).get("object") or {}
        return event.get("type", ""), data_object.get("id", "")
    return getattr(event, "type", ""), getattr(event, "object_id", "")


def handle_connect_event(event) -> str | None:
    """Act on a Connect event; returns what was done, or None when the event is not ours."""
    event_type, account_id = _type_and_object_id(event)
    if event_type not in CONNECT_EVENTS:
        return None
    if not account_id:
        return "no account in the event"
    profile = connect_account_sync(account_id=account_id)
    if profile is None:
        return f"no facilitator has connected account {account_id}"
    return f"facilitator pay profile {profile.pk}: {profile.get_connect_status_display()}"
