"""The judge's forms: a score and a comment per criterion, and a declared conflict (R14)."""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from competitions.models import Criterion, Score


class ScoresForm(forms.Form):
    """A score and a comment for each criterion of the rubric. Ranges and the comments extreme
    scores need are checked by `services.review.scores_save`, which words the messages; the
    inputs carry the range so that a phone offers the right keyboard and limits."""

    def __init__(self, *args, criteria: Iterable[Criterion], scores: Mapping[int, Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            saved = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                required=False,
                max_digits=5,
                decimal_places=1,
                initial=saved.value if saved else None,
                widget=forms.NumberInput(
                    attrs={
                        "min": criterion.min_score,
                        "max": criterion.max_score,
                        "step": "0.1",
                        "inputmode": "decimal",
                    }
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("评语"),
                required=False,
                initial=saved.comment if saved else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        """(criterion, score field, comment field) in the rubric's order, for the page."""
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def values(self) -> dict[int, tuple[Decimal, str]]:
        """Criterion id → (score, comment) for each criterion given a score."""
        data = self.cleaned_data
        return {
            c.pk: (data[f"score_{c.pk}"], data[f"comment_{c.pk}"])
            for c in self.criteria
            if data.get(f"score_{c.pk}") is not None
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("回避原因"),
        max_length=300,
        help_text=_("如：与作者同属一个机构、曾督导过作者、认出了作品所写的服务对象等。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
