"""API keys: issue (shown once, stored as a digest), revoke, find by the presented key, log
each use, and register a named staff member on the organization's invoice.

Registering goes through lms.services.groups.group_registration_invoice, the same service as
the coordinator's "Invoice my organization" form: the API adds no rule of its own about
seats, prices or invoices."""

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lms.errors import DomainError
from lms.models import ApiKey, ApiKeyUse, ApiScope, FeeTier, Organization, Registration, Session
from lms.selectors.registrations import fee_tiers_for_session
from lms.services.audit import audit_log
from lms.services.groups import Attendee, group_registration_invoice
from lms.services.organizations import is_contact

KEY_START = "cce_"


class ApiKeyError(DomainError):
    """An API key rule said no; `message` is for staff or for the API client."""


@dataclass(frozen=True)
class IssuedKey:
    key: ApiKey
    secret: str  # the whole key: shown once, never stored


def key_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def api_key_issue(
    *,
    organization: Organization,
    name: str,
    scopes: Iterable[str],
    coordinator=None,
    by=None,
) -> IssuedKey:
    """A new key for `organization`. The returned `secret` is the only copy of the key."""
    scopes = sorted(set(scopes))
    unknown = set(scopes) - set(ApiScope.values)
    if unknown:
        raise ApiKeyError(f"Unknown scopes: {', '.join(sorted(unknown))}.")
    if not scopes:
        raise ApiKeyError("Choose at least one thing the key may do.")
    if not name.strip():
        raise ApiKeyError("Name the key after what will use it.")
    if ApiScope.CREATE_REGISTRATIONS in scopes:
        if coordinator is None:
            raise ApiKeyError(
                "A key that registers staff needs the contact to whom invoices are addressed."
            )
        if not is_contact(person=coordinator, organization=organization):
            raise ApiKeyError(
                f"{coordinator} is not a contact of {organization.name}: add them as a contact "
                "first, or choose one of its contacts."
            )
    prefix = secrets.token_hex(4)
    secret = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        key = ApiKey.objects.create(
            organization=organization,
            name=name.strip(),
            prefix=prefix,
            key_digest=key_digest(secret),
            scopes=scopes,
            coordinator=coordinator,
            created_by=by,
        )
        audit_log(instance=key, action="lms.api_key.issue", user=by, data={"scopes": scopes})
    return IssuedKey(key=key, secret=secret)


def api_key_revoke(*, key: ApiKey, by, now: dt.datetime | None = None) -> ApiKey:
    """Revoke a key at once; revoking twice changes nothing."""
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key.pk)
        if key.revoked_at is not None:
            return key
        key.revoked_at = now or timezone.now()
        key.revoked_by = by
        key.save(update_fields=["revoked_at", "revoked_by"])
        audit_log(instance=key, action="lms.api_key.revoke", user=by)
    return key


def api_key_find(secret: str) -> ApiKey | None:
    """The key (revoked or not) whose whole text is `secret`, or None."""
    if not secret.startswith(KEY_START):
        return None
    prefix = secret[len(KEY_START) :].partition("_")[0]
    key = ApiKey.objects.select_related("organization").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.key_digest, key_digest(secret)):
        return None
    return key


def api_key_use_record(
    *, key: ApiKey, method: str, path: str, status_code: int, client_address: str | None
) -> ApiKeyUse:
    now = timezone.now()
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return ApiKeyUse.objects.create(
        key=key,
        method=method[:10],
        path=path[:300],
        status_code=status_code,
        client_address=client_address,
    )


def api_registration_create(
    *,
    key: ApiKey,
    session: Session,
    tier: FeeTier,
    name: str,
    email: str,
    attested: bool,
    now: dt.datetime | None = None,
) -> Registration:
    """Register one named staff member of the key's organization for `session`, on the
    organization's invoice (confirmed at once, invoice PDF after commit)."""
    if not key.has_scope(ApiScope.CREATE_REGISTRATIONS) or key.coordinator_id is None:
        raise ApiKeyError("This key may not register staff.")
    if not fee_tiers_for_session(session=session).filter(pk=tier.pk).exists():
        raise ApiKeyError("This fee tier is not one of the session's tiers.")
    invoice = group_registration_invoice(
        session=session,
        coordinator=key.coordinator,
        organization=key.organization,
        tier=tier,
        attendees=[Attendee(name=name.strip(), email=email.strip().lower())],
        attested=attested,
        now=now,
    )
    return invoice.lines.select_related("registration").get().registration
