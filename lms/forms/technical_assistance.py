"""A participant's request for technical assistance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms.text import LONG_TEXT_MAX, PlainTextForm, text_limit
from lms.models import Organization, TechnicalAssistanceRequest, Training


class TechnicalAssistanceForm(PlainTextForm, forms.ModelForm):
    training = forms.ModelChoiceField(
        queryset=Training.objects.order_by("title"),
        required=False,
        label=_("The training that prompted this (optional)"),
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.order_by("name"),
        required=False,
        label=_("Your organization (if listed)"),
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
            "topic": _("What would you like help with?"),
            "details": _("Tell us more (optional)"),
            "requester_name": _("Your name"),
            "requester_email": _("Your email"),
            "phone": _("Phone (if you prefer a call)"),
            "organization_name": _("Organization name (if not listed)"),
            "urgency": _("How soon do you need help?"),
            "preferred_contact": _("How should we contact you?"),
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limit(self.fields["details"], LONG_TEXT_MAX)

    def clean(self):
        data = super().clean()
        if data.get(
            "preferred_contact"
        ) == TechnicalAssistanceRequest.Contact.PHONE and not data.get("phone"):
            self.add_error("phone", _("Give a phone number so we can call you."))
        return data
