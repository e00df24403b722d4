"""The participant's erasure request on /my/privacy/."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I want my personal data erased and my account closed"),
        error_messages={"required": _("Tick the box to say that you want this.")},
    )


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick the box to say that you understand.")},
    )
