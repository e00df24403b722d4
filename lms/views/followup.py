"""Participant pages after a training: private materials, the evaluation, and the
technical-assistance request form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from lms import selectors_attendance
from lms.forms_attendance import EvaluationForm, TechnicalAssistanceForm
from lms.models import Registration, Session, SessionMaterial
from lms.rate_limits import rate_limited
from lms.services.evaluations import EvaluationError, evaluation_check_open, evaluation_submit
from lms.services.technical_assistance import ta_request_create


@never_cache
@login_required
def material_download(request, material_id):
    """Private files: the session's facilitators, staff and confirmed registrants only."""
    material = get_object_or_404(SessionMaterial, pk=material_id)
    if not selectors_attendance.material_visible_to(material=material, user=request.user):
        raise Http404("No material here.")
    storage = storages["private"]
    try:
        storage.path(material.file.name)
    except NotImplementedError:  # S3: a short-lived signed link
        return HttpResponseRedirect(storage.url(material.file.name))
    response = FileResponse(
        storage.open(material.file.name, "rb"),
        as_attachment=True,
        filename=material.file.name.rsplit("/", 1)[-1].split("-", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def session_materials(request, session_id):
    session = get_object_or_404(Session.objects.select_related("training"), pk=session_id)
    allowed = (
        Registration.objects.filter(
            session=session, person=request.user, status=Registration.Status.CONFIRMED
        ).exists()
        or selectors_attendance.facilitator_sessions(user=request.user)
        .filter(pk=session.pk)
        .exists()
    )
    if not allowed:
        raise Http404("No materials for you here.")
    return render(
        request,
        "lms/materials.html",
        {"session": session, "materials": selectors_attendance.session_materials(session=session)},
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
            {"registration": registration, "reason": str(exc)},
        )
    form = EvaluationForm(request.POST or None, evaluation=evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            response = evaluation_submit(registration=registration, answers=form.answers())
        except EvaluationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Thank you! Your evaluation is submitted.")
            if response.wants_technical_assistance:
                messages.info(
                    request, "We opened a technical-assistance request; staff will contact you."
                )
            return redirect("lms:dashboard")
    return render(
        request,
        "lms/evaluation_form.html",
        {"registration": registration, "evaluation": evaluation, "form": form},
    )


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
