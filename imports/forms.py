from django import forms
from django.utils.translation import gettext_lazy as _

from imports.kinds import ImportKind


class UploadForm(forms.Form):
    """What to import (among the kinds the user may import) and the file; the file's contents
    are checked by `parsing`."""

    kind = forms.ChoiceField(label=_("导入内容"))
    file = forms.FileField(
        label=_("文件"),
        help_text=_("Excel（.xlsx）或 CSV 文件，请使用下载的模板填写。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, kinds: list[ImportKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.key, kind.label) for kind in kinds]
