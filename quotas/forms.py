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
