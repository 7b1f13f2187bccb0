"""Forms for organisers: a competition's set-up and later amendments, its rubric, judges,
notice, answers to objections and the logged reveal of a blind entry (R14)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from competitions import rules
from competitions.models import Competition
from competitions.services.contests import DRAFT_FIELDS
from directory.models import Position, Region, ServicePoint

INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
SPLIT = str.maketrans({"：": " ", ":": " ", "，": " ", ",": " ", "\t": " "})


def _when(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _model_field(name: str, **kwargs) -> forms.Field:
    return Competition._meta.get_field(name).formfield(**kwargs)


def _words(text: str) -> list[list[str]]:
    return [line.translate(SPLIT).split() for line in (text or "").splitlines() if line.strip()]


def award_levels_text(levels: list[dict]) -> str:
    return "\n".join(f"{level['name']} {level['count']}" for level in levels or [])


def blueprint_text(lines: list[dict]) -> str:
    return "\n".join(
        f"{line['topic']} {line['difficulty']} {line['count']}" for line in lines or []
    )


class OrganiserField(forms.ChoiceField):
    """Who runs the competition: one of the civil-affairs offices (regions) or stations given,
    already limited to those the user may run competitions for; cleans to the object."""

    def __init__(self, *, offices: list[Region], stations: list[ServicePoint], **kwargs):
        self.organisers = {self.key(o): o for o in [*offices, *stations]}
        groups = [
            (_("民政部门"), [(self.key(o), str(o)) for o in offices]),
            (_("社工站"), [(self.key(o), str(o)) for o in stations]),
        ]
        super().__init__(choices=[group for group in groups if group[1]], **kwargs)

    @staticmethod
    def key(organiser: Region | ServicePoint) -> str:
        kind = "station" if isinstance(organiser, ServicePoint) else "region"
        return f"{kind}-{organiser.pk}"

    def clean(self, value) -> Region | ServicePoint:
        return self.organisers[super().clean(value)]


class CompetitionForm(forms.Form):
    """A draft's whole set-up. Award levels and the quiz blueprint are typed one per line. A new
    competition also names its organiser, among `offices` and `stations`."""

    def __init__(
        self,
        *args,
        regions,
        offices: list[Region] | None = None,
        stations: list[ServicePoint] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        fields = {}
        if offices is not None or stations is not None:
            fields["organiser"] = OrganiserField(
                label=_("主办单位"),
                offices=offices or [],
                stations=stations or [],
                error_messages={
                    "required": _("请选择主办单位。"),
                    "invalid_choice": _("请选择列表中的主办单位。"),
                },
            )
        fields["title"] = _model_field("title")
        fields["kind"] = _model_field("kind")
        fields["rules"] = _model_field("rules", widget=forms.Textarea(attrs={"rows": 8}))
        fields["eligible_regions"] = forms.ModelMultipleChoiceField(
            label=_("参赛区域"),
            queryset=regions,
            required=False,
            help_text=_("不选表示主办方辖区内均可参赛。"),
        )
        fields["eligible_roles"] = forms.MultipleChoiceField(
            label=_("参赛岗位"),
            choices=Position.Role.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("不选表示所有岗位。"),
        )
        fields["award_levels"] = forms.CharField(
            label=_("奖项设置"),
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("每行一个奖项，从高到低：名称 名额，如“一等奖 3”。"),
            error_messages={"required": _("请设置奖项及名额。")},
        )
        fields["entries_per_author"] = _model_field("entries_per_author", min_value=1)
        fields["method"] = _model_field("method")
        fields["tie_rule"] = _model_field("tie_rule")
        fields["judges_per_entry"] = _model_field("judges_per_entry", min_value=1)
        fields["entries_per_judge"] = _model_field("entries_per_judge", min_value=1)
        fields["blind"] = _model_field("blind")
        fields["quiz_minutes"] = _model_field("quiz_minutes", min_value=1)
        fields["blueprint"] = forms.CharField(
            label=_("组卷规则（知识和技能竞赛）"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("每行一条：主题 难度（1 容易、2 中等、3 较难） 题数，如“政策法规 1 5”。"),
        )
        for name in ("submissions_open_at", "submissions_close_at", "review_closes_at"):
            fields[name] = _when(Competition._meta.get_field(name).verbose_name)
        self.fields.update(fields)

    @classmethod
    def initial_for(cls, competition: Competition) -> dict:
        initial = {name: getattr(competition, name) for name in DRAFT_FIELDS}
        initial["award_levels"] = award_levels_text(competition.award_levels)
        initial["blueprint"] = blueprint_text(competition.blueprint)
        initial["eligible_regions"] = list(competition.eligible_regions.all())
        return initial

    def clean_award_levels(self):
        try:
            levels = [
                {"name": " ".join(words[:-1]), "count": int(words[-1])}
                for words in _words(self.cleaned_data["award_levels"])
            ]
            rules.award_levels(levels)
        except (ValueError, IndexError) as error:
            raise forms.ValidationError(
                _("奖项设置有误：每行须为“名称 名额”，名额至少为 1。")
            ) from error
        return levels

    def clean_blueprint(self):
        try:
            lines = [
                {
                    "topic": " ".join(words[:-2]),
                    "difficulty": int(words[-2]),
                    "count": int(words[-1]),
                }
                for words in _words(self.cleaned_data["blueprint"])
            ]
            rules.blueprint_lines(lines)
        except (ValueError, IndexError) as error:
            raise forms.ValidationError(
                _("组卷规则有误：每行须为“主题 难度 题数”，难度和题数为正整数。")
            ) from error
        return lines

    @property
    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in DRAFT_FIELDS}


class AmendForm(forms.Form):
    """After publishing only the rules text and the dates change (each change audited)."""

    rules = _model_field("rules", widget=forms.Textarea(attrs={"rows": 8}))
    submissions_open_at = _when(_("开始报送"))
    submissions_close_at = _when(_("报送截止"))
    review_closes_at = _when(_("评审截止"))

    @classmethod
    def initial_for(cls, competition: Competition) -> dict:
        return {name: getattr(competition, name) for name in cls.base_fields}


class CriterionForm(forms.Form):
    """One line of the rubric; a row left without a name is ignored."""

    name = forms.CharField(label=_("评分项"), max_length=100, required=False)
    description = forms.CharField(label=_("说明"), max_length=300, required=False)
    weight = forms.IntegerField(label=_("权重"), min_value=1, required=False)
    min_score = forms.DecimalField(label=_("最低分"), max_digits=5, decimal_places=1, initial=0)
    max_score = forms.DecimalField(label=_("最高分"), max_digits=5, decimal_places=1, initial=10)
    comment_at_or_below = forms.DecimalField(
        label=_("低于等于此分须写评语"), max_digits=5, decimal_places=1, required=False
    )
    comment_at_or_above = forms.DecimalField(
        label=_("高于等于此分须写评语"), max_digits=5, decimal_places=1, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("weight"):
            self.add_error("weight", _("请填写大于 0 的权重。"))
        return cleaned


CriterionFormSet = forms.formset_factory(CriterionForm, extra=3)


def rubric_rows(formset) -> list[dict]:
    """The named rows of a valid rubric formset, in order, as the service takes them."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get("name")]


class AssignForm(forms.Form):
    """One judge for one entry; both lists are already limited to what the organiser may use."""

    entry = forms.ModelChoiceField(
        label=_("作品"), queryset=None, error_messages={"invalid_choice": _("请选择列表中的作品。")}
    )
    judge = forms.ModelChoiceField(
        label=_("评委"), queryset=None, error_messages={"invalid_choice": _("请选择列表中的评委。")}
    )

    def __init__(self, *args, entries, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
        self.fields["entry"].label_from_instance = lambda entry: f"{entry.code} {entry.title}"
        self.fields["judge"].queryset = judges


class BalanceForm(forms.Form):
    judges = forms.ModelMultipleChoiceField(
        label=_("参与本轮评审的评委"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("请至少选择一位评委。"),
            "invalid_choice": _("请选择列表中的评委。"),
        },
    )

    def __init__(self, *args, judges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judges"].queryset = judges


class NoticeForm(forms.Form):
    starts_at = _when(_("公示开始"))
    ends_at = _when(_("公示结束"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("答复不能为空。")},
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("查看作者信息的原因"),
        max_length=300,
        error_messages={"required": _("查看作者信息须说明原因。")},
        help_text=_("匿名评审期间查看作者信息会连同原因记入操作日志。"),
    )
