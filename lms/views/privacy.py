"""The participant's privacy page (/my/privacy/): download everything held about them, ask
for the erasure of their data, and confirm it from the emailed link. Thin: forms in,
lms.services.privacy calls out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms.errors import DomainError
from lms.forms.privacy import ErasureConfirmForm, ErasureRequestForm
from lms.services.privacy import (
    ErasureLinkInvalid,
    erasure_preview,
    erasure_request_create,
    erasure_request_for_link,
    erasure_request_open,
    erasure_request_withdraw,
    person_erase,
    personal_data_export,
)
from lms.views.errors import domain_error_show


def _privacy_page(request, *, form=None, status=200):
    return render(
        request,
        "lms/privacy.html",
        {
            "form": form or ErasureRequestForm(),
            "open_request": erasure_request_open(person=request.user),
            "blockers": erasure_preview(person=request.user),
            "retention_years": settings.RETENTION_RECORDS_YEARS,
            "link_hours": settings.ERASURE_LINK_HOURS,
        },
        status=status,
    )


@never_cache
@login_required
def privacy(request):
    return _privacy_page(request)


@never_cache
@login_required
@require_POST
def privacy_export(request):
    filename, data = personal_data_export(person=request.user)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_POST
def privacy_erase_request(request):
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        return _privacy_page(request, form=form)
    try:
        erasure_request_create(person=request.user)
    except DomainError as error:
        domain_error_show(request, error, form=form)
        return _privacy_page(request, form=form)
    messages.success(
        request,
        gettext(
            "We sent a link to %(email)s. Open it within %(hours)s hours to confirm; nothing is "
            "erased before that."
        )
        % {"email": request.user.email, "hours": settings.ERASURE_LINK_HOURS},
    )
    return redirect("lms:privacy")


@login_required
@require_POST
def privacy_erase_withdraw(request):
    open_request = erasure_request_open(person=request.user)
    if open_request is not None:
        erasure_request_withdraw(request=open_request, by=request.user)
        messages.success(request, gettext("Your request is withdrawn: nothing was erased."))
    return redirect("lms:privacy")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def privacy_erase_confirm(request, token):
    """The emailed link. A GET only shows the page (mail scanners open links); the button
    erases. Another person's, an expired or a used link answers 404."""
    try:
        erasure = erasure_request_for_link(token=token, person=request.user)
    except ErasureLinkInvalid as error:
        return render(request, "lms/privacy_link_invalid.html", {"error": error}, status=404)
    form = ErasureConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person_erase(request=erasure, by=request.user)
        except DomainError as error:
            domain_error_show(request, error, form=form)
        else:
            logout(request)
            return redirect("lms:privacy_erased")
    return render(
        request,
        "lms/privacy_erase_confirm.html",
        {
            "form": form,
            "blockers": erasure_preview(person=request.user),
            "retention_years": settings.RETENTION_RECORDS_YEARS,
        },
    )


def privacy_erased(request):
    """Where an erasure ends, signed out."""
    return render(request, "lms/privacy_erased.html")
