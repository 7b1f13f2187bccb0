from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from quotas import rules
from quotas.models import MonthlyReport


class ReportForm(forms.ModelForm):
    class Meta:
        model = MonthlyReport
        fields = [
            "cases_served",
            "work_hours",
            "service_hours",
            "highlights",
            "problems",
            "next_plan",
        ]
        widgets = {
            "highlights": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "next_plan": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_work_hours(self):
        hours = self.cleaned_data["work_hours"]
        staff = self.instance.figures.get("staff", 0)
        cap = rules.work_hours_cap(month=self.instance.month, staff=staff)
        if hours > cap:
            raise forms.ValidationError(
                _("工作总时长不能超过 %(cap)s 小时（按在岗人数每人每天 24 小时计）。"),
                params={"cap": cap},
            )
        return hours

    def clean(self):
        cleaned = super().clean()
        work, service = cleaned.get("work_hours"), cleaned.get("service_hours")
        if work is not None and service is not None and service > work:
            self.add_error("service_hours", _("专业服务时长不能超过工作总时长。"))
        return cleaned


class MonthForm(forms.Form):
    month = periods.MonthField(label=_("月份"))


class CarryForwardForm(forms.Form):
    """A region's decision to keep applying a rule after its document's period (R4, R8, R12)."""

    starts_on = forms.DateField(
        label=_("延续执行起始日"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("延续执行截止日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("留空表示直至另行决定。"),
    )
    threshold = forms.IntegerField(
        label=_("指标值"), min_value=0, help_text=_("默认为原规则最后一年的数值，不再逐年增长。")
    )
    decided_by = forms.CharField(label=_("决定机关"), max_length=100)
    decided_on = forms.DateField(
        label=_("决定日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        if data.get("until") and data.get("starts_on") and data["until"] < data["starts_on"]:
            self.add_error("until", _("截止日不能早于起始日。"))
        return data
