"""Emails for scholarship decisions and waitlist offers (templates in templates/email/)."""

from django.conf import settings
from django.urls import reverse

from lms.models import ScholarshipApplication, WaitlistEntry

from lms.services.emails import email_send


def email_scholarship_decided(*, application: ScholarshipApplication) -> None:
    registration = application.registration
    email_send(
        template="scholarship_decided",
        to=[application.person.email],
        context={
            "application": application,
            "person": application.person,
            "training": application.session.training,
            "session": application.session,
            "awarded": application.status == ScholarshipApplication.Status.AWARDED,
            "amount_left_cents": registration.amount_cents,
            "finish_url": settings.SITE_URL + registration.get_absolute_url(),
        },
    )


def email_waitlist_offer(*, entry: WaitlistEntry) -> None:
    email_send(
        template="waitlist_offer",
        to=[entry.person.email],
        context={
            "entry": entry,
            "person": entry.person,
            "training": entry.session.training,
            "session": entry.session,
            "offer_url": settings.SITE_URL
            + reverse("lms:session_register", args=[entry.session_id]),
        },
    )
