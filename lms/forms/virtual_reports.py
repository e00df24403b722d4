"""Uploading a Zoom or Teams attendance report and matching its rows."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VirtualReportForm(forms.Form):
    report = forms.FileField(
        label=_("Participant report (CSV from Zoom or Microsoft Teams)"),
        help_text=_(
            "Zoom: Reports → Usage → Participants → Export. Teams: the meeting's "
            "Attendance tab → Download."
        ),
    )


class VirtualRowMatchForm(forms.Form):
    registration = forms.TypedChoiceField(label=_("Participant"), coerce=int, required=False)

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [("", _("— not a participant (ignore) —"))] + [
            (r.pk, f"{r.person.get_full_name() or r.person.email} ({r.person.email})")
            for r in registrations
        ]
