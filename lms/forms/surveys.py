"""A partner survey's form, built from its questions."""

from django import forms

from lms.forms.text import LONG_TEXT_MAX, PlainTextForm, free_text_field
from lms.models import SurveyQuestion, Topic

SCALE_CHOICES = [
    ("1", "1 – Not at all"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 – Very much"),
]


class SurveyForm(PlainTextForm, forms.Form):
    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        topics = None
        for question in self.questions:
            name = f"q{question.pk}"
            common = {"label": question.text, "required": question.required}
            Kind = SurveyQuestion.Kind
            if question.kind == Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in question.choice_list],
                    widget=forms.RadioSelect,
                    **common,
                )
            elif question.kind == Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in question.choice_list],
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif question.kind == Kind.TOPICS:
                if topics is None:
                    topics = [(t.slug, t.name) for t in Topic.objects.order_by("name")]
                field = forms.MultipleChoiceField(
                    choices=topics, widget=forms.CheckboxSelectMultiple, **common
                )
            elif question.kind == Kind.SCALE:
                field = forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
            else:
                field = free_text_field(max_length=LONG_TEXT_MAX, **common)
            self.fields[name] = field

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
