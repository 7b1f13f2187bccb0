"""Forms for the university coordinator (R15): agreements, field supervisors, programmes and
evaluation forms, placements, tutors and students. Choices are always querysets already
filtered to what the user may use, so an id from elsewhere is simply not a valid choice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import check_upload
from directory import selectors as directory_selectors
from directory.models import Person
from practicum.models import Placement, PracticeBase, Programme
from practicum.services.programmes import criteria_problems

AGREEMENT_MAX_BYTES = 10 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SPLIT = str.maketrans({"：": " ", ":": " ", "，": " ", ",": " ", "\t": " "})


class AgreementForm(forms.ModelForm):
    """A new agreement: the host is named by the station's code or the agency's credit code."""

    host_code = forms.CharField(
        label=_("站点编号或机构统一社会信用代码"),
        max_length=32,
        help_text=_("可先在上方按名称搜索站点或机构，再填写其编号。"),
    )

    class Meta:
        model = PracticeBase
        fields = ["school", "kind", "starts_on", "ends_on", "signed_on", "document"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "signed_on": DATE}
        help_texts = {"document": _("仅限 PDF，不超过 10 MB。")}

    def __init__(self, *args, with_host: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_host:
            del self.fields["host_code"]

    def clean_host_code(self):
        code = self.cleaned_data["host_code"].strip()
        host = directory_selectors.host_with_code(code=code)
        if host is None:
            raise forms.ValidationError(_("没有找到这个编号的站点或机构。"))
        self.host = host
        return code

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):
            return check_upload(
                document,
                extensions={".pdf"},
                max_bytes=AGREEMENT_MAX_BYTES,
                type_message=_("协议文本只接受 PDF 文件。"),
            )
        return document

    def _post_clean(self):
        """The service validates and saves; the form only checks its fields."""

    @property
    def changes(self) -> dict:
        fields = ("school", "kind", "starts_on", "ends_on", "signed_on")
        return {field: self.cleaned_data[field] for field in fields}

    @property
    def new_document(self):
        document = self.cleaned_data.get("document")
        return document if document and hasattr(document, "content_type") else None


class FieldSupervisorsForm(forms.Form):
    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"] = forms.ModelMultipleChoiceField(
            label=_("站点实习督导"),
            queryset=candidates,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("只能从本站点现任人员中选择。"),
        )


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "degree", "required_hours", "evaluation_forms"]
        widgets = {"evaluation_forms": forms.CheckboxSelectMultiple}

    def __init__(self, *args, forms_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_hours"].min_value = 1
        self.fields["required_hours"].widget.attrs["min"] = 1
        self.fields["required_hours"].validators.append(_positive)
        self.fields["evaluation_forms"].queryset = forms_queryset

    def _post_clean(self):
        """The service validates and saves."""


def _positive(value):
    if value is not None and value <= 0:
        raise forms.ValidationError(_("要求实习时数必须大于 0。"))


def criteria_text(criteria: list[dict]) -> str:
    return "\n".join(f"{row['name']} {row['max_score']}" for row in criteria or [])


class EvaluationFormForm(forms.Form):
    """A rubric typed one criterion a line: name and maximum score, e.g. "专业态度 20"."""

    name = forms.CharField(label=_("名称"), max_length=100)
    criteria = forms.CharField(
        label=_("评价指标"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一项：指标名称 满分（1–100），如“专业态度 20”。"),
    )

    def clean_criteria(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            words = line.translate(SPLIT).split()
            if not words:
                continue
            if len(words) < 2 or not words[-1].isdigit():
                raise forms.ValidationError(
                    _("第 %(line)s 行应为“指标名称 满分”。") % {"line": number}
                )
            rows.append({"name": " ".join(words[:-1]), "max_score": int(words[-1])})
        problems = criteria_problems(rows)
        if problems:
            raise forms.ValidationError(problems)
        return rows


class PlacementForm(forms.ModelForm):
    """Field supervisor and tutor choices are the base's named supervisors and the university's
    tutors; the service checks the agreement again when saving."""

    class Meta:
        model = Placement
        fields = [
            "title",
            "field",
            "term",
            "places",
            "starts_on",
            "ends_on",
            "weekly_schedule",
            "requirements",
            "field_supervisor",
            "tutor",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, supervisors, tutors, published: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_supervisor"].queryset = supervisors
        self.fields["tutor"].queryset = tutors
        self.fields["places"].min_value = 1
        if published:
            for name in list(self.fields):
                if name not in ("places", "weekly_schedule", "requirements"):
                    del self.fields[name]

    def _post_clean(self):
        """The service validates and saves."""


class TutorForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=20)
    mobile = forms.CharField(label=_("手机号"), max_length=20, required=False)
    education = forms.ChoiceField(label=_("学历"), choices=Person.Education.choices)
    email = forms.EmailField(label=_("电子邮箱"), help_text=_("邀请邮件将发送到此邮箱。"))


class StudentForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(label=_("身份证号"), max_length=20)
    education = forms.ChoiceField(
        label=_("学历"), choices=Person.Education.choices, initial=Person.Education.BACHELOR
    )
    email = forms.EmailField(label=_("电子邮箱"), help_text=_("邀请邮件将发送到此邮箱。"))
    student_number = forms.CharField(label=_("学号"), max_length=30)
    cohort = forms.CharField(label=_("年级"), max_length=20, required=False)

    def __init__(self, *args, programmes, tutors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"] = forms.ModelChoiceField(label=_("专业"), queryset=programmes)
        self.fields["tutor"] = forms.ModelChoiceField(
            label=_("校内导师"), queryset=tutors, required=False
        )
