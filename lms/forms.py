"""Forms for training pages; messages in Chinese (gettext)."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from lms import hours
from lms.models import ExternalTraining, Kind, Level
from lms.services.external import MINUTE_PROBLEMS

EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
EVIDENCE_MAX_BYTES = getattr(settings, "LMS_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)
EVIDENCE_MAGIC = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8",),
    ".jpeg": (b"\xff\xd8",),
}


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("搜索"))
    kind = forms.ChoiceField(required=False, choices=[("", _("全部类别")), *Kind.choices])
    level = forms.ChoiceField(required=False, choices=[("", _("全部层级")), *Level.choices])
    region = forms.IntegerField(required=False, widget=forms.HiddenInput)
    starts_after = forms.DateField(
        required=False, label=_("开始不早于"), widget=forms.DateInput(attrs={"type": "date"})
    )
    starts_before = forms.DateField(
        required=False, label=_("开始不晚于"), widget=forms.DateInput(attrs={"type": "date"})
    )
    places_left = forms.BooleanField(required=False, label=_("仅显示有名额"))


class ExternalTrainingForm(forms.ModelForm):
    hours = forms.DecimalField(label=_("学时（小时）"), max_digits=6, decimal_places=1)

    class Meta:
        model = ExternalTraining
        fields = [
            "title",
            "organiser",
            "kind",
            "providing_level",
            "starts_on",
            "ends_on",
            "evidence",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_evidence(self):
        evidence = self.cleaned_data["evidence"]
        extension = PurePath(evidence.name or "").suffix.lower()
        if extension not in EVIDENCE_EXTENSIONS:
            raise forms.ValidationError(_("证明材料只能是 PDF、JPG 或 PNG 文件。"))
        if evidence.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                _("证明材料不能超过 %(limit)s。") % {"limit": filesizeformat(EVIDENCE_MAX_BYTES)}
            )
        evidence.seek(0)
        head = evidence.read(8)
        evidence.seek(0)
        if not head.startswith(EVIDENCE_MAGIC[extension]):
            raise forms.ValidationError(_("证明材料的内容与文件类型不符。"))
        return evidence

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours") is not None:
            cleaned["minutes"] = int(round(cleaned["hours"] * 60))
            starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
            if starts_on and ends_on:
                problem = hours.external_minutes_problem(
                    minutes=cleaned["minutes"], starts_on=starts_on, ends_on=ends_on
                )
                if problem:
                    raise forms.ValidationError(MINUTE_PROBLEMS[problem])
        return cleaned


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("通过")), ("0", _("退回"))], coerce=bool)
    reason = forms.CharField(required=False, max_length=200, label=_("原因"))

    def clean(self):
        cleaned = super().clean()
        cleaned["approve"] = self.data.get("approve") == "1"
        if not cleaned["approve"] and not cleaned.get("reason", "").strip():
            raise forms.ValidationError(_("请填写退回原因。"))
        return cleaned


class ReverseForm(forms.Form):
    reason = forms.CharField(max_length=200, label=_("冲销原因"))


class AdjustForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("分钟"), min_value=1, max_value=24 * 60)
    kind = forms.ChoiceField(label=_("培训类别"), choices=Kind.choices)
    providing_level = forms.ChoiceField(label=_("计入层级"), choices=Level.choices)
    reason = forms.CharField(max_length=200, label=_("调整原因"))


class SheetForm(forms.Form):
    file = forms.FileField(label=_("签到表（.xlsx 或 .csv，列：姓名、身份证号）"))
