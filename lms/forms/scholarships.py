"""Forms for applying for a scholarship."""

from django import forms

from lms.rules.pricing import MAX_AMOUNT_CENTS


class ScholarshipApplicationForm(forms.Form):
    fund = forms.ModelChoiceField(
        queryset=None,
        label="Scholarship fund",
        empty_label=None,
        widget=forms.RadioSelect,
        help_text="Some funds are for particular organizations or people; we check when you apply.",
    )
    coverage = forms.ChoiceField(
        label="How much would you like covered?",
        choices=[("full", "The full fee"), ("amount", "Part of the fee")],
        widget=forms.RadioSelect,
        initial="full",
    )
    amount = forms.DecimalField(
        label="Amount you would like covered (dollars)",
        required=False,
        min_value=0,
        max_value=MAX_AMOUNT_CENTS // 100,
        max_digits=11,
        decimal_places=2,
        help_text="Only when you ask for part of the fee.",
    )
    leads_underrepresented = forms.BooleanField(
        label="My organization is led by people from historically underrepresented communities",
        required=False,
    )
    need_statement = forms.CharField(
        label="Why do you need a scholarship?",
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
            if cleaned.get("amount") is None:
                self.add_error("amount", "Enter the amount you would like covered.")
            else:
                cleaned["amount_cents"] = int(cleaned["amount"] * 100)
        return cleaned
