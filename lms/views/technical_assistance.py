"""A participant asks for technical assistance after a training."""

from django.shortcuts import render

from lms.forms.technical_assistance import TechnicalAssistanceForm
from lms.rate_limits import rate_limited
from lms.services.technical_assistance import ta_request_create


@rate_limited(scope="ta-request", limit_setting="TA_REQUEST_PER_HOUR", what="assistance requests")
def technical_assistance(request):
    """Open to participants and partner organizations alike (no account needed)."""
    initial = {}
    user = request.user
    if user.is_authenticated:
        profile = getattr(user, "profile", None)
        initial = {
            "requester_name": (profile.printed_name if profile else "") or user.get_full_name(),
            "requester_email": user.email,
            "organization": profile.organization_id if profile else None,
            "phone": profile.phone if profile else "",
        }
    form = TechnicalAssistanceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        request_obj = ta_request_create(
            topic=data["topic"],
            details=data["details"],
            requester=user if user.is_authenticated else None,
            requester_name=data["requester_name"],
            requester_email=data["requester_email"],
            phone=data["phone"],
            organization=data["organization"],
            organization_name=data["organization_name"],
            urgency=data["urgency"],
            preferred_contact=data["preferred_contact"],
            training=data["training"],
        )
        return render(request, "lms/ta_request_thanks.html", {"ta_request": request_obj})
    return render(request, "lms/ta_request_form.html", {"form": form})
