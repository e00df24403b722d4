"""Several approvals on one certificate: the order per credential, the statements filled in,
states that do not accept a body, and credit categories staff add."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from certificates.approvals import (
    ApprovalFacts,
    approvals_in_print_order,
    printed_approval,
    statement_fill,
    states_notice,
)
from certificates.models import AccreditingBody, CreditCategory
from certificates.services import certificate_pdf_bytes, registration_certificates_issue
from tests.factories import ProfileFactory, TrainingApprovalFactory

from .helpers import certified_session
from .test_issue import pdf_text

LABELS = {"general": "General", "ethics": "Ethics", "cultural_competence": "Cultural competence"}


def _facts(key, body, credentials, *, states=(), attendance=False, **extra) -> ApprovalFacts:
    return ApprovalFacts(
        key=key,
        body=body,
        provider_number=f"P-{key}",
        approval_number=f"A-{key}",
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2027, 12, 31),
        hours_by_category=extra.pop("hours", {"general": D("3")}),
        credentials=frozenset(credentials),
        not_accepted_in_states=tuple(states),
        is_certificate_of_attendance=attendance,
        **extra,
    )


# A training approved by three boards, plus a certificate of attendance.
ACE = _facts(1, "ASWB ACE", {"LSW", "LCSW"}, states=("NJ", "NY", "WV"))
SOCIAL_WORK = _facts(2, "Illinois social work", {"LSW", "LCSW"})
COUNSELORS = _facts(3, "Illinois professional counselors", {"LPC", "LCPC"})
ATTENDANCE = _facts(4, "Certificate of attendance", set(), attendance=True)
TRAINING = [COUNSELORS, ATTENDANCE, SOCIAL_WORK, ACE]


@pytest.mark.parametrize(
    ("credential", "issued_for", "printed"),
    [
        # The certificate's own approval first, then the others covering the credential,
        # then the rest, each group by body name; attendance only when issued for.
        ("LCSW", ACE, ["ASWB ACE", "Illinois social work", "Illinois professional counselors"]),
        ("LCSW", SOCIAL_WORK, ["Illinois social work", "ASWB ACE", "Illinois professional counselors"]),
        ("LSW", ACE, ["ASWB ACE", "Illinois social work", "Illinois professional counselors"]),
        ("LPC", COUNSELORS, ["Illinois professional counselors", "ASWB ACE", "Illinois social work"]),
        ("LCPC", COUNSELORS, ["Illinois professional counselors", "ASWB ACE", "Illinois social work"]),
        ("", ATTENDANCE, ["Certificate of attendance", "ASWB ACE", "Illinois professional counselors", "Illinois social work"]),
        ("LMFT", ATTENDANCE, ["Certificate of attendance", "ASWB ACE", "Illinois professional counselors", "Illinois social work"]),
    ],
)  # fmt: skip
def test_print_order_per_credential(credential, issued_for, printed):
    ordered = approvals_in_print_order(TRAINING, credential=credential, issued_for=issued_for.key)
    assert [a.body for a in ordered] == printed


ACE_STATEMENT = (
    "Provider #{provider_number}. Approval period: {valid_from} – {valid_until}. Social workers "
    "completing this course receive {hours} {categories} continuing education credits."
)


@pytest.mark.parametrize(
    ("template", "hours", "expected"),
    [
        (
            ACE_STATEMENT,
            {"general": D("2"), "ethics": D("1")},
            "Provider #P-1. Approval period: January 1, 2026 – December 31, 2027. Social workers "
            "completing this course receive 3 general and ethics continuing education credits.",
        ),
        (
            "{hours} {categories} hours; presented by {presenters} ({format})",
            {"ethics": D("1.5"), "general": D("0"), "cultural_competence": D("1")},
            "2.5 ethics and cultural competence hours; presented by Dana Reyes, LCSW "
            "(Live interactive webinar)",
        ),
        ("Sponsor {sponsor_number}, approval {approval_number}", {}, "Sponsor P-1, approval A-1"),
        ("An {unknown} placeholder stays", {}, "An {unknown} placeholder stays"),
        ("A stray { brace prints as written", {}, "A stray { brace prints as written"),
    ],
)
def test_statement_fill(template, hours, expected):
    facts = _facts(1, "ASWB ACE", {"LCSW"}, format_wording="Live interactive webinar")
    text = statement_fill(
        template,
        facts=facts,
        hours_by_category=hours,
        labels=LABELS,
        presenters=["Dana Reyes, LCSW"],
    )
    assert text == expected


def test_printed_approval_lists_hours_in_category_order_and_round_trips_its_snapshot():
    facts = _facts(3, "Counselors", {"LPC"}, hours={"ethics": D("1"), "general": D("2")})
    printed = printed_approval(facts, labels=LABELS, credential="LPC")
    assert printed.hours == [("General", D("2")), ("Ethics", D("1"))]
    assert printed.covers_credential
    assert type(printed).from_snapshot(printed.as_snapshot()).hours == printed.hours


@pytest.mark.parametrize(
    ("credential", "state", "expected"),
    [
        ("LCSW", "NY", ["ASWB ACE approvals are not accepted by NY", "also approved by Illinois social work"]),
        ("LCSW", "ny", ["ASWB ACE approvals are not accepted by NY", "also approved by Illinois social work"]),
        ("LCSW", "IL", []),
        ("LPC", "NY", []),  # ACE does not cover counselors: nothing to warn about
        ("", "NY", []),
        ("LCSW", "", []),
    ],
)  # fmt: skip
def test_states_notice(credential, state, expected):
    notices = states_notice(TRAINING, credential=credential, license_state=state)
    assert len(notices) == len(expected)
    for notice, words in zip(notices, expected, strict=True):
        assert words in notice


def test_states_notice_when_no_other_approval_covers_the_credential():
    [refused, advice] = states_notice([ACE, COUNSELORS], credential="LSW", license_state="WV")
    assert "not accepted by WV" in refused
    assert "No other approval of this training covers LSW" in advice


# --- Issued certificates ---------------------------------------------------------------------


def _three_body_session(license_type="LCSW"):
    """The helper's session (in person, social work 2 general + 1 ethics, certificate of
    attendance), also approved by ASWB ACE and the counselors' board."""
    session, social_work, registrations = certified_session(
        participants=1, license_type=license_type
    )
    ace = TrainingApprovalFactory(
        training=session.training,
        body_slug="aswb-ace",
        sponsor_number="",
        approval_number="ACE-7781",
        hours_general=D("2.0"),
        hours_ethics=D("1.0"),
    )
    TrainingApprovalFactory(
        training=session.training,
        body_slug="il-professional-counselors",
        sponsor_number="197.000456",
        approval_number="PC-12",
        hours_general=D("3.0"),
    )
    return session, social_work, ace, registrations[0]


@pytest.mark.django_db
def test_an_lcsw_certificate_prints_its_own_approval_first_and_the_others_below():
    _session, social_work, ace, registration = _three_body_session()
    certificates = {
        c.approval_id: c for c in registration_certificates_issue(registration=registration)
    }
    assert set(certificates) == {social_work.pk, ace.pk}  # both cover LCSW

    ace_certificate = certificates[ace.pk]
    assert ace_certificate.format_label == "In-person, face-to-face"  # ACE's wording
    assert ace_certificate.sponsor_number == "2026-0147"  # the body's provider number
    assert [a["body"] for a in ace_certificate.other_approvals] == [
        "Illinois social work (IDFPR)",
        "Illinois professional counselors (IDFPR)",
    ]
    data = certificate_pdf_bytes(certificate=ace_certificate)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    text = pdf_text(data)
    for expected in [
        "Approved by ASWB Approved Continuing Education",
        "Provider number 2026-0147",
        "Approval number ACE-7781",
        "Coalition CE, provider #2026-0147, is approved as an ACE provider",
        "ACE provider approval period: January 1, 2026 – December 31, 2027",
        "receive 3 general and ethics continuing education credits",
        "Format In-person, face-to-face, Coalition Hall,",
        "This training also holds these approvals",
        "Illinois social work (IDFPR), provider 159.001234, approval IL-SOCIAL-WORK-APP-77; "
        "January 1, 2026 to December 31, 2027; In person; General 2, Ethics 1",
        "Illinois professional counselors (IDFPR), provider 197.000456, approval PC-12",
    ]:
        assert expected in text, expected
    # The board's own approval is the one printed first: its statement, not the others'.
    assert text.index("Approved by ASWB") < text.index("This training also holds")

    social_work_text = pdf_text(certificate_pdf_bytes(certificate=certificates[social_work.pk]))
    assert "(sponsor 159.001234)" in social_work_text
    assert social_work_text.index("This training also holds") < social_work_text.index(
        "ASWB Approved Continuing Education (ACE), provider 2026-0147"
    )


@pytest.mark.django_db
def test_a_category_staff_add_prints_on_the_certificate(staff_client):
    response = staff_client.post(
        "/admin/credit-categories/new/",
        {"name": "Suicide prevention", "code": "suicide_prevention", "sort_order": "60"},
    )
    assert response.status_code == 302
    assert CreditCategory.labels()["suicide_prevention"] == "Suicide prevention"

    session, _social_work, registrations = certified_session(participants=1, license_type="LPC")
    TrainingApprovalFactory(
        training=session.training,
        body_slug="il-professional-counselors",
        hours_general=D("2.0"),
        hours_suicide_prevention=D("1.0"),
    )
    [certificate] = registration_certificates_issue(registration=registrations[0])
    assert certificate.hours == {"general": "2.00", "suicide_prevention": "1.00"}
    assert certificate.hours_lines() == [("General", D("2")), ("Suicide prevention", D("1"))]
    text = pdf_text(certificate_pdf_bytes(certificate=certificate))
    assert "Suicide prevention" in text  # the two columns interleave when read back


@pytest.mark.django_db
def test_a_participant_licensed_where_a_body_is_not_accepted_is_told_before_registering(client):
    session, _social_work, _ace, _registration = _three_body_session()
    profile = ProfileFactory(license_type="LCSW", license_state="NY")
    client.force_login(profile.user)
    text = " ".join(client.get(f"/sessions/{session.pk}/register/").content.decode().split())
    assert "ASWB Approved Continuing Education (ACE) approvals are not accepted by NY" in text

    profile.license_state = "IL"
    profile.save()
    text = client.get(f"/sessions/{session.pk}/register/").content.decode()
    assert "not accepted by" not in text


@pytest.mark.django_db
def test_states_are_kept_upper_case_and_sorted():
    body = AccreditingBody.objects.get(slug="il-social-work")
    body.not_accepted_in_states = "wv; ny,NJ ny"
    body.save()
    body.refresh_from_db()
    assert body.not_accepted_in_states == "NJ, NY, WV"
