"""The quiz paper: one field per question, single or multiple choice (R14)."""

from collections.abc import Iterable

from django import forms

from competitions.models import Answer, Question

LETTERS = "ABCDEFGH"


class PaperForm(forms.Form):
    """The whole paper as one form, each question's saved answer checked. The page posts it
    with a button and its script after every click; only changed answers are saved."""

    def __init__(self, *args, paper: Iterable[Answer], **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = list(paper)
        for answer in self.paper:
            question = answer.question
            choices = [
                (index, f"{LETTERS[index]}. {option}")
                for index, option in enumerate(question.options)
            ]
            label = f"{answer.position}. {question.text}"
            if question.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=False,
                    initial=answer.chosen,
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=answer.chosen[0] if answer.chosen else None,
                    widget=forms.RadioSelect,
                )
            field.kind = question.get_kind_display()
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, list[int]]:
        """Question id → the options chosen. A single choice left blank is left out (a radio
        button cannot be cleared); a multiple choice with nothing ticked is an empty answer."""
        chosen = {}
        for answer in self.paper:
            value = self.cleaned_data.get(f"q{answer.question_id}")
            if isinstance(value, list):
                chosen[answer.question_id] = value
            elif value is not None:
                chosen[answer.question_id] = [value]
        return chosen
