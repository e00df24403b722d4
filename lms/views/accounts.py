"""Account help beside allauth's pages: send the email confirmation link again.

The answer is the same whether or not the address has an account, so the page cannot be
used to find out who is registered; the email itself only goes to an address that has an
unconfirmed account. Limited per address and per email (lms/rate_limits.py)."""

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from lms.rate_limits import client_key, rate_limit_hit, too_many_response

RESENDS_PER_HOUR = 5


class ResendForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the email address you signed up with.",
            "invalid": "Enter an email address like name@agency.org.",
        },
    )


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if rate_limit_hit(
            scope="resend-verification",
            key=client_key(request),
            limit=RESENDS_PER_HOUR,
            window_seconds=3600,
        ) or rate_limit_hit(
            scope="resend-verification-email", key=email, limit=3, window_seconds=3600
        ):
            return too_many_response(request, what="confirmation emails", retry_after_seconds=3600)
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=False)
            .select_related("user")
            .first()
        )
        if address is not None and address.user.is_active:
            address.send_confirmation(request)
        messages.success(
            request,
            gettext(
                "If %(email)s has an account waiting for confirmation, a new link is on its way. "
                "It can take a few minutes; look in the spam folder too."
            )
            % {"email": email},
        )
        return redirect("lms:resend_verification")
    return render(request, "account/resend_verification.html", {"form": form})
