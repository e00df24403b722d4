"""Voluntary demographics and an organization's self-report."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lms.forms.text import SHORT_TEXT_MAX, PlainTextForm, free_text_field
from lms.models import (
    BudgetBand,
    Organization,
)
from lms.models.demographics import (
    LEADERSHIP_GROUPS,
    RACE_ETHNICITY_CATEGORIES,
    WASHINGTON_GROUP_DOMAINS,
    Answer,
    Difficulty,
    PeopleEmployed,
)

PREFER_NOT_CHOICE = ("prefer_not", _("Prefer not to answer"))


def in_page_language(form: forms.Form) -> None:
    """Show every choice in the page's language: the labels in lms.models.demographics stay
    English (reports and exports read them) and are only marked for translation."""
    for field in form.fields.values():
        if hasattr(field, "choices"):
            field.choices = [(value, gettext(str(label))) for value, label in field.choices]


class DemographicsForm(forms.Form):
    """Every question is optional and offers "prefer not to answer"."""

    race_ethnicity = forms.MultipleChoiceField(
        label=_("What is your race and/or ethnicity? Select all that apply."),
        choices=[*RACE_ETHNICITY_CATEGORIES, PREFER_NOT_CHOICE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in WASHINGTON_GROUP_DOMAINS:
            self.fields[name] = forms.ChoiceField(
                label=gettext(question),
                choices=[("", _("Not answered")), *Difficulty.choices],
                required=False,
                widget=forms.RadioSelect,
            )
        in_page_language(self)

    def clean_race_ethnicity(self):
        chosen = self.cleaned_data["race_ethnicity"]
        if "prefer_not" in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose “Prefer not to answer” or one or more categories, not both.")
            )
        return chosen

    @staticmethod
    def initial_from(answers) -> dict:
        if answers is None:
            return {}
        initial = {name: getattr(answers, name) for name, _question in WASHINGTON_GROUP_DOMAINS}
        initial["race_ethnicity"] = answers.race_categories + (
            ["prefer_not"] if answers.race_prefer_not else []
        )
        return initial

    def difficulties(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _question in WASHINGTON_GROUP_DOMAINS}


class OrganizationSelfReportForm(PlainTextForm, forms.Form):
    budget_band = forms.ChoiceField(
        label=_("Annual budget"),
        choices=[("", _("Not answered")), *BudgetBand.choices],
        required=False,
    )
    sub_sector = forms.ChoiceField(
        label=_("Sub-sector"),
        choices=[("", _("Not answered")), *Organization.SubSector.choices],
        required=False,
    )
    people_employed = forms.ChoiceField(
        label=_("People employed"),
        choices=[("", _("Not answered")), *PeopleEmployed.choices],
        required=False,
    )
    populations_served = free_text_field(
        label=_("Populations served"),
        max_length=SHORT_TEXT_MAX,
        help_text=_("In your own words, for example “older adults on the South Side”."),
    )
    led_by_underrepresented = forms.ChoiceField(
        label=_(
            "Is your organization led by people from historically underrepresented communities?"
        ),
        choices=[("", _("Not answered")), *Answer.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    leadership = forms.MultipleChoiceField(
        label=_("Your leadership includes people who are… Select all that apply."),
        choices=[*LEADERSHIP_GROUPS, PREFER_NOT_CHOICE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_page_language(self)

    @staticmethod
    def initial_from(organization) -> dict:
        initial = {"budget_band": organization.budget_band, "sub_sector": organization.sub_sector}
        report = getattr(organization, "self_report", None)
        if report is not None:
            initial.update(
                people_employed=report.people_employed,
                populations_served=report.populations_served,
                led_by_underrepresented=report.led_by_underrepresented,
                leadership=[name for name, _label in LEADERSHIP_GROUPS if getattr(report, name)]
                + (["prefer_not"] if report.leadership_prefer_not else []),
            )
        return initial
