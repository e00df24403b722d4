"""The participant's erasure request on /my/privacy/."""

from django import forms


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label="I want my personal data erased and my account closed",
        error_messages={"required": "Tick the box to say that you want this."},
    )


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        error_messages={"required": "Tick the box to say that you understand."},
    )
