"""Demo scholarships, waitlists and an agency invoice for the coordinator login."""

import datetime as dt

from django.utils import timezone

from lms.demo.people import confirm_member, demo_login
from lms.models import (
    FeeTier,
    Organization,
    Profile,
    Session,
    User,
)
from lms.services.demographics import self_report_propose
from lms.services.organizations import contact_add

EQUITY_FUND = "Frontline Worker Equity Fund"


def seed_scholarships_demo(*, today=None):
    """A sponsored fund with credits, a pending application, a waitlist on a full session and
    an agency invoice, so each scholarship, waitlist and agency journey can be tried from `make demo`."""
    from lms.models import Invoice, ScholarshipApplication, ScholarshipFund, WaitlistEntry
    from lms.selectors import registrations as selectors
    from lms.services import groups, invoices, scholarship_ledger, scholarships, waitlists
    from lms.services.registrations import session_closed_reason

    today = today or timezone.localdate()
    now = timezone.now()
    staff = User.objects.get(email="staff@demo.test")
    fund, created = ScholarshipFund.objects.get_or_create(
        name=EQUITY_FUND,
        defaults={
            "sponsor_kind": ScholarshipFund.SponsorKind.FOUNDATION,
            "sponsor_name": "Lakeside Community Foundation",
            "period_start": dt.date(today.year, 1, 1),
            "period_end": dt.date(today.year + 1, 6, 30),
            "award_cap_per_person_year_cents": 30000,
            "no_show_policy": ScholarshipFund.NoShowPolicy.RELEASE,
            "no_show_wait_months": 6,
        },
    )
    if created:
        scholarship_ledger.fund_credit(
            fund=fund, amount_cents=200000, note="Lakeside FY26 grant", by=staff
        )
        scholarship_ledger.fund_credit(
            fund=fund, amount_cents=25000, note="Donation from a board member", by=staff
        )

    upcoming = list(
        Session.objects.filter(starts_at__gt=now, status=Session.Status.SCHEDULED)
        .select_related("training", "fee_schedule")
        .order_by("starts_at")
    )
    paid_open = [
        s
        for s in upcoming
        if s.effective_fee_schedule is not None
        and session_closed_reason(session=s, now=now) is None
        and selectors.seats_left(session=s, now=now) >= 4
    ]

    applicant = demo_login("applicant@demo.test", "Jordan", "Lee")
    Profile.objects.update_or_create(
        user=applicant,
        defaults={
            "printed_name": "Jordan Lee",
            "organization": Organization.objects.get(name="Little Egypt Recovery Network"),
            "job_title": "Peer recovery specialist",
        },
    )
    confirm_member(applicant)
    if paid_open and not ScholarshipApplication.objects.filter(person=applicant).exists():
        session = paid_open[0]
        tier = session.effective_fee_schedule.tiers.order_by("sort_order").first()
        scholarships.scholarship_apply(
            session=session,
            person=applicant,
            fund=fund,
            tier=tier,
            attested=True,
            coverage=ScholarshipApplication.Coverage.FULL,
            need_statement=(
                "Our recovery network has no training budget this year; I would bring the "
                "framing tools back to our peer specialists."
            ),
        )

    full = next(
        (s for s in upcoming if s.capacity and selectors.seats_left(session=s, now=now) == 0),
        None,
    )
    if full and not WaitlistEntry.objects.filter(session=full).exists():
        full.waitlist_priority = Session.WaitlistPriority.FIRST_TIME
        full.save(update_fields=["waitlist_priority"])
        participant = User.objects.get(email="participant@demo.test")
        for person in (participant, demo_login("newcomer@demo.test", "Riley", "Chen")):
            waitlists.waitlist_join(session=full, person=person, now=now)

    coordinator = demo_login("coordinator@demo.test", "Morgan", "Ellis")
    organization = Organization.objects.get(name="Prairie State Housing Collaborative")
    Profile.objects.update_or_create(
        user=coordinator,
        defaults={
            "printed_name": "Morgan Ellis",
            "organization": organization,
            "job_title": "Training coordinator",
        },
    )
    # Morgan is Prairie State's designated contact: she may change what it reports.
    contact_add(
        organization=organization,
        person=coordinator,
        role="Training coordinator",
        by=User.objects.get(email="staff@demo.test"),
    )
    confirm_member(coordinator)
    # Riley picked an organization on her profile; Program staff have not confirmed her yet,
    # so she pays community or standard rates until they do (admin → Organizations).
    riley = demo_login("newcomer@demo.test", "Riley", "Chen")
    Profile.objects.update_or_create(
        user=riley,
        defaults={
            "printed_name": "Riley Chen",
            "organization": Organization.objects.get(name="Lakefront Youth Alliance"),
            "job_title": "Youth worker",
        },
    )
    lakefront = Organization.objects.get(name="Lakefront Youth Alliance")
    if not lakefront.self_report_proposals.exists():
        # Riley is not Lakefront's contact: her answers wait for staff on its page.
        self_report_propose(
            organization=lakefront,
            by=riley,
            answers={
                "budget_band": "500k_5m",
                "sub_sector": "youth",
                "people_employed": "11_50",
                "populations_served": "Young people 14 to 24 on Chicago's South Side",
                "led_by_underrepresented": "yes",
                "leadership": ["leaders_black", "leaders_latine"],
            },
        )
    group_sessions = [s for s in paid_open if s.pk != (paid_open[0].pk if paid_open else None)]
    if group_sessions and not Invoice.objects.filter(coordinator=coordinator).exists():
        session = group_sessions[0]
        tier = (
            session.effective_fee_schedule.tiers.filter(kind=FeeTier.Kind.ORGANIZATION)
            .order_by("sort_order")
            .first()
            or session.effective_fee_schedule.tiers.order_by("sort_order").first()
        )
        invoice = groups.group_registration_invoice(
            session=session,
            coordinator=coordinator,
            organization=organization,
            tier=tier,
            attendees=[
                groups.Attendee("Alex Moreno", "alex.moreno@prairiehousing.example"),
                groups.Attendee("Bea Thompson", "bea.thompson@prairiehousing.example"),
                groups.Attendee("Chris Nguyen", "chris.nguyen@prairiehousing.example"),
            ],
            attested=True,
        )
        invoices.invoice_pdf_render(invoice_id=invoice.pk)
    return fund
