"""CE hours have one source, the training's approvals (what certificates use): the catalogue,
the training page, its JSON-LD and the "CE for" filter read them, and staff are warned when
an approval grants more hours than a session's meeting minutes allow."""

import datetime as dt
import html
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from certificates.models import TrainingApproval
from tests.factories import SessionFactory, TrainingApprovalFactory, TrainingFactory, UserFactory
from tests.factories.pages import site_with_catalogue, training_page

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content)))


@pytest.fixture
def trainings():
    """Two published trainings: one approved for social work (2.5 hours: 1.5 general, 1
    ethics) and for counselors (2 hours), one whose only approval has expired."""
    _, catalogue = site_with_catalogue()
    today = timezone.localdate()
    approved = TrainingFactory(title="Approved Training", slug="approved-training")
    SessionFactory(training=approved, meeting__days_ahead=10, meeting__minutes=180)
    TrainingApprovalFactory(
        training=approved, hours_general=Decimal("1.5"), hours_ethics=Decimal("1.0")
    )
    TrainingApprovalFactory(
        training=approved, body_slug="il-professional-counselors", hours_general=Decimal("2.0")
    )
    TrainingApprovalFactory(training=approved, body_slug="certificate-of-attendance")
    training_page(catalogue, approved)

    lapsed = TrainingFactory(title="Lapsed Training", slug="lapsed-training")
    SessionFactory(training=lapsed, meeting__days_ahead=12)
    TrainingApprovalFactory(
        training=lapsed,
        valid_from=today - dt.timedelta(days=400),
        valid_until=today - dt.timedelta(days=1),
    )
    training_page(catalogue, lapsed)
    return approved, lapsed


def test_catalogue_shows_hours_from_the_approvals(client, trainings):
    text = _text(client.get("/trainings/"))
    assert "CE hours 2 to 2.5 CE hours (LCPC, LCSW, LPC, LSW)" in text
    # An expired approval promises nothing; a certificate of attendance is not CE.
    assert re.search(r"Lapsed Training .*? CE hours None", text)


def test_training_page_lists_each_approval(client, trainings):
    response = client.get("/trainings/approved-training/")
    text = _text(response)
    assert "Illinois social work" in text
    assert "2.5 CE hours (ethics 1) for LCSW, LSW" in text
    assert "2 CE hours for LCPC, LPC" in text
    raw = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    ).group(1)
    assert json.loads(raw)["educationalCredentialAwarded"] == (
        "2 to 2.5 CE hours (LCPC, LCSW, LPC, LSW)"
    )
    assert "CE hours None" in _text(client.get("/trainings/lapsed-training/"))


def test_ce_for_filter_reads_current_approvals(client, trainings):
    text = _text(client.get("/trainings/", {"credential": "social-work"}))
    assert "Approved Training" in text
    assert "Lapsed Training" not in text
    text = _text(client.get("/trainings/", {"credential": "addiction-counseling"}))
    assert "Approved Training" not in text


def _hours_formset(approval, **hours) -> dict:
    """The approval form's "Credit hours by category" rows: its existing rows with new hours."""
    rows = list(approval.category_hours.select_related("category"))
    data = {
        "category_hours-TOTAL_FORMS": str(len(rows)),
        "category_hours-INITIAL_FORMS": str(len(rows)),
        "category_hours-MIN_NUM_FORMS": "0",
        "category_hours-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {
            f"category_hours-{index}-id": str(row.pk),
            f"category_hours-{index}-category": str(row.category_id),
            f"category_hours-{index}-hours": hours.get(row.category.code, str(row.hours)),
            f"category_hours-{index}-ORDER": str(index + 1),
            f"category_hours-{index}-DELETE": "",
        }
    return data


def test_staff_are_warned_when_an_approval_grants_more_than_the_minutes_allow(client):
    """Social work: 50 minutes a credit hour, in quarter hours. A 120-minute session is worth
    2.25 hours; an approval for 3 is saved, with a warning saying what a certificate gives."""
    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Program staff"))
    client.force_login(staff)
    training = TrainingFactory(title="Short Workshop")
    SessionFactory(training=training, meeting__days_ahead=10, meeting__minutes=120)
    approval = TrainingApprovalFactory(training=training, hours_general=Decimal("2.0"))
    edit_url = f"/admin/ce-approvals/edit/{approval.pk}/"
    assert "worth at most" not in client.get(edit_url).content.decode()

    form = {
        "training": training.pk,
        "body": approval.body.pk,
        "approval_number": approval.approval_number,
        "sponsor_number": approval.sponsor_number,
        "valid_from": approval.valid_from.isoformat(),
        "valid_until": approval.valid_until.isoformat(),
        "credentials": [c.pk for c in approval.credentials.all()],
        "approval_statement": "",
        **_hours_formset(approval, general="3.00"),
    }
    response = client.post(edit_url, form, follow=True)
    assert response.status_code == 200
    assert TrainingApproval.objects.get(pk=approval.pk).hours_by_category() == {"general": 3}
    warning = _text(response)
    assert "120 minutes" in warning
    assert "worth at most 2.25 hours" in warning
    assert "grants 3" in warning
    # The edit form says so too, until the hours or the meetings change.
    assert "worth at most 2.25 hours" in _text(client.get(edit_url))
