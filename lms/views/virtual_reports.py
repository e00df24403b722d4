"""A facilitator uploads a Zoom or Teams attendance report and matches its rows."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lms.errors import DomainError
from lms.forms.virtual_reports import VirtualReportForm, VirtualRowMatchForm
from lms.models import VirtualAttendanceRow
from lms.selectors import attendance as selectors
from lms.services.virtual_reports import virtual_report_import, virtual_row_match
from lms.views.attendance import _meeting, facilitator_required
from lms.views.errors import domain_error_show


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
            except DomainError as exc:
                errors = exc.lines
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
        except DomainError as exc:
            domain_error_show(request, exc)
        else:
            who = registration.person.get_full_name() if registration else "nobody (ignored)"
            messages.success(request, f"“{row.name or row.email}” matched to {who}.")
    return redirect("lms:facilitate_virtual_report", session.pk, meeting.pk)
