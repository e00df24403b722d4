"""/healthz against real parts: the test database, and child servers with broken ones."""

import json
import urllib.error
import urllib.request

import pytest

from lms.payments.localstripe import free_port
from tests.fixtures.processes import gunicorn


def fetch(url):
    try:
        # Generous: the first request loads Django in the worker, slow on a busy 2-core machine.
        with urllib.request.urlopen(url, timeout=90) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.django_db
def test_healthy_when_database_and_queue_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "task_queue": "ok"}


def test_503_when_the_database_is_down():
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/nothing"
    with gunicorn(DATABASE_URL=dead, REDIS_URL=None) as url:
        status, body = fetch(f"{url}/healthz")
    assert status == 503
    assert body["database"] == "down"
    assert body["status"] == "unavailable"


def test_503_when_redis_is_down(tmp_path):
    database = f"sqlite:///{tmp_path / 'health.sqlite3'}"
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    with gunicorn(DATABASE_URL=database, REDIS_URL=dead_redis) as url:
        status, body = fetch(f"{url}/healthz")
    assert status == 503
    assert body == {"status": "unavailable", "database": "ok", "task_queue": "down"}
