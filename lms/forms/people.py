"""Forms for a person's own profile."""

from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.forms.text import SHORT_TEXT_MAX, PlainTextForm, text_limit, us_state_clean
from lms.models import (
    Organization,
    Profile,
)


def _language_field() -> forms.ChoiceField:
    # Not required: a form sent without it (an older page, a script) keeps the language as is.
    return forms.ChoiceField(
        label=_("Language for emails and certificates"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("Confirmations, reminders and certificates come in this language."),
    )


class ProfileForm(PlainTextForm, forms.ModelForm):
    language = _language_field()

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
            "printed_name": _("Name as it should print on certificates"),
            "pronouns": _("Pronouns"),
            "phone": _("Phone"),
            "organization": _("Organization"),
            "job_title": _("Job title"),
            "license_type": _("License or certification"),
            "license_number": _("License number"),
            "license_state": _("State that issued it (two letters)"),
            "accessibility_needs": _("Accessibility needs (optional)"),
        }
        help_texts = {
            "organization": _(
                "Your organization sets its price tier and, for coalition partners, the partner "
                "discount, once it confirms you work there (at once with an email address at "
                "its domain)."
            ),
            "license_type": _(
                "Needed to earn CE credit. Choose “No license” if you are not seeking CE."
            ),
            "accessibility_needs": _("Shared with facilitators only if you choose to tell us."),
        }
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["printed_name"].required = True
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["organization"].empty_label = _("Not listed / not with an organization")
        self.fields["printed_name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        text_limit(self.fields["accessibility_needs"], SHORT_TEXT_MAX)
        self.fields["language"].initial = self.instance.user.language

    def save(self, commit=True):
        profile = super().save(commit=commit)
        user = profile.user
        language = self.cleaned_data.get("language") or user.language
        if user.language != language:
            user.language = language
            user.save(update_fields=["language"])
        return profile

    def clean_license_state(self):
        value = self.cleaned_data.get("license_state", "").strip()
        return us_state_clean(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("license_type"):
            if not cleaned.get("license_number", "").strip():
                self.add_error("license_number", _("Enter your license number to earn CE credit."))
            if "license_state" in cleaned and not cleaned["license_state"]:
                self.add_error("license_state", _("Enter the two-letter state, for example IL."))
        return cleaned


class SignupNamesForm(PlainTextForm, forms.Form):
    """The name fields allauth's sign-up form adds (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    language = _language_field()

    field_order = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["language"].initial = _browser_language()

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.language = self.cleaned_data.get("language") or _browser_language()
        user.save(update_fields=["first_name", "last_name", "language"])


def _browser_language() -> str:
    """The page's language under /es/, else what the browser asks for (Accept-Language)."""
    request = allauth_context.request
    if request is None:
        return translation.get_language() or settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=True)
