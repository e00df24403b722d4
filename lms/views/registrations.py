"""Registering for a session, paying, the status page, receipts and self-service cancellation.

Thin views: forms collect, services decide, selectors read. Amounts shown or charged always
come from the registration the server priced; nothing the browser sends changes them.
"""

import datetime as dt
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.errors import DomainError
from lms.forms.people import ProfileForm
from lms.forms.registrations import CancelForm, OnBehalfForm, RegistrationForm
from lms.models import (
    DeliveryFormat,
    FeeTier,
    Payment,
    Profile,
    Registration,
    Session,
    WaitlistEntry,
)
from lms.rate_limits import rate_limited
from lms.rules.money import dollars
from lms.selectors import registrations as selectors
from lms.services import emails, payments, registrations
from lms.services.organizations import membership_after_profile_save, membership_confirmed
from lms.views.errors import domain_error_json, domain_error_show

# The status page shows the path's "Done" step this long after the seat is confirmed.
JUST_REGISTERED = dt.timedelta(minutes=30)


def own_registration(request, pk: int) -> Registration:
    """The signed-in person's own registration, or 404 (never another person's)."""
    try:
        return selectors.registration_for_owner(pk=pk, person=request.user)
    except Registration.DoesNotExist as exc:
        raise Http404("No such registration of yours.") from exc


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile, _created = Profile.objects.get_or_create(
        user=request.user, defaults={"printed_name": request.user.get_full_name()}
    )
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    previous_organization_id = profile.organization_id
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        membership_after_profile_save(
            profile=profile, previous_organization_id=previous_organization_id
        )
        messages.success(request, _("Your profile is saved."))
        if profile.organization_id and not profile.organization_confirmed_on:
            messages.info(
                request,
                _(
                    "%(organization)s's price and partner discount apply once it confirms you "
                    "work there: its contact or coalition staff will confirm."
                )
                % {"organization": profile.organization.name},
            )
        return redirect(next_url or "lms:dashboard")
    return render(request, "lms/profile_form.html", {"form": form, "next": next_url})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(scope="register", limit_setting="REGISTRATION_PER_HOUR", what="registrations")
def session_register(request, session_id: int):
    session = get_object_or_404(
        Session.objects.select_related("training", "fee_schedule", "training__fee_schedule"),
        pk=session_id,
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    existing = selectors.registration_active_for(session=session, person=request.user)
    if existing:
        messages.info(request, registrations.already_registered_message(existing))
        return redirect(existing)
    if registrations.profile_missing_fields(person=request.user):
        messages.info(request, _("Before you register, please complete your profile."))
        return redirect(f"{reverse('lms:profile_edit')}?next={request.path}")

    now = timezone.now()
    closed_reason = registrations.session_closed_reason(session=session, now=now)
    seats_left = selectors.seats_left(session=session, now=now, person=request.user)
    waitlist_place = WaitlistEntry.objects.filter(
        session=session,
        person=request.user,
        status__in=(WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED),
    ).first()
    tiers = selectors.fee_tiers_for_session(session=session)
    is_free = session.effective_fee_schedule is None
    form = None
    profile = registrations.profile_of(request.user)
    on_behalf = None
    if session.training.is_gathering and profile is not None and profile.organization_id:
        on_behalf = OnBehalfForm(request.POST or None, organization=profile.organization)
    if not is_free:
        form = RegistrationForm(
            request.POST or None,
            tiers=tiers,
            preselected=_preselected_tier(request.user, tiers),
            organization=profile.organization if profile else None,
        )
    if (
        request.method == "POST"
        and not closed_reason
        and (is_free or form.is_valid())
        and (on_behalf is None or on_behalf.is_valid())
    ):
        try:
            registration = registrations.registration_create(
                session=session,
                person=request.user,
                tier=None if is_free else form.cleaned_data["tier"],
                attested=bool(not is_free and form.cleaned_data["attest"]),
                chosen_amount_cents=None if is_free else form.cleaned_data["chosen_amount_cents"],
                discount_code="" if is_free else form.cleaned_data["discount_code"],
                for_organization=bool(on_behalf and on_behalf.cleaned_data["for_organization"]),
                now=now,
            )
        except DomainError as exc:
            domain_error_show(request, exc, form=form)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, _("You are registered. A confirmation email is on its way.")
                )
                return redirect(registration)
            return redirect("lms:registration_pay", pk=registration.pk)
    return render(
        request,
        "lms/session_register.html",
        {
            "session": session,
            "meetings": session.meetings.all(),
            "form": form,
            "on_behalf": on_behalf,
            "is_free": is_free,
            "closed_reason": closed_reason,
            "seats_left": seats_left,
            "waitlist_place": waitlist_place,
            "hold_minutes": settings.SEAT_HOLD_MINUTES,
            "waitlist_offer_hours": settings.WAITLIST_OFFER_HOURS,
            "notices": selectors.registration_notices(session=session, person=request.user),
        },
    )


def _preselected_tier(person, tiers):
    """The organization tier for the person's organization's budget band, if there is one."""
    profile = Profile.objects.filter(user=person).select_related("organization").first()
    if not membership_confirmed(profile):
        return None
    band = profile.organization.budget_band
    if not band:
        return None
    return tiers.filter(kind=FeeTier.Kind.ORGANIZATION, budget_band=band).first()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def registration_pay(request, pk: int):
    registration = own_registration(request, pk)
    if request.method == "POST":
        return _payment_submit(request, registration)
    try:
        setup_secret = payments.payment_setup_start(registration=registration)
    except DomainError as exc:
        domain_error_show(request, exc)
        return redirect(registration)
    open_payment = registration.payments.filter(status__in=Payment.OPEN).first()
    last_failed = registration.payments.filter(status=Payment.Status.FAILED).first()
    return render(
        request,
        "lms/registration_pay.html",
        {
            "registration": registration,
            "session": registration.session,
            "amount_owed": payments.amount_owed(registration=registration),
            "setup_secret": setup_secret,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_js_url": settings.STRIPE_JS_URL,
            "open_payment": open_payment,
            "last_failed": last_failed,
            "can_cancel": registrations.registration_cancel_refusal(
                registration=registration, now=timezone.now()
            )
            is None,
        },
    )


def _payment_submit(request, registration: Registration) -> JsonResponse:
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError("not an object")
    except ValueError:
        body = {}
    if body.get("setup"):
        # A declined card ends its SetupIntent; the card form asks for a new one.
        try:
            return JsonResponse(
                {"setup_secret": payments.payment_setup_start(registration=registration)}
            )
        except DomainError as exc:
            return domain_error_json(exc)
    payment_method_id = str(body.get("payment_method", ""))
    try:
        outcome = payments.payment_submit(
            registration_id=registration.pk,
            person=request.user,
            payment_method_id=payment_method_id,
        )
    except DomainError as exc:
        return domain_error_json(exc)
    data = {
        "status": outcome.status,
        "message": outcome.message,
        "client_secret": outcome.client_secret,
        "redirect_url": registration.get_absolute_url(),
    }
    if outcome.status == Payment.Status.FAILED:
        # The card form needs a fresh SetupIntent for the next card.
        try:
            data["setup_secret"] = payments.payment_setup_start(registration=registration)
        except DomainError as exc:
            data["message"] = exc.message
    return JsonResponse(data)


@never_cache
@login_required
def registration_detail(request, pk: int):
    """The registration's status page; right after paying it is the path's "Done" step."""
    registration = own_registration(request, pk)
    if payments.payment_sync_under_way(payments=registration.payments, source="status page"):
        registration.refresh_from_db()
    payment_list = list(selectors.payments_for_registration(registration=registration))
    waiting = registration.status == Registration.Status.PENDING_PAYMENT and any(
        payment.status == Payment.Status.PROCESSING for payment in payment_list
    )
    now = timezone.now()
    session = registration.session
    meetings = list(session.meetings.all())
    return render(
        request,
        "lms/registration_detail.html",
        {
            "registration": registration,
            "scholarship_application": registration.scholarship_applications.order_by(
                "-created_at"
            ).first(),
            "session": registration.session,
            "session_cancelled": registration.session.status == Session.Status.CANCELLED,
            "seat_usable": selectors.seat_usable(registration),
            "just_registered": registration.confirmed_at is not None
            and now - registration.confirmed_at < JUST_REGISTERED,
            "online": session.format != DeliveryFormat.IN_PERSON and bool(session.online_link),
            "in_person": session.format != DeliveryFormat.VIRTUAL,
            "join": selectors.join_window(session=session, now=now, meetings=meetings),
            "map_link": selectors.map_link(
                ", ".join(p for p in (session.venue_name, session.venue_address) if p)
            ),
            "meetings": meetings,
            "payments": payment_list,
            "waiting_for_payment": waiting,
            "has_paid": any(payment.status in Payment.PAID for payment in payment_list),
            "can_cancel": registrations.registration_cancel_refusal(
                registration=registration, now=timezone.now()
            )
            is None,
        },
    )


def _cancel_refused(request, registration: Registration, refusal: str):
    """The cancel page without its form: why this registration cannot be cancelled."""
    return render(
        request,
        "lms/registration_cancel.html",
        {"registration": registration, "refusal": refusal},
        status=200 if request.method == "GET" else 409,
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, pk: int):
    registration = own_registration(request, pk)
    refusal = registrations.registration_cancel_refusal(
        registration=registration, now=timezone.now()
    )
    if refusal:
        return _cancel_refused(request, registration, refusal)
    decision = registrations.registration_refund_decide(
        registration=registration, now=timezone.now()
    )
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = registrations.registration_cancel(
                registration=registration, by=request.user, reason="Cancelled by the participant."
            )
        except DomainError as exc:
            # The service asks the same rule again under lock (the session may have started
            # since the page was shown): the page says why, without its form.
            return _cancel_refused(request, registration, exc.message)
        else:
            said = _("Your registration is cancelled.")
            if outcome.refund_cents:
                said += " " + _("A refund of %(amount)s is on its way to your card.") % {
                    "amount": dollars(outcome.refund_cents)
                }
            messages.success(request, said)
            return redirect(outcome.registration)
    return render(
        request,
        "lms/registration_cancel.html",
        {
            "registration": registration,
            "decision": decision,
            "policy": registrations.cancellation_policy_text(),
            "form": form,
        },
    )


@login_required
def registration_receipt(request, pk: int):
    registration = own_registration(request, pk)
    payment_list = [
        payment
        for payment in selectors.payments_for_registration(registration=registration)
        if payment.status in Payment.PAID
    ]
    if not payment_list:
        raise Http404("No payment has gone through for this registration yet.")
    return render(
        request,
        "lms/registration_receipt.html",
        {"registration": registration, "session": registration.session, "payments": payment_list},
    )


@login_required
def registration_calendar(request, pk: int):
    registration = own_registration(request, pk)
    response = HttpResponse(
        emails.registration_calendar(registration), content_type="text/calendar"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="training-{registration.session_id}.ics"'
    )
    return response


@login_required
def registration_check_in_qr(request, pk: int):
    registration = own_registration(request, pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404("The check-in code is for confirmed registrations.")
    return HttpResponse(emails.check_in_qr_png(registration), content_type="image/png")
