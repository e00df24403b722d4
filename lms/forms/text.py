"""Text typed into our forms, made plain and bounded before it is validated
(docs/security.md, "Input that cannot mislead").

- `PlainTextForm`: every text field's input is normalised with Unicode NFKC before the form
  validates it, so full-width "ＩＬ" is "IL", "１４９．０００１２３" is "149.000123" and a
  name typed with compatibility characters prints and searches like any other. Fields
  named in `text_kept_as_typed` are left alone (amounts, which lms.money parses).
- `free_text_field(...)`, `text_limit(field, max_length)`: a cap on a free-text field with a message that says the
  limit and how much was typed (the browser's `maxlength` stops most people first).
- `us_state_clean(value)`: a two-letter US state or territory code, upper-cased, or a
  validation error that says what is expected.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext

# The 50 states, DC and the territories that license professionals.
US_STATE_CODES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    ]
)

# Caps for free text, in characters: a few paragraphs, enough for what each field is for.
SHORT_TEXT_MAX = 2_000  # accessibility needs, populations served, staff notes
LONG_TEXT_MAX = 5_000  # TA request details, session report notes, evaluation answers


def text_normalise(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


class PlainTextForm:
    """Mix into a Form or ModelForm (first): text inputs are NFKC-normalised when the form
    validates (after `__init__`, so fields a form adds there are included)."""

    text_kept_as_typed: tuple[str, ...] = ()

    def full_clean(self):
        if self.is_bound:
            self.data = self._text_normalised(self.data)
        super().full_clean()

    def _text_normalised(self, data):
        data = data.copy()  # QueryDicts are immutable
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or name in self.text_kept_as_typed:
                continue
            key = self.add_prefix(name)
            if hasattr(data, "getlist"):
                if key in data:
                    data.setlist(key, [text_normalise(v) for v in data.getlist(key)])
            elif isinstance(data.get(key), str):
                data[key] = text_normalise(data[key])
        return data


def text_limit(field: forms.Field, max_length: int) -> forms.Field:
    """Cap `field` at `max_length` characters, with a message people understand."""

    def within_limit(value):
        if value and len(value) > max_length:
            raise forms.ValidationError(
                gettext("Please keep this to %(limit)s characters or fewer (this has %(count)s).")
                % {"limit": f"{max_length:,}", "count": f"{len(value):,}"},
                code="max_length",
            )

    field.max_length = max_length
    field.validators.append(within_limit)
    field.widget.attrs["maxlength"] = str(max_length)
    return field


def free_text_field(
    *, label: str, max_length: int, rows: int = 3, required: bool = False, help_text: str = ""
) -> forms.CharField:
    """A multi-line free-text field with its cap."""
    field = forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    return text_limit(field, max_length)


def us_state_clean(value: str) -> str:
    code = (value or "").strip().upper()
    if code not in US_STATE_CODES:
        raise forms.ValidationError(
            gettext("Enter the two-letter code of a US state or territory, for example IL."),
            code="us_state",
        )
    return code
