"""Forms of the participant's certificate pages: CE earned elsewhere for the renewal tracker."""

from decimal import Decimal

from django import forms

from certificates.models import CreditCategory
from lms.forms.text import PlainTextForm


class OutsideCreditForm(PlainTextForm, forms.Form):
    provider = forms.CharField(
        max_length=200, label="Provider", help_text="Who gave the training, for example NASW-IL."
    )
    title = forms.CharField(max_length=200, label="Training title")
    completed_on = forms.DateField(
        label="Date completed", widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        label="CE hours",
        min_value=Decimal("0.25"),
        max_value=Decimal("100"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    category = forms.ModelChoiceField(
        queryset=CreditCategory.objects.order_by("sort_order", "name"),
        label="Credit category",
        empty_label=None,
    )
    certificate_file = forms.FileField(
        label="The certificate (PDF)",
        help_text="A PDF of the certificate you received, up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
