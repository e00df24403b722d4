"""The demo's webhook receiver (DEBUG only; 404 otherwise): the coalition endpoint seed_demo
registers points here, so staff can watch signed deliveries arrive at /dev/webhooks/. It
verifies each signature and marks repeats of an event id, as a real receiver would."""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lms.models import WebhookEndpoint
from lms.services.webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, webhook_signature_verify

CACHE_KEY = "dev-webhooks-received"
KEEP = 50


def dev_webhooks_url() -> str:
    return settings.SITE_URL + reverse("lms:dev_webhooks")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def dev_webhooks(request):
    if not settings.DEBUG:
        raise Http404("The webhook receiver exists only in the demo (DEBUG on).")
    received = cache.get(CACHE_KEY, [])
    if request.method == "GET":
        return render(request, "lms/dev_webhooks.html", {"received": received})
    endpoint = WebhookEndpoint.objects.filter(url=dev_webhooks_url()).first()
    verified = endpoint is not None and webhook_signature_verify(
        secret=endpoint.secret, header=request.headers.get(SIGNATURE_HEADER, ""), body=request.body
    )
    event_id = request.headers.get(EVENT_ID_HEADER, "")
    try:
        event = json.loads(request.body)
    except ValueError:
        event = {}
    received.insert(
        0,
        {
            "at": timezone.now(),
            "event_id": event_id,
            "type": event.get("type", ""),
            "verified": verified,
            "repeat": any(r["event_id"] == event_id for r in received),
            "body": json.dumps(event, indent=2)[:4000],
        },
    )
    cache.set(CACHE_KEY, received[:KEEP], timeout=None)
    return HttpResponse(status=200 if verified else 400)
