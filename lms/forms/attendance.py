"""Forms for the facilitator portal, evaluations and TA requests (thin: services decide)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
        label=_("Arrival"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave both empty for absent."),
    )
    left = forms.TimeField(
        label=_("Departure"),
        required=False,
        widget=TimeInput(),
        help_text=_("Empty: stayed to the end."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: joined by phone, not in the Zoom report. Staff see it beside "
            "the certificate."
        ),
    )


class CheckInForm(PlainTextForm, forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        required=False,
        max_length=500,
        help_text=_("Scan the QR code, or type the check-in code printed on the confirmation."),
    )
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MaterialForm(PlainTextForm, forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, PowerPoint, Excel, text or images.")
    )


ROLE_CHOICES = [
    ("", _("Did not facilitate")),
    ("lead", _("Lead facilitator")),
    ("co", _("Co-facilitator")),
]


class MeetingDeliveryForm(forms.Form):
    delivered = forms.TypedChoiceField(
        label=_("Was this meeting held?"),
        choices=[("yes", _("Held")), ("no", _("Cancelled"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    actual_start = forms.TimeField(label=_("Actual start"), required=False, widget=TimeInput())
    actual_end = forms.TimeField(label=_("Actual end"), required=False, widget=TimeInput())

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
        label=_("Notes"),
        max_length=LONG_TEXT_MAX,
        rows=4,
        help_text=_("Anything staff should know: changes, incidents, follow-ups."),
    )
