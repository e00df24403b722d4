"""The participant's voluntary demographic answers at /my/demographics/, and their
organization's self-report at /my/organization/. Thin: form in, service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.forms.demographics import DemographicsForm, OrganizationSelfReportForm
from lms.models import ParticipantDemographics, Profile
from lms.services.demographics import (
    demographics_save,
    demographics_withdraw,
    organization_self_report_save,
    self_report_propose,
)
from lms.services.organizations import self_report_refusal


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def demographics_edit(request):
    answers = ParticipantDemographics.objects.filter(person=request.user).first()
    if request.method == "POST" and "withdraw" in request.POST:
        if demographics_withdraw(person=request.user):
            messages.success(request, gettext("Your answers are deleted."))
        return redirect("lms:demographics")
    form = DemographicsForm(request.POST or None, initial=DemographicsForm.initial_from(answers))
    if request.method == "POST" and form.is_valid():
        demographics_save(
            person=request.user,
            race_ethnicity=form.cleaned_data["race_ethnicity"],
            difficulties=form.difficulties(),
        )
        messages.success(request, gettext("Thank you, your answers are saved."))
        return redirect("lms:demographics")
    return render(request, "lms/demographics_form.html", {"form": form, "answers": answers})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def organization_report_edit(request):
    profile = Profile.objects.filter(user=request.user).select_related("organization").first()
    organization = profile.organization if profile else None
    if organization is None:
        raise Http404("Your profile names no organization.")
    form = OrganizationSelfReportForm(
        request.POST or None, initial=OrganizationSelfReportForm.initial_from(organization)
    )
    # Members who are not its contacts propose; coalition staff apply (docs/organizations.md).
    proposes = self_report_refusal(person=request.user, organization=organization) is not None
    if request.method == "POST" and proposes and form.is_valid():
        self_report_propose(
            organization=organization, by=request.user, answers=dict(form.cleaned_data)
        )
        messages.success(
            request,
            gettext(
                "Thank you: coalition staff will review your answers for %(organization)s and "
                "apply them."
            )
            % {"organization": organization.name},
        )
        return redirect("lms:organization_report")
    if request.method == "POST" and form.is_valid():
        organization_self_report_save(
            organization=organization, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            gettext("Thank you, %(name)s's answers are saved.") % {"name": organization.name},
        )
        return redirect("lms:organization_report")
    return render(
        request,
        "lms/organization_report_form.html",
        {
            "form": form,
            "organization": organization,
            "report": getattr(organization, "self_report", None),
            "proposes": proposes,
        },
    )
