"""Forms for supervision pages: validation and Chinese messages."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import periods
from core.files import check_upload
from directory import identity
from supervision.models import Assignment, CommitteeLevel, SessionForm, SupervisionSession
from supervision.privacy import sensitive_kinds

ATTACHMENT_TYPES = {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
FREE_TEXT = ("topic", "cases_discussed", "notes", "follow_up")
SENSITIVE_LABELS = {"id_number": _("身份证号"), "mobile": _("手机号")}


class SessionLogForm(forms.Form):
    """One session: when, how long, form, level, and each present worker's minutes.

    The workers of the station are listed as one minutes field each (blank = not present), which
    works on a phone without scripts. `key` is a per-form token against double submits.
    """

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    started_at = forms.DateTimeField(
        label=_("开始时间"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("时长（分钟）"),
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"min_value": _("时长必须是正整数分钟。")},
    )
    form = forms.ChoiceField(label=_("督导形式"), choices=SessionForm.choices)
    providing_level = forms.ChoiceField(label=_("提供层级"), choices=CommitteeLevel.choices)
    status = forms.ChoiceField(
        label=_("状态"),
        choices=[
            (SupervisionSession.Status.HELD, SupervisionSession.Status.HELD.label),
            (SupervisionSession.Status.PLANNED, SupervisionSession.Status.PLANNED.label),
        ],
    )
    topic = forms.CharField(label=_("主题"), max_length=200)
    cases_discussed = forms.CharField(
        label=_("讨论的个案"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = forms.CharField(
        label=_("记录"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    follow_up = forms.CharField(
        label=_("后续行动"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(label=_("附件"), required=False)
    accept_sensitive = forms.BooleanField(
        label=_("我已核对，文字中的号码不是个人身份信息"), required=False
    )

    def __init__(self, *args, workers=(), co_supervisors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = list(workers)
        if co_supervisors is not None and co_supervisors.exists():
            self.fields["co_supervisors"] = forms.ModelMultipleChoiceField(
                label=_("共同督导"),
                queryset=co_supervisors,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if not self.is_bound and "key" not in self.initial:
            self.initial["key"] = uuid.uuid4().hex
        for person in self.workers:
            self.fields[f"minutes_{person.pk}"] = forms.IntegerField(
                label=person.name,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": _("分钟")}),
            )

    def worker_fields(self):
        return [self[f"minutes_{person.pk}"] for person in self.workers]

    def clean_started_at(self):
        started_at = self.cleaned_data["started_at"]
        periods.day_within(timezone.localdate(started_at), today=timezone.localdate())
        return started_at

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return upload
        return check_upload(
            upload,
            extensions=ATTACHMENT_TYPES,
            max_bytes=ATTACHMENT_MAX_BYTES,
            type_message=_("附件只能是 PDF、JPG、PNG、Word（docx）或 Excel（xlsx）文件。"),
        )

    def clean(self):
        cleaned = super().clean()
        supervisees = []
        for person in self.workers:
            minutes = cleaned.get(f"minutes_{person.pk}")
            if minutes is not None:
                supervisees.append((person, minutes))
        if not supervisees and not self.errors:
            raise forms.ValidationError(_("请至少为一名社工填写接受督导的分钟数。"))
        cleaned["supervisees"] = supervisees
        kinds = set()
        for name in FREE_TEXT:
            kinds |= sensitive_kinds(cleaned.get(name, ""))
        if kinds and not cleaned.get("accept_sensitive"):
            raise forms.ValidationError(
                _("文字中似乎含有%(kinds)s，请删除个人身份信息；如确认不是，请勾选下方的确认框。")
                % {"kinds": "、".join(str(SENSITIVE_LABELS[k]) for k in sorted(kinds))}
            )
        return cleaned


class DisputeForm(forms.Form):
    reason = forms.CharField(
        label=_("异议理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("异议成立，不计入学时")), ("no", _("异议不成立，按记录确认"))],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(
        label=_("处理意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("重新开放理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignmentForm(forms.Form):
    """A new assignment of a supervisor to a station."""

    mode = forms.ChoiceField(label=_("督导模式"), choices=Assignment.Mode.choices)
    starts_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    planned_end_on = forms.DateField(
        label=_("计划结束日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_reason = forms.CharField(
        label=_("任期超出建议服务期的理由"), max_length=300, required=False
    )

    def __init__(self, *args, supervisors, suggestion, **kwargs):
        """`suggestion`: the term suggested where the station lies (R6); without one no
        reason is asked for."""
        super().__init__(*args, **kwargs)
        self.fields = {
            "supervisor": forms.ModelChoiceField(label=_("督导"), queryset=supervisors),
            **self.fields,
        }
        if suggestion is None:
            del self.fields["term_reason"]

    def clean(self):
        cleaned = super().clean()
        starts_on, planned_end_on = cleaned.get("starts_on"), cleaned.get("planned_end_on")
        if starts_on and planned_end_on and planned_end_on <= starts_on:
            self.add_error("planned_end_on", _("计划结束日期必须晚于开始日期。"))
        return cleaned


class ProfileForm(forms.Form):
    """Make a person in the administrator's scope a supervisor, found by ID or mobile number."""

    identifier = forms.CharField(
        label=_("身份证号或手机号"), max_length=30, help_text=_("此人须已登记在人员库中。")
    )
    committee_level = forms.ChoiceField(label=_("督导委员会层级"), choices=CommitteeLevel.choices)
    starts_on = forms.DateField(
        label=_("现等级起始日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    specialties = forms.CharField(label=_("专长领域"), max_length=200, required=False)

    def __init__(self, *args, people, grades, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        self.fields["grade"] = forms.ModelChoiceField(label=_("等级"), queryset=grades)
        self.fields["mentor"] = forms.ModelChoiceField(
            label=_("带教督导"), queryset=mentors, required=False
        )

    def clean_identifier(self):
        text = self.cleaned_data["identifier"]
        try:
            number, _born_on, _gender = identity.parse_id_number(text)
            found = self.people.with_id_number(number)
        except identity.IdentityError:
            try:
                found = self.people.with_mobile(identity.parse_mobile(text))
            except identity.IdentityError:
                raise forms.ValidationError(_("请输入有效的身份证号或手机号。")) from None
        person = found.first()
        if person is None:
            raise forms.ValidationError(_("在您管辖的范围内找不到此人，请先在人员库中登记。"))
        if hasattr(person, "supervisor_profile"):
            raise forms.ValidationError(_("此人已经是督导。"))
        self.cleaned_data["person"] = person
        return text


class GradeForm(forms.Form):
    starts_on = forms.DateField(label=_("起始日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "grade": forms.ModelChoiceField(label=_("新等级"), queryset=grades),
            **self.fields,
        }
