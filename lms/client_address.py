"""The client's own address, the one every per-address limit counts: django-axes lockouts
(AXES_CLIENT_IP_CALLABLE), allauth's sign-in limits (lms.accounts.AccountAdapter), our rate
limits (lms.rate_limits) and certificate verification. See docs/security.md.

Directly on the internet Django's REMOTE_ADDR is the client. Behind TRUSTED_PROXY_COUNT
proxies (a load balancer, a CDN) REMOTE_ADDR is the nearest proxy, and each proxy appends
the address it received the request from to X-Forwarded-For; so the client is the entry
TRUSTED_PROXY_COUNT places from the right. Anything to the left of it was written by the
client itself and is never believed."""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    """A normalised IP address from `value` ("1.2.3.4", "1.2.3.4:80", "[::1]:443"), or None."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [IPv6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # IPv4:port
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's IP address, or None when even REMOTE_ADDR is missing or invalid."""
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request reached an inner proxy directly, and the
    # leftmost entry is the furthest address any of our proxies saw.
    entry = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _address(entry) or remote
