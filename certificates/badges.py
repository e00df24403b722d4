"""Portable credentials: each certificate as an Open Badges 3.0 credential (a W3C Verifiable
Credential) in its JWT form, signed with the coalition's Ed25519 key by jwcrypto; the
revocation status list; the "Add to LinkedIn profile" link.

The key comes from the environment (OPEN_BADGES_SIGNING_KEY, an Ed25519 private key in PEM);
dev and test generate a throwaway key per process (OPEN_BADGES_THROWAWAY_KEY). Without a key
the badge links are not offered. The public key is published in the issuer profile
(/badges/issuer.json), which the JWT header's `kid` names, so anyone can verify.

Status: one BitstringStatusList credential (/badges/status/revocation.jwt); bit N is the
certificate with id N, set when it is revoked or superseded by a reissue (the corrected
certificate is a new credential)."""

import base64
import datetime as dt
import gzip
import hashlib
import json
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from jwcrypto import jwk, jws, jwt

from certificates.models import Certificate
from lms.rules.money import hours_text

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
STATUS_CONTEXT = ["https://www.w3.org/ns/credentials/v2"]
STATUS_LIST_BITS = 131_072  # the minimum size (16 KB), for herd privacy
KEY_FRAGMENT = "key-1"


class BadgeError(Exception):
    """A credential cannot be made or read (no key, a bad token)."""


@cache
def _throwaway_key() -> jwk.JWK:
    return jwk.JWK.generate(kty="OKP", crv="Ed25519")


def signing_key() -> jwk.JWK | None:
    pem = settings.OPEN_BADGES_SIGNING_KEY
    if pem:
        return _key_from_pem(pem)
    if settings.OPEN_BADGES_THROWAWAY_KEY:
        return _throwaway_key()
    return None


@cache
def _key_from_pem(pem: str) -> jwk.JWK:
    key = jwk.JWK.from_pem(pem.replace("\\n", "\n").encode())
    if key.get("kty") != "OKP" or key.get("crv") != "Ed25519":
        raise BadgeError("OPEN_BADGES_SIGNING_KEY must be an Ed25519 private key (PEM).")
    return key


def badges_enabled() -> bool:
    return signing_key() is not None


def issuer_id() -> str:
    return settings.SITE_URL + reverse("certificates:badge_issuer")


def key_id() -> str:
    return f"{issuer_id()}#{KEY_FRAGMENT}"


def status_list_url() -> str:
    return settings.SITE_URL + reverse("certificates:badge_status_list")


def issuer_profile() -> dict:
    key = signing_key()
    public = json.loads(key.export_public()) if key else None
    profile = {
        "@context": OB_CONTEXT,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": settings.SITE_URL,
    }
    if public:
        profile["verificationMethod"] = [
            {
                "id": key_id(),
                "type": "JsonWebKey",
                "controller": issuer_id(),
                "publicKeyJwk": public,
            }
        ]
    return profile


def _sign(claims: dict, *, typ: str = "JWT") -> str:
    key = signing_key()
    if key is None:
        raise BadgeError("No Open Badges signing key is configured.")
    token = jwt.JWT(header={"alg": "EdDSA", "typ": typ, "kid": key_id()}, claims=claims)
    token.make_signed_token(key)
    return token.serialize()


def _recipient_identity(certificate: Certificate) -> dict:
    """The recipient's email, salted and hashed (Open Badges IdentityObject)."""
    email = certificate.registration.person.email.lower()
    salt = certificate.code
    digest = hashlib.sha256((email + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def badge_credential(certificate: Certificate) -> dict:
    """The Open Badges 3.0 credential of a certificate, as JSON (what the JWT carries)."""
    hours = "; ".join(f"{label}: {hours_text(h)}" for label, h in certificate.hours_lines())
    dates = ", ".join(d.isoformat() for d in certificate.dates())
    approval = f" (approval {certificate.approval_number})" if certificate.approval_number else ""
    narrative = (
        f"Attended {certificate.training_title} ({certificate.format_label}) on {dates}. "
        f"Continuing-education hours approved by {certificate.body_name}{approval}, approval "
        f"period {certificate.approval_valid_from:%Y-%m-%d} to "
        f"{certificate.approval_valid_until:%Y-%m-%d}: {hours}."
    )
    return {
        "@context": OB_CONTEXT,
        "id": certificate.get_verify_url(),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.WAGTAIL_SITE_NAME,
            "url": settings.SITE_URL,
        },
        "validFrom": certificate.issued_at.isoformat(),
        "name": f"{certificate.training_title} – {certificate.get_kind_display()}",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.printed_name,
            "identifier": [_recipient_identity(certificate)],
            "achievement": {
                "id": f"{settings.SITE_URL}/badges/achievements/{certificate.approval_id}",
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": certificate.training_title,
                "description": narrative,
                "criteria": {"narrative": narrative},
                "creditsAvailable": float(certificate.total_hours),
                "fieldOfStudy": "Continuing education",
                "tag": [label for label, _ in certificate.hours_lines()],
                "otherIdentifier": [
                    {
                        "type": "IdentifierEntry",
                        "identifier": number,
                        "identifierType": "identifier",
                    }
                    for number in (certificate.approval_number, certificate.sponsor_number)
                    if number
                ],
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_list_url(),
        },
    }


def badge_jwt(certificate: Certificate) -> str:
    """The credential signed as a VC-JWT (EdDSA over Ed25519)."""
    credential = badge_credential(certificate)
    return _sign(
        {
            "iss": issuer_id(),
            "jti": credential["id"],
            "sub": certificate.code,
            "nbf": int(certificate.issued_at.timestamp()),
            "iat": int(certificate.issued_at.timestamp()),
            "vc": credential,
        }
    )


# --- Status ------------------------------------------------------------------------------------


def _no_longer_standing() -> list[int]:
    return list(
        Certificate.objects.exclude(status=Certificate.Status.VALID).values_list("pk", flat=True)
    )


def encoded_status_list(indexes: list[int]) -> str:
    size = STATUS_LIST_BITS
    while indexes and max(indexes) >= size:
        size += STATUS_LIST_BITS
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)  # the first index is the left-most bit
    return base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")


def status_list_bit(encoded: str, index: int) -> bool:
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_jwt(*, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    credential = {
        "@context": STATUS_CONTEXT,
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": now.isoformat(),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(_no_longer_standing()),
        },
    }
    return _sign(
        {
            "iss": issuer_id(),
            "jti": status_list_url(),
            "iat": int(now.timestamp()),
            "vc": credential,
        }
    )


# --- Checking a credential someone shows ------------------------------------------------------


def badge_check(token: str) -> dict:
    """Verify a pasted credential's signature with our key and read its status now: the
    verification page's answer. Raises BadgeError for anything that is not ours or not intact."""
    key = signing_key()
    if key is None:
        raise BadgeError("Open Badges are not set up here.")
    try:
        signed = jws.JWS()
        signed.deserialize(token.strip())
        signed.verify(key, alg="EdDSA")
        claims = json.loads(signed.payload)
    except (jws.InvalidJWSObject, jws.InvalidJWSSignature, ValueError) as exc:
        raise BadgeError(
            "This is not a credential the coalition signed, or it was changed."
        ) from exc
    code = claims.get("sub", "")
    certificate = Certificate.objects.select_related("superseded_by").filter(code=code).first()
    if certificate is None or claims.get("iss") != issuer_id():
        raise BadgeError("The coalition has no certificate for this credential.")
    return {"claims": claims, "certificate": certificate, "standing": certificate.is_valid}


# --- LinkedIn ----------------------------------------------------------------------------------


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's "Add license or certification" form, filled in."""
    issued = timezone.localtime(certificate.issued_at)
    return "https://www.linkedin.com/profile/add?" + urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.training_title,
            "organizationName": settings.WAGTAIL_SITE_NAME,
            "issueYear": issued.year,
            "issueMonth": issued.month,
            "certUrl": certificate.get_verify_url(),
            "certId": certificate.serial,
        }
    )
