"""The objection a signed-in visitor raises against a competition's public notice (R14)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ObjectionForm(forms.Form):
    """A reason, and optionally the entry on the notice it concerns (by its code and title)."""

    entry = forms.ModelChoiceField(
        label=_("涉及作品（可不选）"), queryset=None, required=False, empty_label=_("整体结果")
    )
    reason = forms.CharField(
        label=_("异议理由"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写异议理由。")},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: f"{entry.code} {entry.title}"
