"""Forms of the completion part (R15): the evaluation rubric, the final grade and a student
supervision record. Ranges and rules are checked by the services, which word the messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from practicum.completion_rules import Grade
from practicum.models import Application, Placement, StudentSupervision


class RubricForm(forms.Form):
    """A score and a comment per criterion of the chosen evaluation form, and an overall comment."""

    overall_comment = forms.CharField(
        label=_("总体评语"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for index, criterion in enumerate(criteria):
            self.fields[f"score_{index}"] = forms.IntegerField(
                label=criterion["name"],
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": 0, "max": criterion["max_score"], "inputmode": "numeric"}
                ),
            )
            self.fields[f"comment_{index}"] = forms.CharField(
                label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[tuple[dict, forms.BoundField, forms.BoundField]]:
        return [
            (criterion, self[f"score_{index}"], self[f"comment_{index}"])
            for index, criterion in enumerate(self.criteria)
        ]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            criterion["name"]: (data.get(f"score_{index}"), data.get(f"comment_{index}", ""))
            for index, criterion in enumerate(self.criteria)
        }


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label=_("最终成绩"), choices=Grade.choices)


class StudentSupervisionForm(forms.Form):
    """Students are offered from the placement's accepted applications only, so an id from
    anywhere else is refused as an invalid choice."""

    form = forms.ChoiceField(label=_("形式"), choices=StudentSupervision.Form.choices)
    held_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("时长（分钟）"), min_value=1)
    topics = forms.CharField(label=_("主题"), max_length=300)
    notes = forms.CharField(
        label=_("记录"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    students = forms.ModelMultipleChoiceField(
        label=_("学生"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, placement: Placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = placement.applications.filter(
            state=Application.State.ACCEPTED
        ).select_related("student__person")
        self.fields["students"].label_from_instance = lambda a: a.student.person.name
