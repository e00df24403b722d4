"""Forms for facilitator pay: Finance's admin screens and the pay profile's private W-9."""

import datetime as dt

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminModelForm

from lms.forms.text import SHORT_TEXT_MAX, PlainTextForm, text_limit, us_state_clean
from lms.models import ExpenseLine, Facilitator, PayoutMethod, Session
from lms.money import DollarsField

W9_MAX_BYTES = 10 * 1024 * 1024


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that links a stored private file through a permission-checked view,
    never through the storage's URL (private files have none)."""

    download_url = ""

    def is_initial(self, value):
        return bool(value)

    def render(self, name, value, attrs=None, renderer=None):
        upload = forms.FileInput().render(name, None, attrs, renderer)
        if not value or not self.download_url:
            return upload
        checkbox = self.clear_checkbox_name(name)
        return format_html(
            '<p>A W-9 is on file: <a href="{}">open it</a>.</p>'
            '<p><input type="checkbox" name="{}" id="{}"> <label for="{}">Remove the stored '
            "form</label></p><p>Replace it:</p>{}",
            self.download_url,
            checkbox,
            self.clear_checkbox_id(checkbox),
            self.clear_checkbox_id(checkbox),
            upload,
        )


class FacilitatorPayProfileForm(PlainTextForm, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "w9_file" in self.fields:
            widget = PrivateFileInput()
            if self.instance.pk:
                widget.download_url = reverse("pay_profiles:w9", args=[self.instance.pk])
            self.fields["w9_file"].widget = widget
        if "notes" in self.fields:
            text_limit(self.fields["notes"], SHORT_TEXT_MAX)

    def clean_state(self):
        value = self.cleaned_data.get("state", "").strip()
        return us_state_clean(value) if value else ""

    def clean_w9_file(self):
        upload = self.cleaned_data.get("w9_file")
        if upload and getattr(upload, "size", 0) > W9_MAX_BYTES:
            raise forms.ValidationError("The W-9 file is larger than 10 MB.")
        return upload

    def clean(self):
        data = super().clean()
        if data.get("w9_file") and not data.get("w9_received_on"):
            self.add_error("w9_received_on", "Give the date the W-9 was received.")
        return data


class MonthField(forms.DateField):
    """<input type="month"> (YYYY-MM) → the first day of that month."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m"]


class PrepareMonthForm(forms.Form):
    month = MonthField(
        label="Month", help_text="Statements cover sessions whose reports are filed by then."
    )

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month > timezone.localdate():
            raise forms.ValidationError("Choose this month or an earlier one.")
        return month


class SessionStatementForm(forms.Form):
    session = forms.ModelChoiceField(
        queryset=Session.objects.select_related("training").order_by("-starts_at")
    )
    facilitator = forms.ModelChoiceField(queryset=Facilitator.objects.all())


class ExpenseForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(choices=ExpenseLine.Kind.choices)
    description = forms.CharField(max_length=300)
    amount_cents = DollarsField(label="Amount ($)", min_value=1)


class RecordPaymentForm(PlainTextForm, forms.Form):
    method = forms.ChoiceField(
        choices=[(PayoutMethod.CHECK, "Check"), (PayoutMethod.ACH, "ACH bank transfer")]
    )
    reference = forms.CharField(
        max_length=100, label="Check or ACH trace number", help_text="As it appears on the bank."
    )
    paid_on = forms.DateField(
        label="Paid on", widget=forms.DateInput(attrs={"type": "date"}), initial=dt.date.today
    )


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
