"""Realistic demo data drawn from the coalition's FY25 plan. Idempotent: safe to run again.

Called by `manage.py seed_demo` (cms), which also builds the page tree. Catalogue and people
rows are configuration and are created directly; everything a person or staff member does
(registering, paying by invoice, checking in, evaluating, filing a report, applying for a
scholarship, joining a waitlist, approving pay) goes through the same lms.services a click
goes through, so the demo shows only states the product can reach, with their audit entries.
One module per domain:

people         logins, organizations, members, the finished session's attendees
catalogue      topics, facilitators, fee schedules, trainings, sessions
registrations  free registrations, agency group invoices, the participant's seat
attendance     evaluations, a finished and a live session, a TA request
compensation   rate card, pay profiles, statements from a filed report
equity         organization self-reports, demographic answers
scholarships   a fund, a pending application, a waitlist, the coordinator's invoice
payments       card payments (a supporter's, one flagged), an award, an overdue invoice
privacy        an erasure request made by letter, waiting for staff
session_operations  a walk-in checked in, a message sent, a session cancelled by staff
gatherings     two LAC meetings (one held, with check-ins and a sign-in sheet), an
               advocacy day
surveys        an anonymous partner survey sent to partner contacts, two answers, a reminder
api            an API key for an agency's HR system (printed by seed_demo), the coalition's
               webhook endpoint to the demo receiver (/dev/webhooks/)
"""

from lms.demo.api import seed_api_demo, seed_webhooks_demo
from lms.demo.attendance import demo_evaluation_answers, seed_attendance
from lms.demo.catalogue import (
    CADC,
    MFT,
    PC,
    SW,
    TRAININGS,
    demo_training_credentials,
    demo_training_hours,
    demo_trainings,
    seed_catalogue,
)
from lms.demo.compensation import seed_facilitator_pay
from lms.demo.equity import seed_equity_demo
from lms.demo.gatherings import seed_gatherings_demo
from lms.demo.payments import seed_payments_demo
from lms.demo.people import CHICAGO, DEMO_PASSWORD, _verify_email, seed_people
from lms.demo.privacy import seed_privacy_demo
from lms.demo.registrations import seed_registration_demo
from lms.demo.scholarships import seed_scholarships_demo
from lms.demo.session_operations import seed_session_operations_demo
from lms.demo.surveys import seed_surveys_demo

__all__ = [
    "CADC",
    "CHICAGO",
    "DEMO_PASSWORD",
    "MFT",
    "PC",
    "SW",
    "TRAININGS",
    "_verify_email",
    "demo_evaluation_answers",
    "demo_training_credentials",
    "demo_training_hours",
    "demo_trainings",
    "seed_api_demo",
    "seed_attendance",
    "seed_catalogue",
    "seed_equity_demo",
    "seed_facilitator_pay",
    "seed_gatherings_demo",
    "seed_payments_demo",
    "seed_people",
    "seed_privacy_demo",
    "seed_registration_demo",
    "seed_scholarships_demo",
    "seed_session_operations_demo",
    "seed_surveys_demo",
    "seed_webhooks_demo",
]
