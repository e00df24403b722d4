"""The catalogue's filter form. It never rejects a request: bad values are dropped with a
short message saying what was ignored, so any URL answers 200."""

import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.languages import language_name
from lms.models import DeliveryFormat
from lms.selectors.catalogue import CatalogueFilters

SEARCH_MAX_CHARS = 200
PRICE_CHOICES = [("free", _("Free")), ("paid", _("Paid (sliding scale)"))]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search trainings"), required=False, strip=True)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    format = forms.ChoiceField(label=_("Format"), required=False)
    credential = forms.ChoiceField(label=_("CE for"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    price = forms.ChoiceField(label=_("Price"), required=False)
    date_from = forms.DateField(
        label=_("Starting from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )

    def __init__(self, data, *, topics, credentials, audiences, languages):
        super().__init__(data)
        any_ = [("", _("Any"))]
        self.fields["topic"].choices = any_ + [(t.slug, t.name) for t in topics]
        self.fields["format"].choices = any_ + list(DeliveryFormat.choices)
        self.fields["credential"].choices = any_ + [(c.code, str(c)) for c in credentials]
        self.fields["audience"].choices = any_ + [(a.slug, a.name) for a in audiences]
        self.fields["language"].choices = any_ + [(name, language_name(name)) for name in languages]
        self.fields["price"].choices = any_ + PRICE_CHOICES
        self.notices: list[str] = []

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.notices.append(
                gettext("The end date was before the start date, so we ignored it.")
            )
            cleaned["date_to"] = None
        return cleaned

    def filters(self) -> tuple[CatalogueFilters, str]:
        """The filters to apply and the cleaned search words. Call once, after construction.

        Each field with a bad value is dropped and noted in `self.notices`. "CE for" is read
        from approvals, so it is not among lms's filters: see `credential_code`.
        """
        self.is_valid()
        values = dict(self.cleaned_data)
        for name in self.errors:
            if name == "__all__":
                continue
            label = self.fields[name].label
            if isinstance(self.fields[name], forms.DateField):
                self.notices.append(
                    gettext("We ignored “%(label)s”: use a date such as 2026-03-01.")
                    % {"label": label}
                )
            else:
                self.notices.append(
                    gettext("We ignored “%(label)s”: that is not one of the choices.")
                    % {"label": label}
                )
            values[name] = None
        words = self.search_words(values.get("q") or "")
        return (
            CatalogueFilters(
                topic=values.get("topic") or "",
                format=values.get("format") or "",
                starts_on=values.get("date_from"),
                ends_on=values.get("date_to"),
                audience=values.get("audience") or "",
                price=values.get("price") or "",
                language=values.get("language") or "",
            ),
            words,
        )

    @property
    def credential_code(self) -> str:
        """The chosen "CE for" credential (CeCredential.code), after `filters()`."""
        if "credential" in self.errors:
            return ""
        return self.cleaned_data.get("credential") or ""

    def search_words(self, text: str) -> str:
        """Words of two or more letters or digits (the search backends get no operators,
        quotes or markup), from at most SEARCH_MAX_CHARS characters."""
        if len(text) > SEARCH_MAX_CHARS:
            self.notices.append(
                f"Your search was long, so we used its first {SEARCH_MAX_CHARS} characters."
            )
            text = text[:SEARCH_MAX_CHARS]
        words = " ".join(word for word in re.findall(r"\w+", text) if len(word) > 1)
        if text.strip() and not words:
            self.notices.append("Your search had no letters or numbers in it, so we ignored it.")
        return words

    @property
    def active_count(self) -> int:
        if not self.is_bound:
            return 0
        return sum(1 for name in self.fields if self.data.get(name))
