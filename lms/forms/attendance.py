"""Forms for the facilitator portal, evaluations and TA requests (thin: services decide)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from lms.forms.text import LONG_TEXT_MAX, PlainTextForm, free_text_field


def local_datetime(day: dt.date, time: dt.time | None, tz_name: str) -> dt.datetime | None:
    if time is None:
        return None
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(tz_name))


def local_time(value: dt.datetime | None, tz_name: str) -> dt.time | None:
    return (
        timezone.localtime(value, ZoneInfo(tz_name)).time().replace(second=0, microsecond=0)
        if value
        else None
    )


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class AttendanceCorrectionForm(forms.Form):
    arrived = forms.TimeField(
        label="Arrival",
        required=False,
        widget=TimeInput(),
        help_text="Leave both empty for absent.",
    )
    left = forms.TimeField(
        label="Departure", required=False, widget=TimeInput(), help_text="Empty: stayed to the end."
    )
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: joined by phone, not in the Zoom report. Staff see it beside "
        "the certificate.",
    )


class CheckInForm(PlainTextForm, forms.Form):
    code = forms.CharField(
        label="Check-in code",
        required=False,
        max_length=500,
        help_text="Scan the QR code, or type the check-in code printed on the confirmation.",
    )
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MaterialForm(PlainTextForm, forms.Form):
    title = forms.CharField(max_length=200, label="Title")
    file = forms.FileField(label="File", help_text="PDF, Word, PowerPoint, Excel, text or images.")


ROLE_CHOICES = [("", "Did not facilitate"), ("lead", "Lead facilitator"), ("co", "Co-facilitator")]


class MeetingDeliveryForm(forms.Form):
    delivered = forms.TypedChoiceField(
        label="Was this meeting held?",
        choices=[("yes", "Held"), ("no", "Cancelled")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    actual_start = forms.TimeField(label="Actual start", required=False, widget=TimeInput())
    actual_end = forms.TimeField(label="Actual end", required=False, widget=TimeInput())

    def __init__(self, *args, facilitators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.facilitators = list(facilitators)
        for facilitator in self.facilitators:
            self.fields[f"role_{facilitator.pk}"] = forms.ChoiceField(
                label=str(facilitator.name), choices=ROLE_CHOICES, required=False
            )

    def roles(self) -> dict:
        return {
            f: self.cleaned_data[f"role_{f.pk}"]
            for f in self.facilitators
            if self.cleaned_data.get(f"role_{f.pk}")
        }

    def role_fields(self):
        return [self[f"role_{f.pk}"] for f in self.facilitators]


class SessionReportNotesForm(PlainTextForm, forms.Form):
    notes = free_text_field(
        label="Notes",
        max_length=LONG_TEXT_MAX,
        rows=4,
        help_text="Anything staff should know: changes, incidents, follow-ups.",
    )
