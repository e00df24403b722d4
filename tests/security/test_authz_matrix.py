"""Every URL pattern against every role (see tests/security/authz.py for the matrix), and no
personal data in a page for a role that should not see it."""

import datetime as dt
import os
import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern

from certificates.models import (
    CertificateTemplate,
    Credential,
    CreditCategory,
    OutsideCredit,
    RenewalRequirement,
)
from lms.models import (
    DemographicAccess,
    ErasureRequest,
    RetentionRun,
    SessionMaterial,
    TechnicalAssistanceRequest,
    WaitlistEntry,
)
from tests.certificates.helpers import certified_session
from tests.factories import (
    CertificateFactory,
    FacilitatorFactory,
    PayStatementFactory,
    ProfileFactory,
    SessionFacilitatorFactory,
    SessionFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.pages import site_with_catalogue

from .authz import ROLES, matrix_entry
from .url_walk import is_ours, url_patterns, view_model

pytestmark = pytest.mark.django_db

# Written on pages only for people who may see this participant's details.
SECRETS = ("LIC-SECRET-4242", "Needs-Captions-7731", "555-0199")
MISSING = 999999


@pytest.fixture
def world():
    site_with_catalogue()
    session, approval, (registration,) = certified_session(participants=1)
    participant = registration.person
    profile = participant.profile
    profile.license_number = SECRETS[0]
    profile.accessibility_needs = SECRETS[1]
    profile.phone = SECRETS[2]
    profile.save()
    certificate = CertificateFactory(registration=registration, approval=approval)
    lead = session.assignments.get().facilitator
    lead.user = UserFactory(email="lead@coalition.test")
    lead.save()
    other_session = SessionFactory()
    stranger = FacilitatorFactory(user=UserFactory(email="other@coalition.test"))
    SessionFacilitatorFactory(session=other_session, facilitator=stranger, role="lead")
    waiting = WaitlistEntry.objects.create(session=other_session, person=participant, position=1)
    outside = OutsideCredit.objects.create(
        person=participant,
        provider="NASW-IL",
        title="Ethics elsewhere",
        completed_on=dt.date(2026, 1, 5),
        hours=D("3"),
        category=CreditCategory.objects.get(code="ethics"),
        certificate_file=SimpleUploadedFile("ethics.pdf", b"%PDF-1.4 x"),
    )
    RenewalRequirement.objects.create(
        credential=Credential.objects.get_or_create(code="LSW", defaults={"name": "LSW"})[0],
        total_hours=D("30"),
    )
    material = SessionMaterial.objects.create(
        session=session, title="Slides", file=SimpleUploadedFile("slides.pdf", b"%PDF-1.4 x")
    )
    statement = PayStatementFactory(facilitator=lead)
    TechnicalAssistanceRequest.objects.create(
        topic="Help", requester_name="Lee", requester_email="lee@agency.org"
    )
    erasure = ErasureRequest.objects.create(person=UserFactory(), channel="letter")
    RetentionRun.objects.create(purged={"webhook_payloads": 0})
    DemographicAccess.objects.create(what="Demographic answers, page 1 of 1")
    users = {
        "anon": None,
        "participant": participant,
        "facilitator": lead.user,
        "other_facilitator": stranger.user,
    }
    for role, group in (("program", "Program staff"), ("finance", "Finance")):
        users[role] = ProfileFactory(user=StaffFactory(groups=[group])).user
    values = {
        "session_id": session.pk,
        "meeting_id": session.meetings.get().pk,
        "registration_id": registration.pk,
        "material_id": material.pk,
        "statement_id": statement.pk,
        "certificate_id": certificate.pk,
        "code": certificate.code,
        "token": registration.check_in_code,
        "row_id": MISSING,
        "credit_id": outside.pk,
        "mode": "check-in",
        "run_id": MISSING,
    }
    by_name = {
        "lms:waitlist_leave": {"pk": waiting.pk},
        "lms:waitlist_decline": {"pk": waiting.pk},
        "erasure_requests:erase": {"pk": erasure.pk},
        **{f"outside_credits:{name}": {"pk": outside.pk} for name in ("accept", "reject", "file")},
        "erasure_requests:withdraw": {"pk": erasure.pk},
        "certificate_templates:preview": {
            "pk": CertificateTemplate.objects.get_or_create(
                name="Matrix template", defaults={"signatory_name": "M"}
            )[0].pk
        },
        **{
            f"sessions:{name}": {"pk": session.pk}
            for name in ("operations", "cancel", "reschedule", "message", "add_registration")
        },
    }
    return {"users": users, "values": values, "by_name": by_name, "registration": registration}


def concrete_path(route: str, name: str, pattern: URLPattern, world) -> str | None:
    """The route with its parameters filled from the world; None for regex routes."""
    if "^" in route or "(" in route:  # a regular expression route: not requested
        return None

    def fill(match):
        param = match.group(2)
        special = world["by_name"].get(name, {})
        if param in special:
            return str(special[param])
        if param == "pk":
            model = view_model(pattern)
            if name.startswith("lms:registration") or name.startswith("lms:scholarship_apply"):
                return str(world["registration"].pk)
            if model is None:
                return str(MISSING)
            first = model.objects.order_by("pk").first()
            return str(first.pk if first else MISSING)
        return str(world["values"].get(param, "x"))

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def answer_of(response) -> str:
    code = response.status_code
    if 200 <= code < 300:
        return "ok"
    if code in (301, 302):
        where = response["Location"]
        if where.startswith("/accounts/login/"):
            return "login"
        if where.startswith("/admin/login/"):
            return "admin"
        if where.rstrip("/") == "/admin":
            return "denied"  # Wagtail's "Sorry, you do not have permission" bounce
        return "away"
    return {403: "denied", 404: "404", 405: "405"}.get(code, str(code))


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    observe = os.environ.get("AUTHZ_OBSERVE")
    problems = []
    for route, name, pattern in url_patterns():
        ours = is_ours(route, pattern) or not route.startswith("admin/")
        entry = matrix_entry(name, route, ours=ours)
        if entry is None:
            problems.append(f"{route} ({name}): no entry in the authorization matrix")
            continue
        expected = entry["answers"][role]
        if expected is None:  # not asked for this role (Wagtail's own screens, for staff)
            continue
        path = entry.get("path") or concrete_path(route, name, pattern, world)
        if path is None:
            continue
        with transaction.atomic():
            response = client.post(path, {}) if entry.get("method") == "post" else client.get(path)
            transaction.set_rollback(True)
        got = answer_of(response)
        if observe:
            print(f"OBSERVED {role:18} {got:7} {name:50} {path}")
        if got != expected:
            problems.append(f"{role}: {path} ({name}) answered {got}, expected {expected}")
        if got == "ok" and role not in entry.get("sees_personal", ()):
            body = b"".join(response) if response.streaming else response.content
            leaked = [s for s in SECRETS if s.encode() in body]
            if leaked:
                problems.append(f"{role}: {path} ({name}) shows personal data {leaked}")
    assert not problems, "\n".join(problems)


def test_uploaded_files_are_never_served_directly(client, world):
    """Files reach people only through the views above, which check who asks: nothing under
    MEDIA_URL is served by Django outside DEBUG, and private files have no URL at all."""
    from certificates.models import Certificate
    from certificates.services import certificate_pdf_store

    certificate = Certificate.objects.get()
    certificate_pdf_store(certificate=certificate)
    material = SessionMaterial.objects.get()
    for name in (certificate.pdf.name, material.file.name):
        assert client.get(f"/media/{name}").status_code == 404
    client.force_login(world["users"]["participant"])
    assert client.get(f"/media/{certificate.pdf.name}").status_code == 404
    response = client.get(f"/my/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200 and b"".join(response).startswith(b"%PDF")
