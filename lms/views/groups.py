"""An agency coordinator registers and pays for a group, and swaps attendees."""

import contextlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import DomainError
from lms.forms.groups import AttendeeSwapForm, GroupRegistrationForm
from lms.models import (
    GroupRegistration,
    Invoice,
    InvoiceLine,
    Payment,
    Registration,
    Session,
)
from lms.rate_limits import rate_limited
from lms.selectors import registrations as selectors
from lms.services import groups as group_services
from lms.services import payments
from lms.services.groups import (
    Attendee,
    attendees_parse,
    group_registration_card_hold,
    group_registration_invoice,
)
from lms.views.errors import domain_error_json, domain_error_show


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited(scope="register", limit_setting="REGISTRATION_PER_HOUR", what="registrations")
def group_register(request, session_id: int):
    """An agency coordinator registers several named staff and chooses "Invoice my
    organization" or one card payment for everyone (seats held while they pay)."""
    session = get_object_or_404(Session.objects.select_related("training"), pk=session_id)
    profile = getattr(request.user, "profile", None)
    organization = profile.organization if profile else None
    tiers = selectors.fee_tiers_for_session(session=session)
    form = GroupRegistrationForm(request.POST or None, tiers=tiers)
    if request.method == "POST" and form.is_valid():
        if organization is None:
            form.add_error(None, "Add your organization to your profile first.")
        else:
            register = (
                group_registration_card_hold
                if form.cleaned_data["payment"] == "card"
                else group_registration_invoice
            )
            try:
                made = register(
                    session=session,
                    coordinator=request.user,
                    organization=organization,
                    tier=form.cleaned_data["tier"],
                    attendees=attendees_parse(form.cleaned_data["attendees"]),
                    attested=form.cleaned_data["attest"],
                )
            except DomainError as exc:
                domain_error_show(request, exc, form=form)
            else:
                if isinstance(made, GroupRegistration):
                    return redirect("lms:group_pay", pk=made.pk)
                invoice = made
                messages.success(
                    request,
                    gettext(
                        "Registered %(count)s people. Invoice %(number)s for your organization "
                        "is on its way; each attendee gets a confirmation."
                    )
                    % {"count": invoice.lines.count(), "number": invoice.display_number},
                )
                return redirect("lms:group_detail", pk=invoice.pk)
    return render(
        request,
        "lms/group_register.html",
        {
            "session": session,
            "form": form,
            "organization": organization,
            "seats_left": selectors.seats_left(session=session, now=timezone.now()),
        },
    )


@login_required
def group_detail(request, pk: int):
    """The coordinator's invoiced group: each attendee, and "Swap" before the session starts."""
    invoice = get_object_or_404(
        Invoice.objects.select_related("session__training", "organization"),
        pk=pk,
        coordinator=request.user,
    )
    registrations = Registration.objects.filter(invoice_lines__invoice=invoice)
    return render(
        request,
        "lms/group_detail.html",
        {
            "invoice": invoice,
            "session": invoice.session,
            **_attendee_list(registrations, invoice.session),
        },
    )


def _attendee_list(registrations, session) -> dict:
    return {
        "attendees": registrations.select_related("person__profile").order_by("pk"),
        "may_swap": not (session.starts_at and session.starts_at <= timezone.now()),
        "swap_form": AttendeeSwapForm(),
    }


@login_required
@require_POST
def group_attendee_swap(request, registration_id: int):
    registration = get_object_or_404(
        Registration.objects.select_related("group"), pk=registration_id
    )
    back = (
        reverse("lms:group_pay", args=[registration.group_id])
        if registration.group_id
        else reverse(
            "lms:group_detail",
            args=[get_object_or_404(InvoiceLine, registration=registration).invoice_id],
        )
    )
    form = AttendeeSwapForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, gettext("Enter your colleague's full name and a valid email address.")
        )
        return redirect(back)
    attendee = Attendee(
        name=form.cleaned_data["name"].strip(), email=form.cleaned_data["email"].strip().lower()
    )
    try:
        group_services.group_attendee_swap(
            registration=registration, coordinator=request.user, attendee=attendee
        )
    except DomainError as exc:
        domain_error_show(request, exc)
    else:
        messages.success(
            request,
            gettext("%(name)s now has the seat and gets their own confirmation.")
            % {"name": attendee.name},
        )
    return redirect(back)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def group_pay(request, pk: int):
    """One card payment for a held group (same card flow as a single registration: SetupIntent,
    then the server creates and confirms the one PaymentIntent of the attempt)."""
    group = get_object_or_404(
        GroupRegistration.objects.select_related("session__training", "organization"),
        pk=pk,
        coordinator=request.user,
    )
    if request.method == "POST":
        return _group_payment_post(request, group)
    if payments.payment_sync_under_way(payments=group.payments, source="group page"):
        group.refresh_from_db()
    setup_secret = ""
    if group.status == GroupRegistration.Status.PENDING_PAYMENT:
        try:
            setup_secret = payments.group_payment_setup_start(group=group)
        except DomainError as exc:
            domain_error_show(request, exc)
    return render(
        request,
        "lms/group_pay.html",
        {
            "group": group,
            "session": group.session,
            "amount_owed": payments.amount_owed(group=group),
            **_attendee_list(group.registrations.all(), group.session),
            "setup_secret": setup_secret,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "last_failed": group.payments.filter(status=Payment.Status.FAILED).first(),
            "processing": group.payments.filter(status=Payment.Status.PROCESSING).exists(),
        },
    )


def _group_payment_post(request, group: GroupRegistration) -> JsonResponse:
    try:
        body = json.loads(request.body or b"{}")
        body = body if isinstance(body, dict) else {}
    except ValueError:
        body = {}
    try:
        if body.get("setup"):
            return JsonResponse({"setup_secret": payments.group_payment_setup_start(group=group)})
        outcome = payments.group_payment_submit(
            group_id=group.pk,
            coordinator=request.user,
            payment_method_id=str(body.get("payment_method", "")),
        )
    except DomainError as exc:
        return domain_error_json(exc)
    data = {
        "status": outcome.status,
        "message": outcome.message,
        "client_secret": outcome.client_secret,
        "redirect_url": reverse("lms:group_pay", args=[group.pk]),
    }
    if outcome.status == Payment.Status.FAILED:
        with contextlib.suppress(payments.PaymentError):
            data["setup_secret"] = payments.group_payment_setup_start(group=group)
    return JsonResponse(data)
