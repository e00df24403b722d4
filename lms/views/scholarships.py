"""Applying for a scholarship, finishing a fully funded registration, and the waitlist.

Thin views: forms collect, services decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import DomainError
from lms.forms.scholarships import ScholarshipApplicationForm
from lms.models import (
    Registration,
    ScholarshipFund,
)
from lms.services import scholarships
from lms.views.errors import domain_error_show
from lms.views.registrations import own_registration


def open_funds():
    today = timezone.localdate()
    return ScholarshipFund.objects.filter(
        is_active=True, period_start__lte=today, period_end__gte=today
    )


@login_required
@require_http_methods(["GET", "POST"])
def scholarship_apply(request, pk: int):
    registration = own_registration(request, pk)
    if registration.status != Registration.Status.PENDING_PAYMENT or not registration.amount_cents:
        messages.info(request, gettext("This registration has nothing to pay."))
        return redirect(registration)
    form = ScholarshipApplicationForm(request.POST or None, funds=open_funds())
    if request.method == "POST" and form.is_valid():
        try:
            scholarships.scholarship_apply(
                session=registration.session,
                person=request.user,
                fund=form.cleaned_data["fund"],
                need_statement=form.cleaned_data["need_statement"],
                coverage=form.cleaned_data["coverage"],
                amount_cents=form.cleaned_data["amount_cents"],
                leads_underrepresented=form.cleaned_data["leads_underrepresented"],
            )
        except DomainError as exc:
            domain_error_show(request, exc, form=form)
        else:
            messages.success(
                request,
                gettext(
                    "Your application is sent. Your seat is held while our staff decide; we "
                    "will email you."
                ),
            )
            return redirect(registration)
    return render(
        request,
        "lms/scholarship_apply.html",
        {"registration": registration, "session": registration.session, "form": form},
    )


@login_required
@require_POST
def registration_finish(request, pk: int):
    registration = own_registration(request, pk)
    try:
        scholarships.registration_finish_without_payment(
            registration=registration, person=request.user
        )
    except DomainError as exc:
        domain_error_show(request, exc)
    else:
        messages.success(
            request, gettext("You are registered. A confirmation email is on its way.")
        )
    return redirect(registration)
