from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.roles import Action
from core import periods
from core.files import check_upload
from credentials.models import Qualification
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
    region = forms.ModelChoiceField(queryset=None, label=_("区域"))  # set per user below
    year = periods.YearField(label=_("年度"))
    include_empty = forms.BooleanField(label=_("没有学时的人员也出具证明"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = scope.regions_visible_to(
            user, Action.MANAGE_DIRECTORY
        ).exclude(level=Region.Level.VILLAGE)
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("不能为尚未开始的年度出具证明。"))
        return year


SCAN_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
SCAN_MAX_BYTES = 5 * 1024 * 1024


class QualificationForm(forms.Form):
    level = forms.ChoiceField(label=_("等级"), choices=Qualification.Level.choices)
    certificate_number = forms.CharField(label=_("证书编号"), max_length=40)
    passed_on = forms.DateField(
        label=_("考试通过日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    registered_on = forms.DateField(
        label=_("本次登记生效日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("已登记的请填写；有效期按 3 年自动计算。"),
    )
    scan = forms.FileField(label=_("证书扫描件（PDF、JPG 或 PNG，5 MB 以内）"))

    def clean_certificate_number(self):
        number = self.cleaned_data["certificate_number"].strip().upper()
        if Qualification.objects.filter(certificate_number=number).exists():
            raise forms.ValidationError(_("该证书编号已登记。"))
        return number

    def clean_passed_on(self):
        passed_on = self.cleaned_data["passed_on"]
        if passed_on > timezone.localdate():
            raise forms.ValidationError(_("通过日期不能晚于今天。"))
        return passed_on

    def clean_scan(self):
        return check_upload(
            self.cleaned_data["scan"],
            extensions=SCAN_EXTENSIONS,
            max_bytes=SCAN_MAX_BYTES,
            type_message=_("只接受 PDF、JPG 或 PNG 文件。"),
        )

    def clean(self):
        cleaned = super().clean()
        passed_on, registered_on = cleaned.get("passed_on"), cleaned.get("registered_on")
        if passed_on and registered_on and registered_on < passed_on:
            self.add_error("registered_on", _("登记日期不能早于考试通过日期。"))
        return cleaned


class RenewalForm(forms.Form):
    starts_on = forms.DateField(
        label=_("续期登记生效日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
