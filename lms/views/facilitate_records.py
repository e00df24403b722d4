"""Facilitator portal, continued: virtual-platform reports, the session report and the
evaluation results of the facilitator's own session."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lms import selectors_attendance as selectors
from lms.forms_attendance import (
    MeetingDeliveryForm,
    SessionReportNotesForm,
    VirtualReportForm,
    VirtualRowMatchForm,
    local_datetime,
    local_time,
)
from lms.models import MeetingDelivery, SessionReport, VirtualAttendanceRow
from lms.selectors_evaluations import evaluation_for_training, evaluation_results
from lms.services.attendance import (
    AttendanceError,
    DeliveryInput,
    SessionReportError,
    VirtualReportInvalid,
    session_report_save,
    virtual_report_import,
    virtual_row_match,
)

from lms.views.facilitate import _meeting, facilitator_required


@facilitator_required
def virtual_report(request, session_id, meeting_id):
    session, meeting = _meeting(request, session_id, meeting_id)
    errors = []
    if request.method == "POST":
        form = VirtualReportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["report"]
            # Never read more than the limit into memory; the service then refuses the size.
            data = upload.read(settings.VIRTUAL_REPORT_MAX_BYTES + 1)
            try:
                report = virtual_report_import(
                    meeting=meeting, data=data, file_name=upload.name, by=request.user
                )
            except VirtualReportInvalid as exc:
                errors = exc.errors
            else:
                rows = report.rows.all()
                unmatched = sum(1 for row in rows if row.registration_id is None)
                messages.success(
                    request,
                    f"Imported {len(rows)} rows from {report.get_platform_display()}"
                    + (
                        f"; {unmatched} need matching below."
                        if unmatched
                        else "; everyone was matched."
                    ),
                )
                return redirect("lms:facilitate_virtual_report", session.pk, meeting.pk)
    else:
        form = VirtualReportForm()
    report = meeting.virtual_reports.filter(superseded_at__isnull=True).first()
    attendance = selectors.meeting_attendance(meeting=meeting)
    roster = list(selectors.session_roster(session=session))
    rows = list(report.rows.select_related("registration__person")) if report else []
    unmatched = [
        (row, VirtualRowMatchForm(registrations=roster, prefix=f"row{row.pk}"))
        for row in rows
        if row.match == VirtualAttendanceRow.Match.UNMATCHED
    ]
    return render(
        request,
        "lms/facilitate/virtual_report.html",
        {
            "session": session,
            "meeting": meeting,
            "form": form,
            "errors": errors,
            "report": report,
            "rows": rows,
            "unmatched": unmatched,
            "attendance_rows": [
                (registration, attendance[registration.pk])
                for registration in roster
                if registration.pk in attendance
            ],
        },
    )


@require_POST
@facilitator_required
def virtual_row(request, session_id, meeting_id, row_id):
    session, meeting = _meeting(request, session_id, meeting_id)
    row = get_object_or_404(VirtualAttendanceRow, pk=row_id, report__meeting=meeting)
    roster = list(selectors.session_roster(session=session))
    form = VirtualRowMatchForm(request.POST, registrations=roster, prefix=f"row{row.pk}")
    if form.is_valid():
        chosen = form.cleaned_data["registration"]
        registration = next((r for r in roster if r.pk == chosen), None)
        try:
            virtual_row_match(
                row=row, registration=registration, by=request.user, ignore=registration is None
            )
        except AttendanceError as exc:
            messages.error(request, str(exc))
        else:
            who = registration.person.get_full_name() if registration else "nobody (ignored)"
            messages.success(request, f"“{row.name or row.email}” matched to {who}.")
    return redirect("lms:facilitate_virtual_report", session.pk, meeting.pk)


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
            except SessionReportError as exc:
                errors = exc.errors
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
