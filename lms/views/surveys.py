"""Partner surveys: the invited person's form (/surveys/<token>/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from lms.errors import DomainError
from lms.forms.surveys import SurveyForm
from lms.models import Survey
from lms.services.surveys import ALREADY_ANSWERED, open_invitation_for, survey_respond
from lms.views.errors import domain_error_show


@never_cache
@login_required
def survey_answer(request, token: str):
    invitation = open_invitation_for(token=token[:64], person=request.user)
    if invitation is None:
        raise Http404("No survey for you at this address.")
    survey = invitation.survey
    if invitation.answered_at is not None:
        return render(
            request, "lms/survey_done.html", {"survey": survey, "message": ALREADY_ANSWERED}
        )
    if survey.status != Survey.Status.OPEN:
        return render(
            request,
            "lms/survey_done.html",
            {"survey": survey, "message": "This survey is closed. Thank you for your interest."},
        )
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_respond(invitation=invitation, answers=form.answers())
        except DomainError as exc:
            domain_error_show(request, exc, form=form)
        else:
            messages.success(request, gettext("Thank you! Your answers are recorded."))
            return redirect("lms:dashboard")
    return render(request, "lms/survey_form.html", {"survey": survey, "form": form})
