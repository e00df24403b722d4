"""The facilitator portal at /facilitate/: a facilitator's own sessions, rosters, check-in,
check-out, the rotating room code and attendance; and the participant's side of the room code
(/attend/). Every session lookup goes through facilitator_session_or_404, so another
session's pages answer 404."""

from functools import wraps
from zoneinfo import ZoneInfo

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import (
    FileResponse,
    Http404,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.dates import when_text
from lms.errors import DomainError
from lms.forms.attendance import (
    AttendanceCorrectionForm,
    CheckInForm,
    MaterialForm,
    MeetingDeliveryForm,
    SessionReportNotesForm,
    local_datetime,
    local_time,
)
from lms.models import (
    AttendanceSource,
    Meeting,
    MeetingDelivery,
    Registration,
    Session,
    SessionMaterial,
    SessionReport,
)
from lms.rules.attendance import RoomCodeMode
from lms.rules.time_zones import session_time_zone
from lms.selectors import attendance as selectors
from lms.selectors import attendance as selectors_attendance
from lms.selectors.evaluations import evaluation_for_training
from lms.services.attendance import (
    DeliveryInput,
    attendance_check_in,
    attendance_check_out,
    attendance_confirm_whole_meeting,
    attendance_correct,
    attendance_room_code_use,
    registration_from_checkin_token,
    room_code_candidates,
    room_code_now,
    session_material_add,
    session_material_withdraw,
    session_report_save,
)
from lms.views.errors import domain_error_show


def facilitator_required(view):
    """Signed in (else the login page) and a facilitator (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if selectors.facilitator_for(request.user) is None:
            return HttpResponseForbidden(
                render_to_string("lms/facilitate/forbidden.html", request=request)
            )
        return view(request, *args, **kwargs)

    return wrapper


@facilitator_required
def index(request):
    sessions = list(selectors.facilitator_sessions(user=request.user))
    now = timezone.now()
    upcoming = [s for s in sessions if any(m.ends_at >= now for m in s.meetings.all())]
    past = [s for s in sessions if s not in upcoming]
    for session in sessions:
        zone = session_time_zone(session.time_zone)
        today = now.astimezone(zone).date()
        session.meets_today = any(
            m.starts_at.astimezone(zone).date() == today for m in session.meetings.all()
        )
    return render(
        request, "lms/facilitate/index.html", {"upcoming": upcoming, "past": list(reversed(past))}
    )


@facilitator_required
def session_detail(request, session_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    return render(
        request,
        "lms/facilitate/session.html",
        {
            "session": session,
            "meetings": session.meetings.all(),
            "current": selectors.meeting_current(session=session),
            "now": timezone.now(),
            "roster": selectors.session_roster(session=session),
            "facilitators": selectors.session_facilitators(session=session),
            "materials": selectors.session_materials(session=session),
            "material_form": MaterialForm(),
            "report": getattr(session, "report", None),
            "has_evaluation": evaluation_for_training(training=session.training) is not None,
        },
    )


def _meeting(request, session_id, meeting_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    meeting = get_object_or_404(session.meetings, pk=meeting_id)
    return session, meeting


@facilitator_required
def meeting_attendance(request, session_id, meeting_id):
    session, meeting = _meeting(request, session_id, meeting_id)
    search = request.GET.get("q", "").strip()[:100]
    records = selectors.meeting_attendance(meeting=meeting)
    roster = [
        (r, records.get(r.pk)) for r in selectors.session_roster(session=session, search=search)
    ]
    return render(
        request,
        "lms/facilitate/meeting.html",
        {
            "session": session,
            "meeting": meeting,
            "roster": roster,
            "search": search,
            "present": sum(1 for record in records.values() if record.is_present),
            "awaiting": sum(1 for record in records.values() if record.departure_unconfirmed),
            "ended": timezone.now() >= meeting.ends_at,
            "checkin_form": CheckInForm(),
        },
    )


def _answer(request, *, ok: bool, message: str, back: str, status: int = 200, record=None):
    wants_json = "application/json" in request.headers.get("Accept", "")
    if wants_json:
        payload = {"ok": ok, "message": message}
        if record is not None:
            payload["registration"] = record.registration_id
            payload["arrived"] = timezone.localtime(record.arrived_at).strftime("%-I:%M %p")
            payload["minutes"] = record.minutes_present
        return JsonResponse(payload, status=status)
    (messages.success if ok else messages.error)(request, message)
    return redirect(back)


@require_POST
@facilitator_required
def meeting_check_in(request, session_id, meeting_id):
    session, meeting = _meeting(request, session_id, meeting_id)
    back = reverse("lms:facilitate_meeting", args=[session.pk, meeting.pk])
    form = CheckInForm(request.POST)
    form.is_valid()
    registration, source = None, AttendanceSource.ROSTER
    if form.cleaned_data.get("code"):
        registration = registration_from_checkin_token(form.cleaned_data["code"])
        source = AttendanceSource.QR_CHECK_IN
        if registration is None or registration.session_id != session.pk:
            return _answer(
                request,
                ok=False,
                message="This code is not a registration for this session.",
                back=back,
                status=400,
            )
    elif form.cleaned_data.get("registration"):
        registration = Registration.objects.filter(
            pk=form.cleaned_data["registration"], session=session
        ).first()
    if registration is None:
        return _answer(
            request,
            ok=False,
            message="Scan a code or choose someone from the roster.",
            back=back,
            status=400,
        )
    name = registration.person.get_full_name() or registration.person.email
    try:
        record, created = attendance_check_in(
            registration=registration, meeting=meeting, by=request.user, source=source
        )
    except DomainError as exc:
        return _answer(request, ok=False, message=f"{name}: {exc.message}", back=back, status=400)
    arrived = timezone.localtime(record.arrived_at).strftime("%-I:%M %p")
    message = (
        f"{name} checked in at {arrived}."
        if created
        else f"{name} was already checked in (at {arrived})."
    )
    return _answer(request, ok=True, message=message, back=back, record=record)


@facilitator_required
def checkin_token(request, token):
    """Where the QR code on a confirmation leads when scanned with the phone's own camera."""
    registration = registration_from_checkin_token(token)
    session = (
        registration
        and selectors.facilitator_sessions(user=request.user)
        .filter(pk=registration.session_id)
        .first()
    )
    if session is None:
        return render(request, "lms/facilitate/checkin_unknown.html", status=404)
    meeting = selectors.meeting_current(session=session)
    if request.method == "POST":
        try:
            attendance_check_in(
                registration=registration,
                meeting=meeting,
                by=request.user,
                source=AttendanceSource.QR_CHECK_IN,
            )
        except DomainError as exc:
            domain_error_show(request, exc)
        else:
            messages.success(
                request,
                f"{registration.person.get_full_name() or registration.person.email} is checked in.",
            )
        return redirect("lms:facilitate_meeting", session.pk, meeting.pk)
    record = selectors.meeting_attendance(meeting=meeting).get(registration.pk)
    return render(
        request,
        "lms/facilitate/checkin_confirm.html",
        {"session": session, "meeting": meeting, "registration": registration, "record": record},
    )


@facilitator_required
def attendance_edit(request, session_id, meeting_id, registration_id):
    session, meeting = _meeting(request, session_id, meeting_id)
    registration = get_object_or_404(
        Registration.objects.select_related("person"),
        pk=registration_id,
        session=session,
        status=Registration.Status.CONFIRMED,
    )
    record = selectors.meeting_attendance(meeting=meeting).get(registration.pk)
    tz = session.time_zone
    day = timezone.localtime(meeting.starts_at, ZoneInfo(tz)).date()
    if request.method == "POST":
        form = AttendanceCorrectionForm(request.POST)
        if form.is_valid():
            try:
                attendance_correct(
                    registration=registration,
                    meeting=meeting,
                    arrived_at=local_datetime(day, form.cleaned_data["arrived"], tz),
                    left_at=local_datetime(day, form.cleaned_data["left"], tz),
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                domain_error_show(request, exc, form=form)
            else:
                messages.success(
                    request,
                    f"Times saved for {registration.person.get_full_name() or registration.person.email}.",
                )
                return redirect("lms:facilitate_meeting", session.pk, meeting.pk)
    else:
        form = AttendanceCorrectionForm(
            initial={
                "arrived": local_time(record.arrived_at, tz) if record else None,
                "left": local_time(record.left_at, tz) if record else None,
            }
        )
    return render(
        request,
        "lms/facilitate/attendance_edit.html",
        {
            "session": session,
            "meeting": meeting,
            "registration": registration,
            "record": record,
            "form": form,
        },
    )


@require_POST
@facilitator_required
def material_upload(request, session_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Give the material a title and choose a file.")
    else:
        try:
            session_material_add(
                session=session,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                by=request.user,
            )
        except DomainError as exc:
            domain_error_show(request, exc)
        else:
            messages.success(
                request, f"“{form.cleaned_data['title']}” is shared with the participants."
            )
    return redirect(reverse("lms:facilitate_session", args=[session.pk]) + "#materials")


@require_POST
@facilitator_required
def material_withdraw(request, session_id, material_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    material = get_object_or_404(SessionMaterial, pk=material_id, session=session)
    session_material_withdraw(material=material, by=request.user)
    messages.success(request, f"“{material.title}” is no longer shared.")
    return redirect(reverse("lms:facilitate_session", args=[session.pk]) + "#materials")


@facilitator_required
def session_report(request, session_id):
    session = selectors.facilitator_session_or_404(user=request.user, session_id=session_id)
    tz = ZoneInfo(session.time_zone)
    meetings = list(session.meetings.all())
    facilitators = [a.facilitator for a in selectors.session_facilitators(session=session)]
    assigned_roles = {a.facilitator_id: a.role for a in session.assignments.all()}
    report = SessionReport.objects.filter(session=session).first()
    filed = report is not None and report.status == SessionReport.Status.FILED
    deliveries = {
        d.meeting_id: d
        for d in MeetingDelivery.objects.filter(meeting__in=meetings).prefetch_related(
            "facilitators"
        )
    }
    errors = []
    if request.method == "POST" and not filed:
        forms = [
            MeetingDeliveryForm(request.POST, prefix=f"m{m.pk}", facilitators=facilitators)
            for m in meetings
        ]
        notes_form = SessionReportNotesForm(request.POST)
        if all(f.is_valid() for f in forms) and notes_form.is_valid():
            inputs = []
            for meeting, form in zip(meetings, forms, strict=True):
                day = timezone.localtime(meeting.starts_at, tz).date()
                inputs.append(
                    DeliveryInput(
                        meeting=meeting,
                        delivered=form.cleaned_data["delivered"],
                        actual_starts_at=local_datetime(
                            day, form.cleaned_data["actual_start"], session.time_zone
                        ),
                        actual_ends_at=local_datetime(
                            day, form.cleaned_data["actual_end"], session.time_zone
                        ),
                        facilitators=form.roles(),
                    )
                )
            file_it = "file" in request.POST
            try:
                session_report_save(
                    session=session,
                    notes=notes_form.cleaned_data["notes"],
                    deliveries=inputs,
                    by=request.user,
                    file=file_it,
                )
            except DomainError as exc:
                errors = exc.lines
            else:
                messages.success(
                    request,
                    "The session report is filed. Thank you!" if file_it else "Draft saved.",
                )
                return redirect("lms:facilitate_report", session.pk)
        else:
            errors = ["Check the highlighted fields."]
    else:
        forms = []
        for meeting in meetings:
            delivery = deliveries.get(meeting.pk)
            initial = {
                "delivered": "no"
                if delivery and delivery.status == MeetingDelivery.Status.CANCELLED
                else "yes",
                "actual_start": local_time(
                    delivery.actual_starts_at
                    if delivery and delivery.actual_starts_at
                    else meeting.starts_at,
                    session.time_zone,
                ),
                "actual_end": local_time(
                    delivery.actual_ends_at
                    if delivery and delivery.actual_ends_at
                    else meeting.ends_at,
                    session.time_zone,
                ),
            }
            roles = (
                {df.facilitator_id: df.role for df in delivery.facilitators.all()}
                if delivery
                else assigned_roles
            )
            for facilitator in facilitators:
                initial[f"role_{facilitator.pk}"] = roles.get(facilitator.pk, "")
            forms.append(
                MeetingDeliveryForm(
                    prefix=f"m{meeting.pk}", facilitators=facilitators, initial=initial
                )
            )
        notes_form = SessionReportNotesForm(initial={"notes": report.notes if report else ""})
    return render(
        request,
        "lms/facilitate/report.html",
        {
            "session": session,
            "report": report,
            "filed": filed,
            "meeting_forms": list(zip(meetings, forms, strict=False)),
            "deliveries": [deliveries.get(m.pk) for m in meetings],
            "notes_form": notes_form,
            "errors": errors,
        },
    )


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


def _person_name(registration) -> str:
    return registration.person.get_full_name() or registration.person.email


@require_POST
@facilitator_required
def meeting_check_out(request, session_id, meeting_id):
    """The roster's "Check out" button: the person's exit time is now."""
    session, meeting = _meeting(request, session_id, meeting_id)
    back = reverse("lms:facilitate_meeting", args=[session.pk, meeting.pk])
    registration = get_object_or_404(
        Registration.objects.select_related("person"),
        pk=request.POST.get("registration") or 0,
        session=session,
    )
    try:
        record = attendance_check_out(registration=registration, meeting=meeting, by=request.user)
    except DomainError as exc:
        messages.error(request, f"{_person_name(registration)}: {exc.message}")
    else:
        left = timezone.localtime(record.left_at, ZoneInfo(session.time_zone))
        messages.success(request, f"{_person_name(registration)} checked out at {left:%-I:%M %p}.")
    return redirect(back)


@require_POST
@facilitator_required
def meeting_confirm_attendance(request, session_id, meeting_id):
    """Confirm whole-meeting attendance of one person ("registration") or of everyone checked
    in without a check-out ("all")."""
    session, meeting = _meeting(request, session_id, meeting_id)
    back = reverse("lms:facilitate_meeting", args=[session.pk, meeting.pk])
    registrations = Registration.objects.filter(session=session).select_related("person")
    if request.POST.get("registration"):
        registrations = registrations.filter(pk=request.POST["registration"])
    elif request.POST.get("all") != "yes":
        raise Http404("Say whose attendance to confirm.")
    try:
        confirmed = attendance_confirm_whole_meeting(
            meeting=meeting, registrations=list(registrations), by=request.user
        )
    except DomainError as exc:
        domain_error_show(request, exc)
    else:
        if len(confirmed) == 1:
            who = _person_name(confirmed[0].registration)
            messages.success(request, f"Whole-meeting attendance confirmed for {who}.")
        else:
            messages.success(
                request, f"Whole-meeting attendance confirmed for {len(confirmed)} people."
            )
    return redirect(back)


def _room_code_mode(mode: str) -> RoomCodeMode:
    try:
        return RoomCodeMode(mode)
    except ValueError:
        raise Http404("Room codes are for check-in or check-out.") from None


def _room_code_payload(request, meeting, mode: RoomCodeMode) -> dict:
    current = room_code_now(meeting=meeting, mode=mode)
    path = reverse("lms:attend", args=[meeting.pk, mode.value])
    url = request.build_absolute_uri(f"{path}?code={current.code}")
    return {
        "code": current.code,
        "code_display": f"{current.code[:3]} {current.code[3:]}",
        "url": url,
        "qr": segno.make(url, error="m").svg_data_uri(scale=8, border=2),
        "seconds_left": current.seconds_left,
        "mode": mode.value,
    }


@never_cache
@facilitator_required
def room_code(request, session_id, meeting_id, mode):
    """Full screen for a projector or a phone: the rotating QR code of one meeting, for
    check-in or check-out. static/js/room-code.js fetches a fresh code as it changes."""
    session, meeting = _meeting(request, session_id, meeting_id)
    mode = _room_code_mode(mode)
    return render(
        request,
        "lms/facilitate/room_code.html",
        {
            "session": session,
            "meeting": meeting,
            "mode": mode,
            "other_mode": RoomCodeMode.CHECK_OUT
            if mode == RoomCodeMode.CHECK_IN
            else RoomCodeMode.CHECK_IN,
            "current": _room_code_payload(request, meeting, mode),
            "enter_url": request.build_absolute_uri(reverse("lms:attend_enter")),
        },
    )


@never_cache
@facilitator_required
def room_code_current(request, session_id, meeting_id, mode):
    _, meeting = _meeting(request, session_id, meeting_id)
    return JsonResponse(_room_code_payload(request, meeting, _room_code_mode(mode)))


def _room_code_done(request, record, mode: RoomCodeMode, changed: bool):
    with timezone.override(ZoneInfo(record.registration.session.time_zone)):
        if mode == RoomCodeMode.CHECK_IN:
            at = when_text(record.arrived_at, "time")
            text = (
                gettext("You are checked in (at %(time)s). Scan the check-out code when you leave.")
                if changed
                else gettext("You were already checked in (at %(time)s).")
            ) % {"time": at}
        else:
            at = when_text(record.left_at, "time")
            text = gettext("You are checked out (at %(time)s). Thank you for coming!") % {
                "time": at
            }
    messages.success(request, text)


def _room_code_use(request, meeting, mode: RoomCodeMode, code: str) -> tuple[list[str], bool]:
    """Check the person in or out with the code; (refusal lines, whether it was recorded)."""
    try:
        record, changed = attendance_room_code_use(
            user=request.user, meeting=meeting, mode=mode, code=code
        )
    except DomainError as exc:
        return exc.lines, False
    _room_code_done(request, record, mode, changed)
    return [], True


@never_cache
@login_required
def attend(request, meeting_id, mode):
    """Where the room code's QR leads: the participant confirms with one button (a GET never
    records anything). Refusals (an expired code, no registration, ...) show on this page."""
    mode = _room_code_mode(mode)
    meeting = get_object_or_404(Meeting.objects.select_related("session__training"), pk=meeting_id)
    code = (request.POST.get("code") or request.GET.get("code") or "").strip()[:20]
    errors, done = (
        _room_code_use(request, meeting, mode, code) if request.method == "POST" else ([], False)
    )
    return render(
        request,
        "lms/attend.html",
        {
            "meeting": meeting,
            "session": meeting.session,
            "mode": mode,
            "code": code,
            "errors": errors,
            "done": done,
        },
        status=400 if errors else 200,
    )


@never_cache
@login_required
def attend_enter(request):
    """Typing the six digits shown under the QR code (a phone without a camera, say)."""
    errors, done = [], False
    code = (request.POST.get("code") or "").strip()[:20]
    if request.method == "POST":
        match = room_code_candidates(user=request.user, code=code)
        if match is None:
            errors = [
                gettext(
                    "This is not a room code of a meeting today. Check the six digits on the "
                    "screen and type them again."
                )
            ]
        else:
            meeting, mode = match
            errors, done = _room_code_use(request, meeting, mode, code)
    return render(
        request,
        "lms/attend_enter.html",
        {"code": code, "errors": errors, "done": done},
        status=400 if errors else 200,
    )
