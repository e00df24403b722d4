"""Every private file path against a real S3-compatible server (moto in server mode, over
HTTP): certificates, invoices, pay statements, W-9s and session materials are written to the
bucket as private objects with the settings' own configuration (config.storage), reach
people only through the views that check who asks, and signed links expire."""

import io
import urllib.error
import urllib.request
import uuid
import zipfile

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from certificates.services import registration_certificates_issue
from config.storage import PRIVATE_LINK_SECONDS, storages_for
from lms.models import SessionMaterial
from lms.payments.localstripe import free_port
from lms.services.groups import group_registration_invoice
from tests.certificates.helpers import certified_session
from tests.factories import (
    FacilitatorPayProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.registrations import paid_session
from tests.lms.compensation.test_pay_statement_pdf import (
    approve,
    statement,  # noqa: F401 (fixture)
    text_of,
)
from tests.lms.invoices.test_agency_invoices import TEAM

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 over HTTP. It does not check signatures or link lifetimes (with its IAM mode
    on, it fails signed query links), so the tests check what we control: objects are
    private, links are signed with SigV4 and carry their lifetime, and views check first."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield {
        "endpoint": f"http://127.0.0.1:{port}",
        "access_key": "coalition",
        "secret_key": "s3cret",
    }
    server.stop()


@pytest.fixture
def bucket(settings, s3_server):
    """A fresh private bucket, and STORAGES built by the settings' own function around it."""
    name = f"coalition-{uuid.uuid4().hex[:10]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server["endpoint"],
        region_name="us-east-1",
        aws_access_key_id=s3_server["access_key"],
        aws_secret_access_key=s3_server["secret_key"],
    )
    client.create_bucket(Bucket=name)
    s3 = storages_for(
        bucket=name,
        endpoint_url=s3_server["endpoint"],
        region="us-east-1",
        access_key=s3_server["access_key"],
        secret_key=s3_server["secret_key"],
    )
    settings.STORAGES = {**settings.STORAGES, "default": s3["default"], "private": s3["private"]}
    return {"name": name, "client": client}


def private_object(bucket, name: str) -> bytes:
    """The object behind a private file, read with the bucket owner's keys; fails if it is
    missing or readable by everyone."""
    key = f"private/{name}"
    acl = bucket["client"].get_object_acl(Bucket=bucket["name"], Key=key)
    public = [
        grant
        for grant in acl["Grants"]
        if grant["Grantee"].get("URI", "").endswith(("AllUsers", "AuthenticatedUsers"))
    ]
    assert not public, public
    return bucket["client"].get_object(Bucket=bucket["name"], Key=key)["Body"].read()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_certificate_pdf_is_a_private_object_served_only_to_its_holder(client, bucket):
    _session, _approval, [registration] = certified_session(participants=1)
    [certificate] = registration_certificates_issue(registration=registration)
    certificate.refresh_from_db()
    stored = private_object(bucket, certificate.pdf.name)
    assert stored.startswith(b"%PDF-")

    url = reverse("certificates:certificate_pdf", args=[certificate.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(registration.person)
    response = client.get(url)
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(body(response))).pages[0].extract_text()
    assert certificate.serial in text


def test_an_invoice_pdf_is_written_to_the_bucket_and_served_to_its_coordinator(
    client, bucket, django_capture_on_commit_callbacks
):
    coordinator = ProfileFactory().user
    session, tiers = paid_session(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=OrganizationFactory(),
            tier=tiers["organization"],
            attendees=TEAM[:1],
            attested=True,
        )
    invoice.refresh_from_db()
    assert private_object(bucket, invoice.pdf.name).startswith(b"%PDF-")
    url = reverse("lms:invoice_pdf", args=[invoice.pk])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert (
        f"INV-{invoice.number:05d}" in PdfReader(io.BytesIO(body(response))).pages[0].extract_text()
    )


def test_a_pay_statement_pdf_is_written_to_the_bucket_and_served_to_finance(
    client,
    bucket,
    statement,  # noqa: F811
):
    statement = approve(statement)
    assert private_object(bucket, statement.pdf.name).startswith(b"%PDF-")
    url = reverse("pay_statements:pdf", args=[statement.pk])
    client.force_login(StaffFactory(groups=["Program staff"]))
    assert client.get(url).status_code in (302, 403)
    client.force_login(StaffFactory(groups=["Finance"]))
    response = client.get(url)
    assert response.status_code == 200
    assert "Pay statement PS-000001" in text_of(body(response))


def test_a_w9_is_kept_private_and_opened_only_by_finance(client, bucket):
    profile = FacilitatorPayProfileFactory(legal_name="Amara N. Okafor")
    profile.w9_file.save("w9.pdf", ContentFile(b"%PDF-1.4 W-9 of Amara"), save=True)
    assert private_object(bucket, profile.w9_file.name) == b"%PDF-1.4 W-9 of Amara"
    url = reverse("pay_profiles:w9", args=[profile.pk])
    client.force_login(StaffFactory(groups=["Program staff"]))
    assert client.get(url).status_code in (302, 403)
    client.force_login(StaffFactory(groups=["Finance"]))
    assert body(client.get(url)) == b"%PDF-1.4 W-9 of Amara"


def test_a_material_is_handed_out_as_a_short_lived_signed_link(client, bucket):
    session = SessionFactory()
    participant = RegistrationFactory(session=session).person
    material = SessionMaterial.objects.create(
        session=session, title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides")
    )
    assert private_object(bucket, material.file.name) == b"%PDF-1.4 slides"
    url = reverse("lms:material_download", args=[material.pk])

    client.force_login(UserFactory())  # not registered
    assert client.get(url).status_code == 404
    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 302
    link = response["Location"]
    assert "X-Amz-Signature=" in link and f"X-Amz-Expires={PRIVATE_LINK_SECONDS}" in link
    assert fetch(link) == (200, b"%PDF-1.4 slides")
    assert "X-Amz-Credential=coalition" in link and "X-Amz-Algorithm=AWS4-HMAC-SHA256" in link
    # moto checks neither signatures nor lifetimes (see s3_server), so a link without its
    # signature or past its time is not refused here; real S3 refuses both.


def test_certificate_zips_read_the_pdfs_from_the_bucket_through_the_views_that_check(
    client, bucket
):
    session, _approval, registrations = certified_session(participants=2)
    for registration in registrations:
        registration_certificates_issue(registration=registration)
    mine = registrations[0].person
    client.force_login(mine)
    archive = zipfile.ZipFile(
        io.BytesIO(body(client.get(reverse("certificates:certificates_zip"))))
    )
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(pdfs) == len(mine.registrations.get().certificates.all())
    for name in pdfs:
        assert archive.read(name).startswith(b"%PDF-")
    # The session's ZIP is for staff only; its PDFs come from the private objects.
    url = reverse("certificates:session_certificates_zip", args=[session.pk])
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory(groups=["Program staff"]))
    names = zipfile.ZipFile(io.BytesIO(body(client.get(url)))).namelist()
    keys = {
        item["Key"] for item in bucket["client"].list_objects_v2(Bucket=bucket["name"])["Contents"]
    }
    assert {name for name in names if name.endswith(".pdf")}
    assert all(key.startswith("private/") for key in keys)
