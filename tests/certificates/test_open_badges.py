"""Open Badges 3.0 credentials, checked by an independent path: PyJWT with the public key
read from the published issuer profile through `cryptography`, never the signing code; the
revocation list decoded by hand; LinkedIn's link; ZIP downloads."""

import base64
import gzip
import hashlib
import io
import json
import zipfile
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.urls import reverse

from certificates.services import certificate_reissue, certificate_revoke
from tests.certificates.helpers import certified_session
from tests.factories import CertificateFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    session, approval, registrations = certified_session(participants=2)
    certificates = [
        CertificateFactory(
            registration=registration,
            approval=approval,
            hours={"general": Decimal("2"), "ethics": Decimal("1")},
        )
        for registration in registrations
    ]
    return session, certificates


def public_key(client) -> Ed25519PublicKey:
    profile = client.get(reverse("certificates:badge_issuer")).json()
    [method] = profile["verificationMethod"]
    jwk = method["publicKeyJwk"]
    assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519") and "d" not in jwk
    raw = base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))
    return Ed25519PublicKey.from_public_bytes(raw)


def downloaded_jwt(response) -> str:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    enveloped = json.loads(response.content)
    assert enveloped["type"] == "EnvelopedVerifiableCredential"
    return enveloped["id"].removeprefix("data:application/vc+jwt,")


def revoked_bit(client, key, index: int) -> bool:
    token = client.get(reverse("certificates:badge_status_list")).content.decode()
    claims = pyjwt.decode(token, key, algorithms=["EdDSA"])
    subject = claims["vc"]["credentialSubject"]
    assert subject["type"] == "BitstringStatusList" and subject["statusPurpose"] == "revocation"
    encoded = subject["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert len(bits) * 8 >= 131_072
    return bool(bits[index // 8] >> (7 - index % 8) & 1)


def test_a_certificate_is_an_open_badge_that_an_independent_verifier_accepts(client, issued):
    _session, [certificate, _other] = issued
    person = certificate.registration.person
    client.force_login(person)
    token = downloaded_jwt(
        client.get(reverse("certificates:certificate_badge", args=[certificate.pk]))
    )
    key = public_key(client)

    header = pyjwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["kid"].endswith("/badges/issuer.json#key-1")
    claims = pyjwt.decode(token, key, algorithms=["EdDSA"])
    credential = claims["vc"]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in credential["@context"]
    assert credential["id"] == certificate.get_verify_url()
    subject = credential["credentialSubject"]
    assert subject["name"] == certificate.printed_name
    achievement = subject["achievement"]
    assert achievement["name"] == "Trauma-Informed Supervision"
    assert achievement["creditsAvailable"] == 3.0  # 2 general + 1 ethics
    assert "General: 2" in achievement["criteria"]["narrative"]
    assert "Ethics: 1" in achievement["criteria"]["narrative"]
    assert certificate.body_name in achievement["criteria"]["narrative"]
    # The recipient's email, salted and hashed, never in clear.
    [identity] = subject["identifier"]
    assert person.email not in token and person.email not in json.dumps(claims)
    salt = identity["salt"]
    assert (
        identity["identityHash"]
        == "sha256$" + hashlib.sha256((person.email.lower() + salt).encode()).hexdigest()
    )
    status = credential["credentialStatus"]
    assert status["statusListIndex"] == str(certificate.pk)
    assert not revoked_bit(client, key, certificate.pk)

    # A changed credential fails the same independent check.
    head, _body, signature = token.split(".")
    forged_claims = {**claims, "vc": {**credential, "name": "Forged"}}
    forged_body = base64.urlsafe_b64encode(json.dumps(forged_claims).encode()).rstrip(b"=")
    forged = f"{head}.{forged_body.decode()}.{signature}"
    with pytest.raises(pyjwt.InvalidSignatureError):
        pyjwt.decode(forged, key, algorithms=["EdDSA"])


def test_revocation_and_reissue_show_in_the_status_list_and_on_the_check_page(client, issued):
    _session, [certificate, other] = issued
    key = public_key(client)
    url = reverse("certificates:verify_badge_json", args=[certificate.code])
    pasted = client.get(url).content.decode()  # the public download from the verify page
    answer = client.post(reverse("certificates:verify_badge"), {"credential": pasted})
    assert answer.status_code == 200 and "is <strong>valid</strong>" in answer.content.decode()

    certificate_revoke(certificate=certificate, reason="Left early", by=StaffFactory())
    assert revoked_bit(client, key, certificate.pk)
    assert not revoked_bit(client, key, other.pk)
    answer = client.post(reverse("certificates:verify_badge"), {"credential": pasted})
    assert "was <strong>revoked</strong>" in answer.content.decode()

    replacement = certificate_reissue(certificate=other, by=StaffFactory())
    assert revoked_bit(client, key, other.pk)
    assert not revoked_bit(client, key, replacement.pk)

    token = downloaded_jwt(client.get(url))
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    refused = client.post(reverse("certificates:verify_badge"), {"credential": tampered})
    assert refused.status_code == 400
    assert "not a credential the coalition signed" in refused.content.decode()


def test_the_transcript_offers_the_badge_linkedin_and_a_zip(client, issued):
    _session, [certificate, other] = issued
    client.force_login(certificate.registration.person)
    page = client.get(reverse("certificates:transcript")).content.decode()
    assert reverse("certificates:certificate_badge", args=[certificate.pk]) in page
    linkedin = next(
        part.split('"')[0]
        for part in page.split('href="')
        if part.startswith("https://www.linkedin.com/profile/add")
    )
    query = parse_qs(urlsplit(linkedin.replace("&amp;", "&")).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["Trauma-Informed Supervision"]
    assert query["organizationName"] == ["Coalition CE"]
    assert query["certId"] == [certificate.serial]
    assert query["certUrl"] == [certificate.get_verify_url()]
    assert query["issueYear"] == [str(certificate.issued_at.year)]

    # Someone else's badge is not theirs to download.
    assert client.get(reverse("certificates:certificate_badge", args=[other.pk])).status_code == 404
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("certificates:certificates_zip")).content)
    )
    assert sorted(archive.namelist()) == [
        f"{certificate.serial}-open-badge.json",
        f"{certificate.serial}.pdf",
    ]
    assert archive.read(f"{certificate.serial}.pdf").startswith(b"%PDF")


def test_staff_download_a_sessions_certificates_as_one_zip(client, issued):
    session, certificates = issued
    url = reverse("certificates:session_certificates_zip", args=[session.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory(groups=["Program staff"]))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {f"{c.serial}.pdf" for c in certificates} <= set(names)
