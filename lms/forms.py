"""Forms for the participant's pages. They collect input; the services decide."""

from django import forms

from lms.models import FeeTier, Organization, Profile
from lms.services.pricing import MAX_AMOUNT_CENTS, PricingError, cents_from_dollars, dollars


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "printed_name",
            "pronouns",
            "phone",
            "organization",
            "job_title",
            "license_type",
            "license_number",
            "license_state",
            "accessibility_needs",
        ]
        labels = {
            "printed_name": "Name as it should print on certificates",
            "license_type": "License or certification",
            "license_state": "State that issued it (two letters)",
            "accessibility_needs": "Accessibility needs (optional)",
        }
        help_texts = {
            "license_type": "Needed to earn CE credit. Choose “No license” if you are not seeking CE.",
        }
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printed_name"].required = True
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["organization"].empty_label = "Not listed / not with an organization"
        self.fields["printed_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"

    def clean_license_state(self):
        return self.cleaned_data.get("license_state", "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("license_type"):
            if not cleaned.get("license_number", "").strip():
                self.add_error("license_number", "Enter your license number to earn CE credit.")
            if len(cleaned.get("license_state", "")) != 2:
                self.add_error("license_state", "Enter the two-letter state, for example IL.")
        return cleaned


class TierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, tier: FeeTier) -> str:
        if tier.kind == FeeTier.Kind.PAY_WHAT_YOU_CAN:
            bounds = f"from {dollars(tier.minimum_cents or 0)}"
            if tier.maximum_cents is not None:
                bounds += f" to {dollars(tier.maximum_cents)}"
            price = f"you choose, {bounds}; suggested {dollars(tier.price_cents)}"
        else:
            price = dollars(tier.price_cents)
        text = f"{tier.label} – {price}"
        return f"{text}. {tier.description}" if tier.description else text


class RegistrationForm(forms.Form):
    """Tier, pay-what-you-can amount, discount code and the attestation for a paid session."""

    tier = TierChoiceField(
        queryset=FeeTier.objects.none(),
        widget=forms.RadioSelect,
        label="Fee tier",
        empty_label=None,
        error_messages={"required": "Choose the fee tier that fits you."},
    )
    chosen_amount = forms.CharField(
        label="Amount you can pay (US dollars)",
        required=False,
        help_text="Only for pay what you can.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    discount_code = forms.CharField(label="Discount code (optional)", required=False, max_length=40)
    attest = forms.BooleanField(
        label="I attest that the fee tier I chose fits my situation (honor system).",
        error_messages={"required": "Please confirm that the fee tier you chose fits you."},
    )

    def __init__(self, *args, tiers, preselected: FeeTier | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers
        if preselected is not None and not self.is_bound:
            self.initial["tier"] = preselected.pk

    def clean(self):
        cleaned = super().clean()
        tier = cleaned.get("tier")
        raw = (cleaned.get("chosen_amount") or "").strip()
        cleaned["chosen_amount_cents"] = None
        if tier is not None and tier.kind == FeeTier.Kind.PAY_WHAT_YOU_CAN:
            if not raw:
                self.add_error("chosen_amount", "Enter the amount you can pay.")
            else:
                try:
                    cleaned["chosen_amount_cents"] = cents_from_dollars(raw)
                except PricingError as exc:
                    self.add_error("chosen_amount", str(exc))
        return cleaned


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, cancel my registration",
        error_messages={"required": "Tick the box to confirm the cancellation."},
    )


# --- Scholarships (issue 5) ----------------------------------------------------------------


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


class AttendeeSwapForm(forms.Form):
    name = forms.CharField(label="Colleague's full name", max_length=150)
    email = forms.EmailField(label="Colleague's email")


class GroupRegistrationForm(forms.Form):
    tier = forms.ModelChoiceField(queryset=None, label="Fee tier", empty_label=None)
    attendees = forms.CharField(
        max_length=20_000,
        label="Attendees, one per line: full name, email",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text='For example "Ana Ruiz, ana@agency.org".',
    )
    attest = forms.BooleanField(
        label="I confirm this fee tier fits our organization", required=False
    )
    payment = forms.ChoiceField(
        label="How will you pay?",
        choices=[
            ("invoice", "Invoice my organization (check or ACH)"),
            ("card", "Pay now by card, one payment for everyone"),
        ],
        initial="invoice",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers


# --- Voluntary demographic questions (issue 9) ---------------------------------------------
from lms.models import BudgetBand  # noqa: E402
from lms.models.demographics import (  # noqa: E402
    LEADERSHIP_GROUPS,
    RACE_ETHNICITY_CATEGORIES,
    WASHINGTON_GROUP_DOMAINS,
    Answer,
    Difficulty,
    PeopleEmployed,
)

PREFER_NOT_CHOICE = ("prefer_not", "Prefer not to answer")


class DemographicsForm(forms.Form):
    """Every question is optional and offers "prefer not to answer"."""

    race_ethnicity = forms.MultipleChoiceField(
        label="What is your race and/or ethnicity? Select all that apply.",
        choices=[*RACE_ETHNICITY_CATEGORIES, PREFER_NOT_CHOICE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in WASHINGTON_GROUP_DOMAINS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=[("", "Not answered"), *Difficulty.choices],
                required=False,
                widget=forms.RadioSelect,
            )

    def clean_race_ethnicity(self):
        chosen = self.cleaned_data["race_ethnicity"]
        if "prefer_not" in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                "Choose “Prefer not to answer” or one or more categories, not both."
            )
        return chosen

    @staticmethod
    def initial_from(answers) -> dict:
        if answers is None:
            return {}
        initial = {name: getattr(answers, name) for name, _ in WASHINGTON_GROUP_DOMAINS}
        initial["race_ethnicity"] = answers.race_categories + (
            ["prefer_not"] if answers.race_prefer_not else []
        )
        return initial

    def difficulties(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _ in WASHINGTON_GROUP_DOMAINS}


class OrganizationSelfReportForm(forms.Form):
    budget_band = forms.ChoiceField(
        label="Annual budget",
        choices=[("", "Not answered"), *BudgetBand.choices],
        required=False,
    )
    sub_sector = forms.ChoiceField(
        label="Sub-sector",
        choices=[("", "Not answered"), *Organization.SubSector.choices],
        required=False,
    )
    people_employed = forms.ChoiceField(
        label="People employed",
        choices=[("", "Not answered"), *PeopleEmployed.choices],
        required=False,
    )
    populations_served = forms.CharField(
        label="Populations served",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your own words, for example “older adults on the South Side”.",
    )
    led_by_underrepresented = forms.ChoiceField(
        label="Is your organization led by people from historically underrepresented communities?",
        choices=[("", "Not answered"), *Answer.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    leadership = forms.MultipleChoiceField(
        label="Your leadership includes people who are… Select all that apply.",
        choices=[*LEADERSHIP_GROUPS, PREFER_NOT_CHOICE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @staticmethod
    def initial_from(organization) -> dict:
        initial = {"budget_band": organization.budget_band, "sub_sector": organization.sub_sector}
        report = getattr(organization, "self_report", None)
        if report is not None:
            initial.update(
                people_employed=report.people_employed,
                populations_served=report.populations_served,
                led_by_underrepresented=report.led_by_underrepresented,
                leadership=[name for name, _ in LEADERSHIP_GROUPS if getattr(report, name)]
                + (["prefer_not"] if report.leadership_prefer_not else []),
            )
        return initial
