"""/facilitate/pay/: a facilitator's own pay statements, payment status and direct deposit.

The facilitator portal's access rule (lms.views.facilitate.facilitator_required): signed in
(else the login page) and linked to a Facilitator record (else 403). A facilitator only ever
reaches their own statements; anyone else's answers 404. Drafts are Finance's work and are
not shown.
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lms.errors import DomainError
from lms.models import ConnectStatus, FacilitatorPayProfile
from lms.payments.stripe_connect import ConnectError
from lms.selectors import compensation as selectors
from lms.selectors.attendance import facilitator_for
from lms.services.compensation import (
    connect_account_sync,
    connect_onboarding_link,
    pay_statement_pdf_render,
)
from lms.views.attendance import facilitator_required
from lms.views.errors import domain_error_show


@facilitator_required
def pay_statements(request):
    facilitator = facilitator_for(request.user)
    profile = FacilitatorPayProfile.objects.filter(facilitator=facilitator).first()
    if (
        request.GET.get("direct-deposit") == "returned"
        and profile
        and profile.connect_account_id
        and settings.STRIPE_CONNECT_ENABLED
    ):
        # Back from Stripe: ask Stripe now rather than wait for the account.updated webhook.
        try:
            profile = connect_account_sync(account_id=profile.connect_account_id) or profile
        except ConnectError:
            messages.warning(
                request, "We could not reach Stripe just now; your status updates soon."
            )
    return render(
        request,
        "lms/facilitate/pay.html",
        {
            "facilitator": facilitator,
            "profile": profile,
            "statements": selectors.statements_for_facilitator(facilitator=facilitator),
            "connect_enabled": settings.STRIPE_CONNECT_ENABLED,
            "connect_ready": bool(profile and profile.connect_status == ConnectStatus.ENABLED),
        },
    )


@facilitator_required
def pay_statement_pdf(request, statement_id):
    facilitator = facilitator_for(request.user)
    statement = get_object_or_404(
        selectors.statements_for_facilitator(facilitator=facilitator), pk=statement_id
    )
    name = f"pay-statement-{statement.display_number}.pdf"
    if statement.pdf:
        return FileResponse(statement.pdf.open("rb"), filename=name, content_type="application/pdf")
    response = HttpResponse(
        pay_statement_pdf_render(statement=statement), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
@facilitator_required
def direct_deposit_start(request):
    facilitator = facilitator_for(request.user)
    profile = FacilitatorPayProfile.objects.filter(facilitator=facilitator).first()
    if profile is None:
        messages.error(
            request,
            "Finance has not set up your pay profile yet. Send them your W-9 and they will.",
        )
        return redirect("lms:facilitate_pay")
    here = request.build_absolute_uri(reverse("lms:facilitate_pay"))
    try:
        url = connect_onboarding_link(
            profile=profile,
            refresh_url=here,
            return_url=f"{here}?direct-deposit=returned",
            by=request.user,
        )
    except DomainError as exc:
        domain_error_show(request, exc)
        return redirect("lms:facilitate_pay")
    return redirect(url)
