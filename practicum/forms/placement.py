"""Forms of the placement part (R15): the application statement, a party's decision, a weekly
log and a field supervisor's return. Domain limits (the week's capacity, the places, the
agreement) are checked by the services, which word the messages."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from practicum.services.applications import (
    COORDINATOR,
    REASON_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    STATION,
)
from practicum.services.weekly_logs import COMMENT_MAX_LENGTH


class ApplicationForm(forms.Form):
    statement = forms.CharField(
        label=_("申请陈述"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("简要说明您的专业基础、申请动机和可到岗时间，不超过 2000 字。"),
        error_messages={
            "required": _("请填写申请陈述。"),
            "max_length": _("申请陈述不能超过 2000 字。"),
        },
    )


class DecisionForm(forms.Form):
    party = forms.ChoiceField(
        choices=[(STATION, _("站点")), (COORDINATOR, _("高校"))], widget=forms.HiddenInput
    )
    accept = forms.TypedChoiceField(
        label=_("意见"),
        choices=[("yes", _("同意")), ("no", _("不同意"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择同意或不同意。")},
    )
    reason = forms.CharField(
        label=_("不同意的理由"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        error_messages={"max_length": _("理由不能超过 300 字。")},
    )


class WeeklyLogForm(forms.Form):
    week_starts_on = forms.DateField(
        label=_("周一日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("请填写这一周的周一日期。"),
            "invalid": _("日期格式不正确。"),
        },
    )
    hours = forms.DecimalField(
        label=_("本周实习时数（小时）"),
        min_value=Decimal("0.1"),
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={
            "required": _("请填写本周实习时数。"),
            "invalid": _("请填写数字，如 32.5。"),
            "min_value": _("时数必须大于 0。"),
            "max_digits": _("时数过大。"),
            "max_decimal_places": _("时数最多保留两位小数。"),
        },
    )
    activities = forms.CharField(
        label=_("本周工作内容"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("请填写本周工作内容。"),
            "max_length": _("工作内容不能超过 3000 字。"),
        },
    )
    reflection = forms.CharField(
        label=_("反思"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("请填写本周反思。"),
            "max_length": _("反思不能超过 2000 字。"),
        },
    )


class WeeklyLogRevisionForm(WeeklyLogForm):
    """The week of a log never changes; the rest may, until it is confirmed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["week_starts_on"]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("退回意见"),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "required": _("退回时请填写意见。"),
            "max_length": _("意见不能超过 500 字。"),
        },
    )
