"""Evaluations: the participant's form and the facilitator's results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from lms.errors import DomainError
from lms.forms.evaluations import EvaluationForm
from lms.models import Registration
from lms.selectors import attendance as selectors
from lms.selectors.evaluations import evaluation_for_training, evaluation_results
from lms.services.evaluations import EvaluationError, evaluation_check_open, evaluation_submit
from lms.views.attendance import facilitator_required
from lms.views.errors import domain_error_show


@facilitator_required
def session_evaluation(request, session_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    evaluation = evaluation_for_training(training=session.training)
    results = evaluation_results(evaluation=evaluation, session=session) if evaluation else None
    return render(
        request,
        "lms/facilitate/evaluation_results.html",
        {"session": session, "evaluation": evaluation, "results": results},
    )


@login_required
def evaluation(request, registration_id):
    registration = get_object_or_404(
        Registration.objects.select_related("session__training"),
        pk=registration_id,
        person=request.user,
    )
    try:
        evaluation = evaluation_check_open(registration=registration)
    except EvaluationError as exc:
        return render(
            request,
            "lms/evaluation_closed.html",
            {"registration": registration, "reason": exc.message},
        )
    form = EvaluationForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            response = evaluation_submit(registration=registration, answers=form.answers())
        except DomainError as exc:
            domain_error_show(request, exc, form=form)
        else:
            messages.success(request, gettext("Thank you! Your evaluation is submitted."))
            if response.wants_technical_assistance:
                messages.info(
                    request,
                    gettext("We opened a technical-assistance request; staff will contact you."),
                )
            return redirect("lms:dashboard")
    return render(
        request,
        "lms/evaluation_form.html",
        {"registration": registration, "evaluation": evaluation, "form": form},
    )
