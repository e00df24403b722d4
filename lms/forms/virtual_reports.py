"""Uploading a Zoom or Teams attendance report and matching its rows."""

from django import forms


class VirtualReportForm(forms.Form):
    report = forms.FileField(
        label="Participant report (CSV from Zoom or Microsoft Teams)",
        help_text="Zoom: Reports → Usage → Participants → Export. Teams: the meeting's "
        "Attendance tab → Download.",
    )


class VirtualRowMatchForm(forms.Form):
    registration = forms.TypedChoiceField(label="Participant", coerce=int, required=False)

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [("", "— not a participant (ignore) —")] + [
            (r.pk, f"{r.person.get_full_name() or r.person.email} ({r.person.email})")
            for r in registrations
        ]
