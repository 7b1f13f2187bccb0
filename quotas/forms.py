from django import forms
from django.utils.translation import gettext_lazy as _

from core import periods
from quotas import rules
from quotas.models import (
    HOURS_MESSAGE,
    VISITS_MESSAGE,
    MonthlyReport,
    QuarterlyMeeting,
    StationListItem,
    WeeklyStatus,
)


class ReportForm(forms.ModelForm):
    class Meta:
        model = MonthlyReport
        fields = [
            "cases_opened",
            "cases_closed",
            "cases_served",
            "work_hours",
            "service_hours",
            "admin_hours",
            "key_clients",
            "key_clients_visited",
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
        """R18, R19: service and administrative hours are separate parts of the working time;
        R20: visited key clients are among the key clients."""
        cleaned = super().clean()
        work, service, admin = (
            cleaned.get("work_hours"),
            cleaned.get("service_hours"),
            cleaned.get("admin_hours"),
        )
        if None not in (work, service, admin) and not rules.hours_add_up(
            work_hours=work, service_hours=service, admin_hours=admin
        ):
            self.add_error("service_hours", HOURS_MESSAGE)
        visited, key_clients = cleaned.get("key_clients_visited"), cleaned.get("key_clients")
        if None not in (visited, key_clients) and visited > key_clients:
            self.add_error("key_clients_visited", VISITS_MESSAGE)
        return cleaned


class MonthForm(forms.Form):
    month = periods.MonthField(label=_("月份"))


class WeeklyStatusForm(forms.ModelForm):
    """R17: this week's short status (每周动态)."""

    class Meta:
        model = WeeklyStatus
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class QuarterlyMeetingForm(forms.ModelForm):
    """R17: the record of a quarterly meeting (季例会)."""

    class Meta:
        model = QuarterlyMeeting
        fields = ["held_on", "attendees", "minutes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "minutes": forms.Textarea(attrs={"rows": 4}),
        }


class StationListItemForm(forms.ModelForm):
    """R19: an item the station adds to its service list or negative list."""

    class Meta:
        model = StationListItem
        fields = ["kind", "text"]

    def clean_text(self):
        return self.cleaned_data["text"].strip()


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
