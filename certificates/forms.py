"""Forms of the participant's certificate pages: CE earned elsewhere for the renewal tracker."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import CreditCategory
from lms.forms.text import PlainTextForm


class OutsideCreditForm(PlainTextForm, forms.Form):
    provider = forms.CharField(
        max_length=200,
        label=_("Provider"),
        help_text=_("Who gave the training, for example NASW-IL."),
    )
    title = forms.CharField(max_length=200, label=_("Training title"))
    completed_on = forms.DateField(
        label=_("Date completed"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hours = forms.DecimalField(
        label=_("CE hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("100"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
    )
    category = forms.ModelChoiceField(
        queryset=CreditCategory.objects.order_by("sort_order", "name"),
        label=_("Credit category"),
        empty_label=None,
    )
    certificate_file = forms.FileField(
        label=_("The certificate (PDF)"),
        help_text=_("A PDF of the certificate you received, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
