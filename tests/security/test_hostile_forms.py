"""Every form and upload of ours, fed oversized, malformed and script-carrying values.

For each form: a valid baseline submission, then each field in turn replaced by each hostile
value. The answer is never a server error; a refused submission shows a form error and
changes no row anywhere (nothing half-saved); no page, before or after a redirect, contains
the script or markup unescaped. Each submission runs in a transaction that is rolled back,
so they do not disturb each other."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lms.forms.people import ProfileForm
from lms.forms.technical_assistance import TechnicalAssistanceForm
from lms.models import FeeTier
from lms.services.evaluations import evaluation_standard_create
from lms.services.registrations import registration_create
from tests.factories import (
    FacilitatorFactory,
    MeetingFactory,
    ProfileFactory,
    RegistrationFactory,
    ScholarshipFundFactory,
    SessionFacilitatorFactory,
    StaffFactory,
    TrainingFactory,
    UserFactory,
    paid_session,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
MARKUP = '"><img src=x onerror=alert(1)>'
HOSTILE = {
    "script": SCRIPT,
    "markup": MARKUP,
    "oversized": "A" * 100_000,
    "nul": "abc\x00def",
    "control": "\u202eevil\u200b\ufeff\x1b[31m",
    "sql": "' OR 1=1; DROP TABLE lms_profile; --",
    "huge-number": "9" * 40,
    "negative": "-5",
    "nan": "NaN",
    "infinity": "Infinity",
    "exponent": "1e400",
    "formula": '=HYPERLINK("http://evil.example","x")',
}
UNESCAPED = (SCRIPT.encode(), b"<img src=x onerror")


def row_counts():
    """Rows in every table of ours, and audit entries: what a half-save would change.
    (One query: this runs twice per submission.)"""
    from django.db import connection

    models = [
        m
        for app in ("lms", "certificates")
        for m in apps.get_app_config(app).get_models()
        if m._meta.managed and not m._meta.proxy  # tables that exist
    ] + [ModelLogEntry]
    tables = [connection.ops.quote_name(m._meta.db_table) for m in models]
    with connection.cursor() as cursor:
        # Table names come from our own models, quoted by the backend.
        counts = ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in tables)  # noqa: S608
        cursor.execute(f"SELECT {counts}")
        return dict(zip([m._meta.label for m in models], cursor.fetchone(), strict=True))


def body(response) -> bytes:
    return b"".join(response) if response.streaming else response.content


def fuzz(client, url, baseline: dict, fields, *, files=None, after=None):
    """Submit baseline with each field replaced by each hostile value; collect problems."""
    problems = []
    for field in fields:
        for label, value in HOSTILE.items():
            data = {**baseline, field: value}
            with transaction.atomic():
                before = row_counts()
                response = client.post(url, {**data, **(files or {})})
                where = f"{url} {field}={label}"
                if response.status_code >= 500:
                    problems.append(f"{where}: server error {response.status_code}")
                elif response.status_code == 200 and not _looks_accepted(response, after):
                    if row_counts() != before:
                        problems.append(f"{where}: refused but rows changed")
                    if b"error" not in body(response).lower():
                        problems.append(f"{where}: refused without a visible error")
                pages = [response]
                if response.status_code == 302:
                    pages.append(client.get(response["Location"]))
                for page in pages:
                    if any(marker in body(page) for marker in UNESCAPED):
                        problems.append(f"{where}: rendered unescaped")
                transaction.set_rollback(True)
    return problems


def _looks_accepted(response, after) -> bool:
    return after is not None and after in body(response)


def test_profile_form(client):
    person = ProfileFactory().user
    client.force_login(person)
    baseline = {
        "printed_name": "Dana Smith",
        "license_type": "LCSW",
        "license_number": "149.000123",
        "license_state": "IL",
    }
    fields = ProfileForm.Meta.fields  # every field, including any added later
    assert "\n".join(fuzz(client, reverse("lms:profile_edit"), baseline, fields)) == ""


def test_registration_form(client):
    session, tiers = paid_session()
    client.force_login(ProfileFactory().user)
    baseline = {"tier": tiers["pwyc"].pk, "attest": "on", "chosen_amount": "20"}
    fields = ["tier", "chosen_amount", "discount_code", "attest"]
    url = reverse("lms:session_register", args=[session.pk])
    assert "\n".join(fuzz(client, url, baseline, fields)) == ""


def test_scholarship_application_form(client):
    session, tiers = paid_session()
    person = ProfileFactory().user
    registration = registration_create(
        session=session, person=person, tier=tiers["standard"], attested=True
    )
    fund = ScholarshipFundFactory(credit_cents=10000)
    client.force_login(person)
    baseline = {"fund": fund.pk, "coverage": "amount", "amount": "20", "need_statement": "Need."}
    fields = ["fund", "coverage", "amount", "need_statement", "leads_underrepresented"]
    url = reverse("lms:scholarship_apply", args=[registration.pk])
    assert "\n".join(fuzz(client, url, baseline, fields)) == ""


def test_group_registration_form(client):
    session, tiers = paid_session()
    coordinator = ProfileFactory().user
    client.force_login(coordinator)
    baseline = {
        "tier": tiers["organization"].pk,
        "attendees": "Ana Ruiz, ana@agency.org\nLee Park, lee@agency.org",
        "attest": "on",
    }
    url = reverse("lms:group_register", args=[session.pk])
    assert "\n".join(fuzz(client, url, baseline, ["tier", "attendees", "attest"])) == ""
    # A script in an attendee's name line, and an over-long name, are refused or escaped.
    for attendees in [f"{SCRIPT}, x@agency.org", f"{'N' * 400}, n@agency.org"]:
        assert "\n".join(fuzz(client, url, {**baseline, "attendees": attendees}, [])) == ""


def test_technical_assistance_form(client):
    TrainingFactory()
    baseline = {
        "topic": "Board training",
        "requester_name": "Lee",
        "requester_email": "lee@agency.org",
        "urgency": "routine",
        "preferred_contact": "email",
    }
    fields = TechnicalAssistanceForm.Meta.fields
    url = reverse("lms:technical_assistance")
    assert "\n".join(fuzz(client, url, baseline, fields, after=b"Request received")) == ""


def test_evaluation_form(client, time_machine):
    start = dt.datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    time_machine.move_to(start + dt.timedelta(hours=5))
    session = MeetingFactory(starts_at=start, minutes=180).session
    evaluation = evaluation_standard_create(
        training=session.training, objectives=["Explain the frame"], required=True
    )
    registration = RegistrationFactory(session=session)
    client.force_login(registration.person)
    baseline, fields = {}, []
    for question in evaluation.questions.all():
        name = f"q{question.pk}"
        fields.append(name)
        baseline[name] = {"rating": "4", "yes_no": "no"}.get(question.kind, "Useful.")
    url = reverse("lms:evaluation", args=[registration.pk])
    assert "\n".join(fuzz(client, url, baseline, fields)) == ""


def test_verification_form(client):
    for label, value in HOSTILE.items():
        response = client.get(reverse("certificates:verify_form"), {"code": value})
        assert response.status_code in (200, 404), label
        assert not any(marker in response.content for marker in UNESCAPED), label
    response = client.get(f"/verify/{SCRIPT}/")
    assert response.status_code == 404 and SCRIPT.encode() not in response.content


@pytest.fixture
def virtual_meeting():
    start = dt.datetime(2026, 3, 12, 9, 30, tzinfo=ZoneInfo("America/Chicago"))
    meeting = MeetingFactory(session__format="virtual", starts_at=start, minutes=195)
    session = meeting.session
    lead = FacilitatorFactory(user=UserFactory())
    SessionFacilitatorFactory(session=session, facilitator=lead, role="lead")
    return meeting, lead.user


ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02\xff" * 1000,
        b"%PDF-1.7\n" + b"x" * 100,
        (
            ZOOM_HEADER + f"{SCRIPT},a@b.org,03/12/2026 09:30:00 AM,03/12/2026 12:45:00 PM,195,No\n"
        ).encode(),
        (ZOOM_HEADER + f"{MARKUP},{MARKUP},not a date,{MARKUP},-5,No\n").encode(),
        (ZOOM_HEADER + '=HYPERLINK("http://evil"),=1+1,=cmd|x,@SUM(1),+1,-1\n').encode(),
        ("A," * 10_000 + "\n").encode(),
        ZOOM_HEADER.encode() + b'"unterminated,quote\n' * 3,
        "Ünïcödé,ﬁ,😀\n".encode("utf-16"),
    ],
    ids=[
        "empty",
        "binary",
        "pdf",
        "script-name",
        "markup-everywhere",
        "formulas",
        "wide",
        "bad-quoting",
        "utf16",
    ],
)
def test_virtual_report_upload(client, virtual_meeting, content):
    meeting, facilitator = virtual_meeting
    client.force_login(facilitator)
    url = reverse("lms:facilitate_virtual_report", args=[meeting.session_id, meeting.pk])
    before = row_counts()
    response = client.post(url, {"report": SimpleUploadedFile(f"{SCRIPT}.csv", content)})
    assert response.status_code in (200, 302)
    pages = [response] + ([client.get(response["Location"])] if response.status_code == 302 else [])
    for page in pages:
        assert not any(marker in body(page) for marker in UNESCAPED)
    if response.status_code == 200:
        assert row_counts() == before


def test_virtual_report_upload_limits_are_settings(client, virtual_meeting, settings):
    meeting, facilitator = virtual_meeting
    client.force_login(facilitator)
    url = reverse("lms:facilitate_virtual_report", args=[meeting.session_id, meeting.pk])
    settings.VIRTUAL_REPORT_MAX_BYTES = 1000
    before = row_counts()
    response = client.post(url, {"report": SimpleUploadedFile("big.csv", b"x" * 5000)})
    assert response.status_code == 200 and row_counts() == before
    assert "larger than" in response.content.decode() or "too large" in response.content.decode()


def test_staff_admin_forms(client):
    """The money forms of our admin screens: fund credit, scholarship review, refund."""
    finance = StaffFactory(groups=["Finance", "Program staff"])
    client.force_login(finance)
    fund = ScholarshipFundFactory(credit_cents=10000)
    problems = fuzz(
        client,
        reverse("lms_scholarship_funds:credit", args=[fund.pk]),
        {"amount": "50", "note": "Grant"},
        ["amount", "note"],
    )
    session, tiers = paid_session()
    registration = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    from lms.services.scholarships import scholarship_apply

    application = scholarship_apply(
        session=session,
        person=registration.person,
        fund=fund,
        need_statement="Need",
        coverage="full",
    )
    problems += fuzz(
        client,
        reverse("lms_scholarship_applications:review", args=[application.pk]),
        {"decision": "award", "amount": "10", "message": "Welcome"},
        ["decision", "amount", "message"],
    )
    assert problems == []
    assert FeeTier.objects.exists()
