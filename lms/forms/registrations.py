"""Forms for registering for a session and cancelling."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms.text import PlainTextForm
from lms.models import (
    FeeTier,
)
from lms.money import DollarsField
from lms.rules.money import dollars


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


class RegistrationForm(PlainTextForm, forms.Form):
    """Tier, pay-what-you-can amount, discount code and the attestation for a paid session."""

    tier = TierChoiceField(
        queryset=FeeTier.objects.none(),
        widget=forms.RadioSelect,
        label=_("Fee tier"),
        empty_label=None,
        error_messages={"required": _("Choose the fee tier that fits you.")},
    )
    chosen_amount = DollarsField(
        label=_("Amount you can pay (US dollars)"),
        required=False,
        help_text=_("Only for pay what you can."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    discount_code = forms.CharField(
        label=_("Discount code (optional)"), required=False, max_length=40
    )
    attest = forms.BooleanField(
        label=_("I attest that the fee tier I chose fits my situation (honor system)."),
        error_messages={"required": _("Please confirm that the fee tier you chose fits you.")},
    )

    def __init__(
        self, *args, tiers, preselected: FeeTier | None = None, organization=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers
        if organization is not None:
            # The attestation names the organization whose price the person may take.
            self.fields["attest"].help_text = _(
                "An organization price is for staff of %(organization)s, your organization on "
                "your profile."
            ) % {"organization": organization.name}
            self.fields["attest"].widget.attrs["aria-describedby"] = "id_attest-help"
        if preselected is not None and not self.is_bound:
            self.initial["tier"] = preselected.pk
        pwyc = [tier for tier in tiers if tier.kind == FeeTier.Kind.PAY_WHAT_YOU_CAN]
        if pwyc:
            tier = pwyc[0]
            if tier.minimum_cents is not None and tier.maximum_cents is not None:
                help_text = _("Only for “%(tier)s”, from %(low)s to %(high)s.") % {
                    "tier": tier.label,
                    "low": dollars(tier.minimum_cents),
                    "high": dollars(tier.maximum_cents),
                }
            else:
                help_text = _("Only for “%(tier)s”.") % {"tier": tier.label}
            self.fields["chosen_amount"].help_text = help_text
        else:
            # No pay-what-you-can tier on this fee schedule: nothing to type.
            del self.fields["chosen_amount"]
        self.has_pay_what_you_can = bool(pwyc)

    def clean(self):
        cleaned = super().clean()
        tier = cleaned.get("tier")
        cleaned["chosen_amount_cents"] = None
        if not self.has_pay_what_you_can:
            return cleaned
        if tier is not None and tier.kind == FeeTier.Kind.PAY_WHAT_YOU_CAN:
            if cleaned.get("chosen_amount") is not None:
                cleaned["chosen_amount_cents"] = cleaned["chosen_amount"]
            elif "chosen_amount" not in self.errors:
                self.add_error("chosen_amount", _("Enter the amount you can pay."))
        else:
            self.errors.pop("chosen_amount", None)  # not asked for on this tier: ignore
        return cleaned


class OnBehalfForm(forms.Form):
    """At a gathering: whether the person comes on behalf of their organization."""

    for_organization = forms.BooleanField(required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["for_organization"]
        field.label = _("I come on behalf of %(organization)s") % {
            "organization": organization.name
        }
        field.help_text = _("The coalition counts which organizations take part in its gatherings.")
        if not self.is_bound:
            self.initial["for_organization"] = True


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, cancel my registration"),
        error_messages={"required": _("Tick the box to confirm the cancellation.")},
    )
