"""The one way the product sends email: `email_send`, as text and HTML, from templates/email/.

Each email is three templates: `<name>_subject.txt`, `<name>.txt` and `<name>.html`. Subjects
carry no "[Coalition CE]" prefix: the sender's name (DEFAULT_FROM_EMAIL) says who writes, and
allauth's account emails are set the same way (ACCOUNT_EMAIL_SUBJECT_PREFIX). The django-q2
tasks call the functions here with ids; nothing here changes state.
"""

import functools
import io
from email.mime.image import MIMEImage
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lms.calendars import sessions_calendar
from lms.models import (
    DeliveryFormat,
    Payment,
    Refund,
    Registration,
    ScholarshipApplication,
    SessionCancellation,
    SessionMessageDelivery,
    SessionReschedule,
    TechnicalAssistanceRequest,
    WaitlistEntry,
)
from lms.models.brand import CoalitionBrand
from lms.selectors.registrations import seat_usable

QR_CONTENT_ID = "check-in-qr"


def speaking(person):
    """Everything built inside is in `person`'s language (the coalition's for someone without
    an account or a language): words, dates and the links reverse() makes."""
    return translation.override(getattr(person, "language", "") or settings.LANGUAGE_CODE)


def in_language_of(recipient):
    """Build and send the email in the recipient's language: `recipient(**kwargs)` is the
    person it goes to. Links made inside (reverse) then lead to the pages in that language."""

    def decorator(send):
        @functools.wraps(send)
        def in_language(**kwargs):
            with speaking(recipient(**kwargs)):
                return send(**kwargs)

        return in_language

    return decorator


def email_send(*, template: str, to: list[str], context: dict, attachments=(), images=()) -> None:
    context = {"site_url": settings.SITE_URL, "brand": CoalitionBrand.load(), **context}
    subject = " ".join(render_to_string(f"email/{template}_subject.txt", context).split())
    text = render_to_string(f"email/{template}.txt", context)
    html = render_to_string(f"email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    for content_id, png in images:
        image = MIMEImage(png, "png")
        image.add_header("Content-ID", f"<{content_id}>")
        image.add_header("Content-Disposition", "inline", filename=f"{content_id}.png")
        message.attach(image)
    message.send()


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _registration_context(registration: Registration) -> dict:
    session = registration.session
    meetings = list(session.meetings.all())
    confirmed = seat_usable(registration)
    return {
        "registration": registration,
        "person": registration.person,
        "session": session,
        "training": session.training,
        "meetings": meetings,
        "is_virtual": session.format in (DeliveryFormat.VIRTUAL, DeliveryFormat.HYBRID),
        # A door to check in at: in person or hybrid (a virtual session has none).
        "in_person": session.format != DeliveryFormat.VIRTUAL,
        # The join link goes only to confirmed registrants.
        "join_link": session.online_link if confirmed else "",
        "status_url": _absolute(registration.get_absolute_url()),
        "dashboard_url": _absolute(reverse("lms:dashboard")),
    }


def check_in_qr_png(registration: Registration) -> bytes:
    buffer = io.BytesIO()
    segno.make(registration.check_in_url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def registration_calendar(registration: Registration) -> bytes:
    """An .ics file with one event per meeting; the join link only for a confirmed seat."""
    session = registration.session
    return sessions_calendar(
        [session],
        name=session.training.title,
        domain=urlsplit(settings.SITE_URL).hostname or "coalition-ce",
        url_for=lambda _session: _absolute(registration.get_absolute_url()),
        include_join_link=registration.status == Registration.Status.CONFIRMED,
    )


@in_language_of(lambda registration, **_: registration.person)
def email_registration_confirmed(*, registration: Registration) -> None:
    email_send(
        template="registration_confirmed",
        to=[registration.person.email],
        context=_registration_context(registration),
        attachments=[("training.ics", registration_calendar(registration), "text/calendar")],
        images=[(QR_CONTENT_ID, check_in_qr_png(registration))]
        if registration.session.format != DeliveryFormat.VIRTUAL
        else [],
    )


def _payment_context(payment: Payment) -> dict:
    """A payment's registration context; for a group payment, the group's session with the
    coordinator as the person and their group page as the status link."""
    if not payment.group_id:
        return _registration_context(payment.registration)
    group = payment.group
    context = _registration_context(group.registrations.order_by("pk").first())
    context.update(
        person=group.coordinator,
        group=group,
        status_url=_absolute(reverse("lms:group_pay", args=[group.pk])),
    )
    return context


@in_language_of(lambda payment, **_: payment.group.coordinator)
def email_group_payment_receipt(*, payment: Payment) -> None:
    group = payment.group
    email_send(
        template="group_payment_receipt",
        to=[group.coordinator.email],
        context={
            **_payment_context(payment),
            "payment": payment,
            "attendees": list(group.registrations.select_related("person").order_by("pk")),
        },
    )


@in_language_of(lambda payment, **_: payment.payer)
def email_payment_receipt(*, payment: Payment) -> None:
    if payment.group_id:
        email_group_payment_receipt(payment=payment)
        return
    registration = payment.registration
    email_send(
        template="payment_receipt",
        to=[registration.person.email],
        context={
            **_registration_context(registration),
            "payment": payment,
            "receipt_url": _absolute(reverse("lms:registration_receipt", args=[registration.pk])),
        },
    )


@in_language_of(lambda registration, **_: registration.person)
def email_reminder(*, registration: Registration, days: int) -> None:
    email_send(
        template="reminder",
        to=[registration.person.email],
        context={**_registration_context(registration), "days": days},
        attachments=[("training.ics", registration_calendar(registration), "text/calendar")],
    )


@in_language_of(lambda registration, **_: registration.person)
def email_registration_cancelled(*, registration: Registration, refund_cents: int) -> None:
    email_send(
        template="registration_cancelled",
        to=[registration.person.email],
        context={**_registration_context(registration), "refund_cents": refund_cents},
    )


@in_language_of(lambda refund, **_: refund.payment.payer)
def email_refund_sent(*, refund: Refund) -> None:
    email_send(
        template="refund_sent",
        to=[refund.payment.payer.email],
        context={
            **_payment_context(refund.payment),
            "refund": refund,
            "late_payment": refund.reason == Refund.Reason.SEAT_UNAVAILABLE,
        },
    )


def staff_alert_recipients(group_name: str = "Finance") -> list[str]:
    """The active members of a staff group (Finance by default), else the server address."""
    group = Group.objects.filter(name=group_name).first()
    emails = (
        list(group.user_set.filter(is_active=True).values_list("email", flat=True)) if group else []
    )
    return emails or [settings.SERVER_EMAIL]


def email_staff_scholarship_applied(*, application: ScholarshipApplication) -> None:
    """Program staff hear of a new scholarship application and how long its seat is held."""
    email_send(
        template="staff_scholarship_applied",
        to=staff_alert_recipients("Program staff"),
        context={
            "application": application,
            "person": application.person,
            "session": application.session,
            "training": application.session.training,
            "review_url": _absolute(
                reverse("lms_scholarship_applications:review", args=[application.pk])
            ),
        },
    )


def email_staff_payment_attention(*, payment: Payment) -> None:
    admin_path = reverse("lms_payments:inspect", args=[payment.pk])
    email_send(
        template="staff_payment_attention",
        to=staff_alert_recipients(),
        context={
            **_payment_context(payment),
            "payment": payment,
            "admin_url": _absolute(admin_path),
        },
    )


@in_language_of(lambda application, **_: application.person)
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


@in_language_of(lambda entry, **_: entry.person)
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


@in_language_of(lambda request, **_: request.requester)
def email_ta_request_update(
    *, request: TechnicalAssistanceRequest, event: str, status: str, note: str
) -> None:
    """The requester's email about a change: `status` and `note` are those of the change."""
    email_send(
        template="ta_request_update",
        to=[request.requester_email],
        context={
            "request": request,
            "event": event,
            "status_label": TechnicalAssistanceRequest.Status(status).label,
            "note": note,
        },
    )


@in_language_of(lambda registration, **_: registration.person)
def email_evaluation_invitation(*, registration: Registration) -> None:
    email_send(
        template="evaluation_invitation",
        to=[registration.person.email],
        context={
            "registration": registration,
            "url": settings.SITE_URL + reverse("lms:evaluation", args=[registration.pk]),
        },
    )


@in_language_of(lambda invitation, **_: invitation.person)
def email_survey_invitation(*, invitation, reminder: bool = False) -> None:
    """A survey's invitation, or its one reminder, with the link to answer."""
    survey = invitation.survey
    email_send(
        template="survey_invitation",
        to=[invitation.person.email],
        context={
            "person": invitation.person,
            "survey": survey,
            "reminder": reminder,
            "url": _absolute(reverse("lms:survey_answer", args=[invitation.token])),
        },
    )


def email_self_report_reminder(*, organization) -> None:
    """To each contact of an organization whose self-report is over a year old."""
    contacts = [contact.person for contact in organization.contacts.select_related("person")]
    for person in contacts:
        with speaking(person):
            email_send(
                template="self_report_reminder",
                to=[person.email],
                context={
                    "person": person,
                    "organization": organization,
                    "url": _absolute(reverse("lms:organization_report")),
                },
            )


@in_language_of(lambda request, **_: request.person)
def email_erasure_link(*, request, confirm_url: str) -> None:
    """The link that confirms a person's own request to erase their data."""
    email_send(
        template="erasure_link",
        to=[request.person.email],
        context={
            "person": request.person,
            "confirm_url": confirm_url,
            "privacy_url": _absolute(reverse("lms:privacy")),
            "dashboard_url": _absolute(reverse("lms:dashboard")),
            "hours": settings.ERASURE_LINK_HOURS,
            "years": settings.RETENTION_RECORDS_YEARS,
        },
    )


@in_language_of(lambda person, **_: person)
def email_invitation(*, person, set_password_url: str, invited_as: str, by_name: str) -> None:
    """A person staff created an account for: a link to choose their password."""
    email_send(
        template="invitation",
        to=[person.email],
        context={
            "person": person,
            "set_password_url": set_password_url,
            "invited_as": invited_as,
            "by_name": by_name,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )


@in_language_of(lambda delivery, **_: delivery.person)
def email_session_message(*, delivery: SessionMessageDelivery) -> None:
    """One person's copy of a message staff wrote to a session's registrants."""
    message = delivery.message
    email_send(
        template="session_message",
        to=[delivery.email],
        context={
            "message": message,
            "session": message.session,
            "training": message.session.training,
        },
    )


def email_facilitators_session_cancelled(*, cancellation: SessionCancellation) -> None:
    session = cancellation.session
    # One email per facilitator, each in their own language (their account's, if they have one).
    for facilitator in session.facilitators.select_related("user").exclude(email=""):
        with speaking(facilitator.user):
            email_send(
                template="session_cancelled_facilitators",
                to=[facilitator.email],
                context={
                    "cancellation": cancellation,
                    "session": session,
                    "training": session.training,
                },
            )


@in_language_of(lambda registration, **_: registration.person)
def email_payment_link(*, registration: Registration) -> None:
    """The card payment link for a seat staff added."""
    email_send(
        template="payment_link",
        to=[registration.person.email],
        context=_registration_context(registration),
    )


@in_language_of(lambda registration, **_: registration.person)
def email_session_rescheduled(*, reschedule: SessionReschedule, registration: Registration) -> None:
    """What changed, with the calendar file again: the same event UIDs and a higher SEQUENCE,
    so calendars move the events they already hold."""
    email_send(
        template="session_rescheduled",
        to=[registration.person.email],
        context={**_registration_context(registration), "changes": reschedule.changes},
        attachments=[("training.ics", registration_calendar(registration), "text/calendar")],
    )
