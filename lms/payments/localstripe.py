"""Run and configure localstripe, the fake Stripe server used in demo and tests.

No `stripe` import here: this talks to localstripe's own config endpoints over HTTP.
"""

import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, host: str = "127.0.0.1", timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listened on {host}:{port} within {timeout:.0f}s")


def start(port: int, *, quiet: bool = True) -> subprocess.Popen:
    """Start a fresh localstripe (--from-scratch: no state from an earlier run)."""
    output = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=output,
        stderr=output,
    )
    try:
        wait_for_port(port)
    except TimeoutError:
        process.kill()
        raise
    return process


def configure_webhook(*, api_base: str, webhook_url: str, secret: str, name: str = "app") -> None:
    """Point localstripe's signed webhooks at our endpoint."""
    data = urllib.parse.urlencode({"url": webhook_url, "secret": secret}).encode()
    request = urllib.request.Request(
        f"{api_base}/_config/webhooks/{name}", data=data, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def flush(*, api_base: str) -> None:
    request = urllib.request.Request(f"{api_base}/_config/data", method="DELETE")
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
