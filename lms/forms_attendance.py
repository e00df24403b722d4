"""Forms for the facilitator portal, evaluations and TA requests (thin: services decide)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from lms.models import EvaluationQuestion, Organization, TechnicalAssistanceRequest, Training


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


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="Check-in code",
        required=False,
        max_length=500,
        help_text="Scan the QR code, or type the check-in code printed on the confirmation.",
    )
    registration = forms.IntegerField(required=False, widget=forms.HiddenInput)


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


class MaterialForm(forms.Form):
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


class SessionReportNotesForm(forms.Form):
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Anything staff should know: changes, incidents, follow-ups.",
    )


class EvaluationForm(forms.Form):
    RATING_CHOICES = [
        (1, "1 – Poor"),
        (2, "2 – Fair"),
        (3, "3 – Good"),
        (4, "4 – Very good"),
        (5, "5 – Excellent"),
    ]

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(evaluation.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == EvaluationQuestion.Kind.RATING:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=self.RATING_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                )
            elif question.kind == EvaluationQuestion.Kind.YES_NO:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[("yes", "Yes"), ("no", "No")],
                    coerce=lambda v: v == "yes",
                    widget=forms.RadioSelect,
                    required=question.required,
                    empty_value=None,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=question.required,
                    max_length=5000,
                )

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class TechnicalAssistanceForm(forms.ModelForm):
    training = forms.ModelChoiceField(
        queryset=Training.objects.order_by("title"),
        required=False,
        label="The training that prompted this (optional)",
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.order_by("name"),
        required=False,
        label="Your organization (if listed)",
    )

    class Meta:
        model = TechnicalAssistanceRequest
        fields = [
            "topic",
            "details",
            "requester_name",
            "requester_email",
            "phone",
            "organization",
            "organization_name",
            "urgency",
            "preferred_contact",
            "training",
        ]
        labels = {
            "topic": "What would you like help with?",
            "details": "Tell us more (optional)",
            "requester_name": "Your name",
            "requester_email": "Your email",
            "phone": "Phone (if you prefer a call)",
            "organization_name": "Organization name (if not listed)",
            "urgency": "How soon do you need help?",
            "preferred_contact": "How should we contact you?",
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get(
            "preferred_contact"
        ) == TechnicalAssistanceRequest.Contact.PHONE and not data.get("phone"):
            self.add_error("phone", "Give a phone number so we can call you.")
        return data
