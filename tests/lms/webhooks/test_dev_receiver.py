"""The demo's webhook receiver checks signatures and marks repeated event ids."""

import json
import time

import pytest
from django.urls import reverse

from lms.demo.api import seed_webhooks_demo
from lms.services.webhooks import webhook_signature

pytestmark = pytest.mark.django_db


def test_the_demo_receiver_verifies_and_marks_repeats(client, settings):
    settings.DEBUG = True
    endpoint = seed_webhooks_demo()
    assert seed_webhooks_demo() == endpoint  # idempotent
    body = json.dumps({"id": "evt_1", "type": "session.cancelled"}).encode()
    signature = webhook_signature(secret=endpoint.secret, timestamp=int(time.time()), body=body)
    url = reverse("lms:dev_webhooks")

    def post(signature):
        return client.post(
            url,
            body,
            content_type="application/json",
            HTTP_COALITION_SIGNATURE=signature,
            HTTP_COALITION_EVENT_ID="evt_1",
        )

    assert post(signature).status_code == 200
    assert post(signature).status_code == 200
    assert post(signature.replace("v1=", "v1=0")).status_code == 400
    page = client.get(url).content.decode()
    assert page.count("<td>session.cancelled</td>") == 3
    assert page.count("(repeat: ignored)") == 2
    assert "<strong>invalid</strong>" in page
    settings.DEBUG = False
    assert client.get(url).status_code == 404
