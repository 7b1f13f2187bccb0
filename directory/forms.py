"""Back-office forms for the directory; foreign keys limited to the user's scope."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.backoffice import ScopedForm
from accounts.roles import Action
from directory import rules
from directory.models import (
    Agency,
    CountyRecognition,
    Coverage,
    Person,
    Position,
    Region,
    ServicePoint,
    StarRating,
    University,
    VolunteerCount,
)

TEXT = forms.TextInput


class RegionForm(ScopedForm):
    """New regions go under a parent in the user's scope; the level follows from the parent."""

    parent = forms.ModelChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("上级区域"),
        help_text=_("留空表示新建省级区域（仅系统管理员）。"),
    )

    class Meta:
        model = Region
        fields = ["name", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["parent"]
        elif self.user is not None:
            self.fields["parent"].queryset = scope.regions_visible_to(
                self.user, Action.MANAGE_DIRECTORY
            ).exclude(level=Region.Level.VILLAGE)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        parent = cleaned.get("parent")
        if parent is None and not (self.user and self.user.is_superuser):
            self.add_error("parent", _("请选择上级区域。"))
        self.instance._parent = parent
        self.instance.level = rules.child_level(parent.level) if parent else Region.Level.PROVINCE
        return cleaned


class AgencyForm(ScopedForm):
    scoped_choices = {"region": scope.regions_visible_to}

    class Meta:
        model = Agency
        fields = ["name", "credit_code", "rating", "region"]


class UniversityForm(ScopedForm):
    scoped_choices = {"region": scope.regions_visible_to}

    class Meta:
        model = University
        fields = ["name", "region"]


class ServicePointForm(ScopedForm):
    scoped_choices = {"region": scope.regions_visible_to, "agency": scope.agencies_visible_to}

    class Meta:
        model = ServicePoint
        fields = [
            "code",
            "name",
            "kind",
            "region",
            "star_rating",
            "is_demonstration",
            "specialty",
            "brand_name",
            "agency",
            "area_m2",
            "contract_starts_on",
            "contract_ends_on",
            "address",
        ]


class PersonForm(ScopedForm):
    scoped_choices = {"region": scope.regions_visible_to}

    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "gender",
            "born_on",
            "mobile",
            "education",
            "social_work_major",
            "region",
        ]
        widgets = {"id_number": TEXT(attrs={"autocomplete": "off"}), "mobile": TEXT()}

    def __init__(self, *args, **kwargs):
        """Editing never shows the stored numbers (they are revealed, with a reason and an
        audit event, only on the person page): the inputs start blank, and blank keeps them."""
        super().__init__(*args, **kwargs)
        self.keeps_numbers = self.instance.pk is not None
        if not self.keeps_numbers:
            return
        for name, masked in (
            ("id_number", self.instance.id_number_masked),
            ("mobile", self.instance.mobile_masked),
        ):
            self.initial[name] = ""
            self.fields[name].required = False
            self.fields[name].help_text = _("当前为 %(masked)s；留空则保持不变。") % {
                "masked": masked or "—"
            }
        self.fields["mobile_clear"] = forms.BooleanField(label=_("删除手机号"), required=False)

    def clean_id_number(self):
        typed = self.cleaned_data["id_number"]
        return typed or (self.instance.id_number if self.keeps_numbers else typed)

    def clean_mobile(self):
        typed = self.cleaned_data["mobile"]
        if self.keeps_numbers and self.data.get("mobile_clear"):
            return ""
        return typed or (self.instance.mobile if self.keeps_numbers else typed)


class PositionForm(ScopedForm):
    """A new position; a move to another station is another new position."""

    scoped_choices = {
        "person": lambda user, action: scope.people_visible_to(user, action),
        "service_point": scope.service_points_visible_to,
    }

    class Meta:
        model = Position
        fields = ["person", "service_point", "role", "full_time", "starts_on", "ends_on"]


class PositionEndForm(ScopedForm):
    """An existing position only gets its end date: history is never overwritten."""

    class Meta:
        model = Position
        fields = ["ends_on"]


class StarRatingForm(ScopedForm):
    """A review's result (R25); saved through `services.star_rating_record`."""

    scoped_choices = {"service_point": scope.service_points_visible_to}

    class Meta:
        model = StarRating
        fields = ["service_point", "stars", "rated_on", "guide"]


class CoverageForm(ScopedForm):
    """A village or community covered from a date, by a station at or above it (R25)."""

    scoped_choices = {"service_point": scope.service_points_visible_to}

    class Meta:
        model = Coverage
        fields = ["region", "service_point", "covered_from"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["region"].queryset = scope.regions_visible_to(
                self.user, Action.MANAGE_DIRECTORY
            ).filter(level=Region.Level.VILLAGE)


class CountyRecognitionForm(ScopedForm):
    """R25: a county named 工作优良县, by an office above it."""

    scoped_choices = {"region": scope.counties_recognisable_by}

    class Meta:
        model = CountyRecognition
        fields = ["region", "year"]
        help_texts = {"region": _("只能认定本级以下的县/区；县级不能认定本县。")}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("请填写 2000 至 2100 之间的年度。"))
        return year


class VolunteerCountForm(ScopedForm):
    """R2: volunteers on a station's team, as counted on a date."""

    scoped_choices = {"service_point": scope.service_points_visible_to}

    class Meta:
        model = VolunteerCount
        fields = ["service_point", "count", "counted_on"]


class RevealPurpose(models.TextChoices):
    VERIFY_IDENTITY = "verify_identity", _("核实身份")
    HANDLE_BUSINESS = "handle_business", _("办理业务")
    ISSUE_CERTIFICATE = "issue_certificate", _("出具证明")
    OWN_RECORD = "own_record", _("本人查看")


class SensitiveRevealForm(forms.Form):
    """Why the full ID and mobile numbers are being shown; recorded with the reveal."""

    purpose = forms.ChoiceField(
        label=_("查看原因"),
        choices=RevealPurpose.choices,
        error_messages={"required": _("请选择查看完整号码的原因。")},
    )
