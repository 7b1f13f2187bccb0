from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
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

    def clean(self):
        cleaned = super().clean()
        work, service = cleaned.get("work_hours"), cleaned.get("service_hours")
        if work is not None and service is not None and service > work:
            self.add_error("service_hours", _("专业服务时长不能超过工作总时长。"))
        return cleaned


class MonthForm(forms.Form):
    month = periods.MonthField(label=_("月份"))
