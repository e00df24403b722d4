"""The staff home's "Needs attention" work queue: each line's query, what each staff role
sees (only lines it may act on), the links to where each item is handled, and the email a
new scholarship application sends to Program staff."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.models import BulkIssueRun
from lms.models import (
    Invoice,
    Payment,
    Registration,
    Session,
    SessionReport,
    TechnicalAssistanceRequest,
)
from lms.selectors import work_queue
from lms.services.registrations import registration_create
from lms.services.scholarships import scholarship_apply
from tests.factories import (
    MeetingFactory,
    OrganizationFactory,
    PaymentFactory,
    ProfileFactory,
    SessionFactory,
    UserFactory,
    paid_session,
)
from tests.factories.scholarships import ScholarshipFundFactory

pytestmark = pytest.mark.django_db


def staff(group: str, email: str):
    return UserFactory(email=email, is_staff=True, groups=[group])


@pytest.fixture
def waiting(django_capture_on_commit_callbacks):
    """One of each kind of waiting work."""
    now = timezone.now()
    program = staff("Program staff", "program@example.org")
    staff("Finance", "finance@example.org")
    # A scholarship application holding a seat.
    session, tiers = paid_session(meeting__days_ahead=20)
    held = registration_create(
        session=session, person=ProfileFactory().user, tier=tiers["standard"], attested=True
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = scholarship_apply(
            session=session,
            person=held.person,
            fund=ScholarshipFundFactory(credit_cents=10000),
            need_statement="Our agency cannot pay this year.",
            coverage="full",
        )
    # A payment flagged for a look.
    confirmed = Registration.objects.create(
        session=session,
        person=ProfileFactory().user,
        fee_tier=tiers["standard"],
        status=Registration.Status.CONFIRMED,
        amount_cents=5000,
    )
    flagged = PaymentFactory(
        registration=confirmed, needs_attention=True, attention_note="Refund failed at Stripe"
    )
    PaymentFactory(registration=confirmed)  # not flagged
    # A TA request open, one closed.
    ta = TechnicalAssistanceRequest.objects.create(
        topic="Board governance", requester_name="Ana Diaz", requester_email="ana@example.org"
    )
    TechnicalAssistanceRequest.objects.create(
        topic="Done",
        requester_name="Bo Li",
        requester_email="bo@example.org",
        status=TechnicalAssistanceRequest.Status.CLOSED,
    )
    # An invoice overdue, one not yet due.
    organization = OrganizationFactory()
    today = timezone.localdate()
    overdue = Invoice.objects.create(
        number=9001,
        organization=organization,
        coordinator=program,
        session=session,
        issued_on=today - dt.timedelta(days=40),
        due_on=today - dt.timedelta(days=10),
        total_cents=45000,
    )
    Invoice.objects.create(
        number=9002,
        organization=organization,
        coordinator=program,
        session=session,
        issued_on=today,
        due_on=today + dt.timedelta(days=30),
        total_cents=1000,
    )
    # A session in 3 days with 1 of 10 seats taken, one with 8 of 10.
    empty = SessionFactory(capacity=10, meeting__days_ahead=3)
    full = SessionFactory(capacity=10, meeting__days_ahead=3)
    for _seat in range(8):
        Registration.objects.create(
            session=full, person=ProfileFactory().user, status=Registration.Status.CONFIRMED
        )
    Registration.objects.create(
        session=empty, person=ProfileFactory().user, status=Registration.Status.CONFIRMED
    )
    # A session that ended with no report; one with a filed report.
    unreported = SessionFactory(meeting=False)
    MeetingFactory(session=unreported, starts_at=now - dt.timedelta(days=2))
    reported = SessionFactory(meeting=False)
    MeetingFactory(session=reported, starts_at=now - dt.timedelta(days=2))
    SessionReport.objects.create(session=reported, status=SessionReport.Status.FILED)
    # A bulk certificate run stalled, one done cleanly.
    stalled = BulkIssueRun.objects.create(
        session=unreported, status=BulkIssueRun.Status.RUNNING, total=5, processed=2
    )
    BulkIssueRun.objects.filter(pk=stalled.pk).update(created_at=now - dt.timedelta(hours=1))
    BulkIssueRun.objects.create(session=reported, status=BulkIssueRun.Status.DONE, total=3)
    return {
        "application": application,
        "payment": flagged,
        "ta": ta,
        "invoice": overdue,
        "under_filled": empty,
        "unreported": unreported,
        "run": stalled,
    }


def test_each_query_finds_what_waits_and_nothing_else(waiting):
    now = timezone.now()
    assert list(work_queue.scholarship_applications_waiting()) == [waiting["application"]]
    assert list(work_queue.payments_flagged()) == [waiting["payment"]]
    assert list(work_queue.ta_requests_open()) == [waiting["ta"]]
    assert list(work_queue.invoices_overdue(today=timezone.localdate())) == [waiting["invoice"]]
    assert list(work_queue.sessions_under_filled(now=now)) == [waiting["under_filled"]]
    # The threshold is a setting: at 5% a session with 1 of 10 seats taken is fine.
    assert list(work_queue.sessions_under_filled(now=now, threshold_percent=5)) == []
    assert waiting["unreported"] in work_queue.sessions_without_report(now=now)
    assert not work_queue.sessions_without_report(now=now).filter(
        report__status=SessionReport.Status.FILED
    )
    # Cancelled sessions need no report.
    Session.objects.filter(pk=waiting["unreported"].pk).update(status=Session.Status.CANCELLED)
    assert waiting["unreported"] not in work_queue.sessions_without_report(now=now)


PROGRAM_LINES = {
    "scholarships": ("application", "lms_scholarship_applications:review"),
    "ta_requests": ("ta", "technical_assistance:edit"),
    "under_filled": ("under_filled", "sessions:edit"),
    "session_reports": ("unreported", "sessions:edit"),
    "certificate_runs": ("run", "certificates_admin:run"),
}
FINANCE_LINES = {
    "payments": ("payment", "lms_payments:inspect"),
    "invoices": ("invoice", "lms_invoices:edit"),
}


@pytest.mark.parametrize(
    ("group", "email", "mine", "not_mine"),
    [
        ("Program staff", "program@example.org", PROGRAM_LINES, FINANCE_LINES),
        ("Finance", "finance@example.org", FINANCE_LINES, PROGRAM_LINES),
    ],
)
def test_each_role_sees_the_lines_it_may_act_on_linked_to_where_they_are_handled(
    client, waiting, group, email, mine, not_mine
):
    from lms.models import User

    client.force_login(User.objects.get(email=email))
    page = client.get("/admin/").content.decode()
    assert "Needs attention" in page
    # Above the indicators.
    assert page.index("Needs attention") < page.index("Coalition indicators")
    for key, (item, url_name) in mine.items():
        assert f'data-work-queue="{key}"' in page, key
        assert reverse(url_name, args=[waiting[item].pk]) in page, key
    for key in not_mine:
        assert f'data-work-queue="{key}"' not in page, key
    if group == "Program staff":
        assert "left" in page  # the time left before the held seat lapses
    # Each item's link opens for this role.
    for item, url_name in mine.values():
        assert client.get(reverse(url_name, args=[waiting[item].pk])).status_code == 200


def test_a_new_application_emails_program_staff(waiting):
    (message,) = [m for m in mail.outbox if m.subject.startswith("Scholarship application")]
    assert message.to == ["program@example.org"]
    review = reverse("lms_scholarship_applications:review", args=[waiting["application"].pk])
    assert review in message.body
    assert "held until" in message.body


def test_nothing_waiting_says_so(client):
    client.force_login(staff("Finance", "f2@example.org"))
    assert "Nothing is waiting for you." in client.get("/admin/").content.decode()


def test_the_flag_cleared_takes_the_payment_off_the_queue(waiting):
    Payment.objects.filter(pk=waiting["payment"].pk).update(needs_attention=False)
    assert not work_queue.payments_flagged().exists()
