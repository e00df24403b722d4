"""Forms for applying for a scholarship."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms.text import PlainTextForm
from lms.money import DollarsField


class ScholarshipApplicationForm(PlainTextForm, forms.Form):
    fund = forms.ModelChoiceField(
        queryset=None,
        label=_("Scholarship fund"),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Some funds are for particular organizations or people; we check when you apply."
        ),
    )
    coverage = forms.ChoiceField(
        label=_("How much would you like covered?"),
        choices=[("full", "The full fee"), ("amount", "Part of the fee")],
        widget=forms.RadioSelect,
        initial="full",
    )
    amount = DollarsField(
        label=_("Amount you would like covered (dollars)"),
        required=False,
        help_text=_("Only when you ask for part of the fee."),
    )
    leads_underrepresented = forms.BooleanField(
        label=_("My organization is led by people from historically underrepresented communities"),
        required=False,
    )
    need_statement = forms.CharField(
        label=_("Why do you need a scholarship?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )

    def __init__(self, *args, funds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds

    def clean(self):
        cleaned = super().clean()
        cleaned["amount_cents"] = None
        if cleaned.get("coverage") == "amount":
            if cleaned.get("amount") is not None:
                cleaned["amount_cents"] = cleaned["amount"]
            elif "amount" not in self.errors:
                self.add_error("amount", _("Enter the amount you would like covered."))
        return cleaned
