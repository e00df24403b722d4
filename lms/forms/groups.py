"""Forms for agency group registration."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms.text import PlainTextForm


class AttendeeSwapForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Colleague's full name"), max_length=150)
    email = forms.EmailField(label=_("Colleague's email"))


class GroupRegistrationForm(PlainTextForm, forms.Form):
    tier = forms.ModelChoiceField(queryset=None, label=_("Fee tier"), empty_label=None)
    attendees = forms.CharField(
        max_length=20_000,
        label=_("Attendees, one per line: full name, email"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_('For example "Ana Ruiz, ana@agency.org".'),
    )
    attest = forms.BooleanField(
        label=_("I confirm this fee tier fits our organization"), required=False
    )
    payment = forms.ChoiceField(
        label=_("How will you pay?"),
        choices=[
            ("invoice", _("Invoice my organization (check or ACH)")),
            ("card", _("Pay now by card, one payment for everyone")),
        ],
        initial="invoice",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers
