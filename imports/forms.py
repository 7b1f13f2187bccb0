from django import forms
from django.utils.translation import gettext_lazy as _

from imports.models import ImportBatch


class UploadForm(forms.Form):
    """What to import and the file; the file's contents are checked by `parsing`."""

    kind = forms.ChoiceField(label=_("导入内容"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=_("文件"),
        help_text=_("Excel（.xlsx）或 CSV 文件，请使用下载的模板填写。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
