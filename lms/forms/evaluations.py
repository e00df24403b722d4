"""The participant's evaluation form, built from the evaluation's questions."""

from django import forms

from lms.forms.text import LONG_TEXT_MAX, PlainTextForm, free_text_field
from lms.models import EvaluationQuestion


class EvaluationForm(PlainTextForm, forms.Form):
    RATING_CHOICES = [
        (1, "1 – Poor"),
        (2, "2 – Fair"),
        (3, "3 – Good"),
        (4, "4 – Very good"),
        (5, "5 – Excellent"),
    ]

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(evaluation.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == EvaluationQuestion.Kind.RATING:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=self.RATING_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                )
            elif question.kind == EvaluationQuestion.Kind.YES_NO:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[("yes", "Yes"), ("no", "No")],
                    coerce=lambda v: v == "yes",
                    widget=forms.RadioSelect,
                    required=question.required,
                    empty_value=None,
                )
            else:
                self.fields[name] = free_text_field(
                    label=question.text, max_length=LONG_TEXT_MAX, required=question.required
                )

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
