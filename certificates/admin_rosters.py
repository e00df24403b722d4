"""Wagtail admin for licensing-board rosters: per session and body whether the roster has been
reported and the days left, the export form (CSV, XLSX, CE Broker upload), and the export log
(who, when, which certificates, which rows were refused)."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import AccreditingBody, Certificate, RosterExport
from certificates.selectors import reporting_status
from certificates.services import roster_export_create
from lms.admin.toolkit import PeopleValuesInspectView, ReadOnlyPolicy
from lms.errors import DomainError
from lms.models import Session


class RosterExportForm(forms.Form):
    body = forms.ModelChoiceField(
        queryset=AccreditingBody.objects.filter(is_certificate_of_attendance=False)
    )
    session = forms.ModelChoiceField(
        queryset=Session.objects.none(),
        required=False,
        help_text="A session, or leave empty and give a period.",
    )
    start = forms.DateField(
        required=False, label="Period from", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False, label="Period to", widget=forms.DateInput(attrs={"type": "date"})
    )
    format = forms.ChoiceField(choices=RosterExport.Format.choices)
    reported = forms.BooleanField(
        required=False,
        label="I am sending this file to the body (the session counts as reported)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_certificates = Certificate.objects.filter(status=Certificate.Status.VALID).values(
            "registration__session"
        )
        self.fields["session"].queryset = (
            Session.objects.filter(pk__in=with_certificates)
            .select_related("training")
            .order_by("-starts_at")
        )


@permission_required("certificates.add_rosterexport", raise_exception=True)
def _board_view(request):
    initial = {key: request.GET[key] for key in ("body", "session", "format") if key in request.GET}
    form = RosterExportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            roster = roster_export_create(
                body=data["body"],
                fmt=data["format"],
                by=request.user,
                session=data["session"],
                start=data["start"],
                end=data["end"],
                reported=data["reported"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("roster_exports:inspect", roster.export.pk)
    return render(
        request,
        "certificates/admin/board_rosters.html",
        {
            "form": form,
            "lines": reporting_status(today=timezone.localdate()),
            "exports": RosterExport.objects.select_related(
                "body", "session__training", "created_by"
            )[:20],
        },
    )


@permission_required("certificates.view_rosterexport", raise_exception=True)
def _download_view(request, pk):
    export = get_object_or_404(RosterExport, pk=pk)
    if not export.file:
        raise Http404("Nothing was stored for this export.")
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1]
    )


class RosterExportInspectView(PeopleValuesInspectView):
    fields = [
        "body",
        "session",
        "period_start",
        "period_end",
        "format",
        "reported",
        "created_at",
        "created_by",
        "certificates",
        "refused",
        "file",
    ]

    def get_certificates_display_value(self):
        rows = self.object.certificates.order_by("printed_name", "serial")
        return (
            format_html_join(
                ", ",
                '<a href="{}">{} {}</a>',
                (
                    (reverse("certificates_admin:inspect", args=[c.pk]), c.serial, c.printed_name)
                    for c in rows
                ),
            )
            or "None"
        )

    def get_refused_display_value(self):
        if not self.object.refused:
            return "None: every certificate is in the file."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({}): {}</li>",
                ((r["name"], r["serial"], r["reason"]) for r in self.object.refused),
            ),
        )

    def get_file_display_value(self):
        if not self.object.file:
            return "None"
        url = reverse("roster_exports:download", args=[self.object.pk])
        return format_html(
            '<a href="{}">Download {}</a>', url, self.object.file.name.rsplit("/", 1)[-1]
        )


class RosterExportViewSet(ModelViewSet):
    """The export log; new exports come from the board rosters page, never edited."""

    model = RosterExport
    name = "roster_exports"
    url_prefix = "roster-exports"
    icon = "download"
    menu_label = "Roster exports"
    add_to_admin_menu = False  # the menu leads to the board rosters page, which links here
    inspect_view_enabled = True
    inspect_view_class = RosterExportInspectView
    list_display = ["__str__", "format", "reported", "created_at", "created_by"]
    list_filter = ["body", "format", "reported"]
    form_fields = ["reported"]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("board/", _board_view, name="board"),
            path("<int:pk>/download/", _download_view, name="download"),
        ]
