"""Forms for training pages; messages in Chinese (gettext)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import users_with_emails
from core import periods, units
from core.files import check_upload
from directory.models import Position
from lms import hours
from lms.models import Course, CourseMaterial, CourseRun, ExternalTraining, Kind, Level
from lms.services.external import LEVEL_REFUSED, MINUTE_PROBLEMS

SHANGHAI = ZoneInfo("Asia/Shanghai")
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
EVIDENCE_MAX_BYTES = getattr(settings, "LMS_EVIDENCE_MAX_BYTES", 5 * 1024 * 1024)


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
    show = forms.ChoiceField(
        required=False,
        choices=[("open", _("我可报名的")), ("all", _("全部开班"))],
        widget=forms.RadioSelect,
    )


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
        help_texts = {
            "providing_level": _("审核人按本级或下级认定最终计入层级。"),
        }

    def clean_evidence(self):
        return check_upload(
            self.cleaned_data["evidence"],
            extensions=EVIDENCE_EXTENSIONS,
            max_bytes=EVIDENCE_MAX_BYTES,
            type_message=_("证明材料只能是 PDF、JPG 或 PNG 文件。"),
        )

    def clean_starts_on(self):
        return periods.day_within(self.cleaned_data["starts_on"], today=timezone.localdate())

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on > timezone.localdate():
            raise forms.ValidationError(_("培训尚未结束，结束后再申请计入学时。"))
        return periods.day_within(ends_on, today=timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hours") is not None:
            cleaned["minutes"] = units.minutes_from_hours(cleaned["hours"])
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


class ExternalDecisionForm(DecisionForm):
    """A decision on an external training: approving sets the providing level, offered only at
    the levels the approver holds or below (R12, R13)."""

    providing_level = forms.ChoiceField(
        label=_("计入层级"), required=False, error_messages={"invalid_choice": LEVEL_REFUSED}
    )

    def __init__(self, *args, levels: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["providing_level"].choices = [
            (value, label) for value, label in Level.choices if value in levels
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned["approve"] or cleaned.get("providing_level"):
            return cleaned
        if not self.fields["providing_level"].choices:
            raise forms.ValidationError(LEVEL_REFUSED)
        if not self.has_error("providing_level"):
            raise forms.ValidationError(_("请选择计入层级。"))
        return cleaned


class ReverseForm(forms.Form):
    reason = forms.CharField(max_length=200, label=_("冲销原因"))


class AdjustForm(forms.Form):
    """Manual hours; the level is one the adjuster holds or below (R12, R13), so a forged level
    is refused like any value outside the choices."""

    on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("分钟"), min_value=1, max_value=24 * 60)
    kind = forms.ChoiceField(label=_("培训类别"), choices=Kind.choices)
    providing_level = forms.ChoiceField(
        label=_("计入层级"),
        choices=Level.choices,
        error_messages={"invalid_choice": _("您只能按本级或下级认定培训层级。")},
    )
    reason = forms.CharField(max_length=200, label=_("调整原因"))

    def __init__(self, *args, levels: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["providing_level"].choices = [
            (value, label) for value, label in Level.choices if value in levels
        ]


class SheetForm(forms.Form):
    file = forms.FileField(label=_("签到表（.xlsx 或 .csv，列：姓名、身份证号）"))


class CourseForm(forms.ModelForm):
    online_url = forms.URLField(required=False, assume_scheme="https", label=_("线上链接"))
    organiser = forms.ModelChoiceField(
        queryset=None, label=_("主办民政部门 / 服务区域"), empty_label=None
    )
    audience_regions = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("面向区域（留空为不限）")
    )
    audience_roles = forms.MultipleChoiceField(
        choices=Position.Role.choices,
        required=False,
        label=_("面向岗位（留空为不限）"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "description",
            "kind",
            "providing_level",
            "location",
            "online_url",
            "minutes_per_session",
        ]

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = regions
        self.fields["audience_regions"].queryset = regions


class RunForm(forms.ModelForm):
    sessions = forms.CharField(
        label=_("课次（每行一场：2026-05-01 09:00-12:00）"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    trainer_emails = forms.CharField(label=_("讲师登录邮箱（多个用逗号分隔）"), required=False)

    class Meta:
        model = CourseRun
        fields = [
            "name",
            "capacity",
            "enrolment_mode",
            "enrolment_deadline",
            "cancellation_deadline",
            "completion_percent",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "enrolment_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "cancellation_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_sessions(self):
        sessions = []
        for number, line in enumerate(self.cleaned_data["sessions"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            try:
                day, times = line.split()
                start, end = times.split("-")
                on = dt.date.fromisoformat(day)
                starts = dt.datetime.combine(on, dt.time.fromisoformat(start), tzinfo=SHANGHAI)
                ends = dt.datetime.combine(on, dt.time.fromisoformat(end), tzinfo=SHANGHAI)
            except ValueError:
                raise forms.ValidationError(
                    _("第 %(n)s 行格式不对，应为：2026-05-01 09:00-12:00") % {"n": number}
                ) from None
            if ends <= starts:
                raise forms.ValidationError(
                    _("第 %(n)s 行的结束时间应晚于开始时间。") % {"n": number}
                )
            sessions.append((starts, ends))
        if not sessions:
            raise forms.ValidationError(_("请至少填写一场课次。"))
        return sessions

    def clean_trainer_emails(self):
        emails = [
            e.strip().lower() for e in self.cleaned_data["trainer_emails"].split(",") if e.strip()
        ]
        users = list(users_with_emails(emails=emails))
        missing = sorted(set(emails) - {u.email.lower() for u in users})
        if missing:
            raise forms.ValidationError(
                _("找不到这些账号：%(emails)s") % {"emails": "、".join(missing)}
            )
        return users

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("结束日期不能早于开始日期。"))
        return cleaned


class AssignForm(forms.Form):
    id_number = forms.CharField(label=_("指派人员的身份证号"), max_length=20)


MATERIAL_EXTENSIONS = (".pdf", ".docx", ".pptx", ".xlsx", ".jpg", ".jpeg", ".png", ".mp4")
MATERIAL_MAX_BYTES = 50 * 1024 * 1024


class MaterialForm(forms.ModelForm):
    url = forms.URLField(required=False, assume_scheme="https", label=_("链接"))

    class Meta:
        model = CourseMaterial
        fields = ["title", "file", "url"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        return check_upload(
            upload,
            extensions=MATERIAL_EXTENSIONS,
            max_bytes=MATERIAL_MAX_BYTES,
            type_message=_("资料只能是 PDF、Word、PowerPoint、Excel、图片或 MP4 文件。"),
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("请上传文件或填写链接。"))
        return cleaned
