import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.roles import Action
from directory.models import Region


class HoursCertificateForm(forms.Form):
    """A year, or a chosen range, for an hour certificate."""

    starts_on = forms.DateField(label=_("起始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    allow_empty = forms.BooleanField(label=_("没有学时也出具（证明该期间无学时）"), required=False)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("截止日期不能早于起始日期。"))
            if ends_on > timezone.localdate():
                self.add_error("ends_on", _("截止日期不能晚于今天。"))
            if (ends_on - starts_on).days > 366 * 5:
                self.add_error("ends_on", _("证明期间最长 5 年。"))
        return cleaned


class BatchForm(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), label=_("区域"))
    year = forms.IntegerField(label=_("年度"), min_value=2000)
    include_empty = forms.BooleanField(label=_("没有学时的人员也出具证明"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = scope.regions_visible_to(
            user, Action.MANAGE_DIRECTORY
        ).exclude(level=Region.Level.VILLAGE)
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if dt.date(year, 1, 1) > timezone.localdate():
            raise forms.ValidationError(_("不能为尚未开始的年度出具证明。"))
        return year
