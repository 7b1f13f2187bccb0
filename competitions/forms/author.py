"""Forms for authors: a new entry, its text per kind, co-authors, files, and the submission's
de-identification checklist (R14)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competitions.models import CASE_SECTIONS, Competition

TITLE_REQUIRED = {"required": _("请填写作品标题。")}


class EntryNewForm(forms.Form):
    title = forms.CharField(label=_("作品标题"), max_length=200, error_messages=TITLE_REQUIRED)


class EntryTextForm(forms.Form):
    """The entry's text: a case study's six sections, or an essay's body, or a video's note."""

    title = forms.CharField(label=_("作品标题"), max_length=200, error_messages=TITLE_REQUIRED)
    client_names = forms.CharField(
        label=_("服务对象姓名（仅用于脱敏检查，不会展示）"),
        max_length=300,
        required=False,
        help_text=_("多个姓名用逗号或顿号分隔。系统会提醒您作品中是否仍出现这些姓名。"),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == Competition.Kind.CASE:
            for key, label in CASE_SECTIONS:
                self.fields[f"section_{key}"] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 6})
                )
        else:
            label = _("正文（也可上传文稿）") if kind == Competition.Kind.ESSAY else _("作品简介")
            self.fields["body"] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 12})
            )

    @classmethod
    def initial_for(cls, entry) -> dict:
        initial = {"title": entry.title, "client_names": entry.client_names, "body": entry.body}
        for key, _label in CASE_SECTIONS:
            initial[f"section_{key}"] = (entry.sections or {}).get(key, "")
        return initial

    @property
    def sections(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"section_{key}"]
            for key, _label in CASE_SECTIONS
            if f"section_{key}" in self.cleaned_data
        }


class CoauthorForm(forms.Form):
    """A co-author is named exactly, with their ID or mobile number: nobody is found by search."""

    name = forms.CharField(
        label=_("合作者姓名"), max_length=50, error_messages={"required": _("请填写姓名。")}
    )
    number = forms.CharField(
        label=_("身份证号或手机号"),
        max_length=30,
        error_messages={"required": _("请填写身份证号或手机号。")},
    )


class EntryFileForm(forms.Form):
    upload = forms.FileField(label=_("文件"), error_messages={"required": _("请选择文件。")})


class SubmitForm(forms.Form):
    """The de-identification checklist: every line must be ticked before the entry is submitted
    (R14); the service refuses otherwise and says why."""

    names = forms.BooleanField(
        label=_("服务对象及其家人的真实姓名已删除或改用化名"), required=False
    )
    numbers = forms.BooleanField(
        label=_("身份证号、手机号、住址、单位等可识别信息已删除"), required=False
    )
    files = forms.BooleanField(
        label=_("附件（照片、视频、文档）中的可识别信息已遮挡或删除"), required=False
    )
    consent = forms.BooleanField(label=_("已取得服务对象对使用本案例的知情同意"), required=False)

    @property
    def deidentified(self) -> bool:
        return self.is_valid() and all(self.cleaned_data.values())
