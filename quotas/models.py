from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Position, Region, ServicePoint
from quotas import rules

CITED_SETTINGS = ("weekly_status", "quarterly_meeting", "service_list", "negative_list")


def _cited(setting: str) -> models.CheckConstraint:
    """A pack that sets `setting` says where it comes from (`<setting>_source`)."""
    return models.CheckConstraint(
        condition=Q(**{f"{setting}__isnull": True}) | ~Q(**{f"{setting}_source": ""}),
        name=f"policy_pack_{setting}_cited",
        violation_error_message=_("设置此项时须注明依据。"),
    )


class PolicyPack(models.Model):
    """A set of rules from one policy document, loaded by `load_policy_pack` (R13)."""

    name = models.SlugField(_("代号"), unique=True)
    title = models.CharField(_("名称"), max_length=200)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_packs",
        verbose_name=_("适用区域"),
        help_text=_("留空表示全国适用。"),
    )
    source_document = models.CharField(_("依据文件"), max_length=200)
    in_force_from = models.DateField(_("文件施行起始日"))
    in_force_until = models.DateField(
        _("文件施行截止日"),
        null=True,
        blank=True,
        help_text=_("文件规定了施行期（如三年行动计划、年度试点）时填写；其规则不得超出此期间。"),
    )
    is_draft = models.BooleanField(
        _("征求意见稿"), default=False, help_text=_("文件为征求意见稿时，页面注明。")
    )
    hours_per_day = models.PositiveSmallIntegerField(
        _("每个培训日折合小时数"),
        null=True,
        blank=True,
        help_text=_("留空：以“天”计的培训指标按参加培训的不同日期数计算（R11）。"),
    )
    loaded_at = models.DateTimeField(default=timezone.now)
    # Region choices beside the rules (R13). Null: this pack does not set it, and the nearest
    # pack above that does decides (quotas.selectors.pack_settings). Each setting cites the
    # clause it comes from, or says that it is the region's own choice.
    supervisor_term_min_years = models.PositiveSmallIntegerField(
        _("建议督导服务期下限（年）"), null=True, blank=True
    )
    supervisor_term_max_years = models.PositiveSmallIntegerField(
        _("建议督导服务期上限（年）"),
        null=True,
        blank=True,
        help_text=_("超出建议服务期的督导聘任会被标注，但不会被拒绝（R6）。"),
    )
    supervisor_term_source = models.CharField(_("督导服务期依据"), max_length=200, blank=True)
    workers_per_supervisor = models.PositiveSmallIntegerField(
        _("每名督导对应社工数"),
        null=True,
        blank=True,
        help_text=_("督导所督导的社工超过此数时标注为超负荷（R24）。"),
    )
    workers_per_supervisor_source = models.CharField(_("督导负荷依据"), max_length=200, blank=True)
    professional_staff_test = models.BooleanField(
        _("采用专业社工人员认定标准"),
        null=True,
        blank=True,
        help_text=_(
            "持社会工作师证书，或持助理社会工作师证书满 3 年，或具有社会工作专业本科及以上学历"
            "（R3）。"
        ),
    )
    professional_staff_source = models.CharField(_("专业人员认定依据"), max_length=200, blank=True)
    rural_relaxation = models.BooleanField(_("农村地区可适当降低认定标准"), null=True, blank=True)
    rural_relaxation_source = models.CharField(
        _("农村地区降低标准依据"), max_length=200, blank=True
    )
    evaluation_rule_points = models.PositiveSmallIntegerField(
        _("年度评估：指标达成分"), null=True, blank=True
    )
    evaluation_report_points = models.PositiveSmallIntegerField(
        _("年度评估：按时报送月报分"), null=True, blank=True
    )
    evaluation_quality_points = models.PositiveSmallIntegerField(
        _("年度评估：服务质量分"), null=True, blank=True
    )
    evaluation_grades = models.JSONField(
        _("年度评估等次"),
        null=True,
        blank=True,
        help_text=_("[[分数下限, 等次], …]，从高到低排列，最后一档下限为 0。"),
    )
    evaluation_source = models.CharField(_("年度评估权重与等次依据"), max_length=200, blank=True)
    # R17: the report a station files each month, if the document asks for one. No national
    # default: where no pack in force sets it, a station owes no monthly report.
    report_covers_current_month = models.BooleanField(
        _("月报报送当月情况"),
        null=True,
        blank=True,
        help_text=_(
            "是：报送当月进度（如云龙县每月 26 日前报送当月建设进度表）；否：报送上月情况；"
            "留空：本政策包不规定月报。"
        ),
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("月报截止日"),
        null=True,
        blank=True,
        help_text=_("报送月份（当月或次月）的几号前报送（含当日）；文件未规定时留空，不标注逾期。"),
    )
    report_name = models.CharField(
        _("月报名称"),
        max_length=50,
        blank=True,
        help_text=_("如“社工站建设进度表”；留空即“月报”。"),
    )
    report_source = models.CharField(_("月报依据"), max_length=200, blank=True)
    weekly_status = models.BooleanField(
        _("每周动态"), null=True, blank=True, help_text=_("站点每周报送一段简短的工作动态（R17）。")
    )
    weekly_status_source = models.CharField(_("每周动态依据"), max_length=200, blank=True)
    quarterly_meeting = models.BooleanField(
        _("季度例会"), null=True, blank=True, help_text=_("辖区每季度召开例会并留存记录（R17）。")
    )
    quarterly_meeting_source = models.CharField(_("季度例会依据"), max_length=200, blank=True)
    # R19: items the document puts on every station's lists; a station adds its own.
    service_list = models.JSONField(
        _("专业服务清单事项"), null=True, blank=True, help_text=_('["事项", …]')
    )
    service_list_source = models.CharField(_("专业服务清单依据"), max_length=200, blank=True)
    negative_list = models.JSONField(
        _("负面工作清单事项"), null=True, blank=True, help_text=_('["事项", …]')
    )
    negative_list_source = models.CharField(_("负面工作清单依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("政策包")
        verbose_name_plural = _("政策包")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True)
                | Q(in_force_until__gte=models.F("in_force_from")),
                name="policy_pack_in_force_until_after_from",
                violation_error_message=_("文件施行截止日不能早于起始日。"),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__isnull=True)
                | Q(hours_per_day__gte=1, hours_per_day__lte=24),
                name="policy_pack_hours_per_day_1_to_24",
                violation_error_message=_("每个培训日的学时应在 1 至 24 小时之间。"),
            ),
            models.CheckConstraint(
                condition=Q(report_due_day__isnull=True)
                | Q(report_due_day__gte=1, report_due_day__lte=28),
                name="policy_pack_report_due_day_1_to_28",
                violation_error_message=_("月报截止日应在 1 至 28 日之间。"),
            ),
            models.CheckConstraint(
                condition=Q(
                    report_covers_current_month__isnull=True,
                    report_due_day__isnull=True,
                    report_name="",
                )
                | (Q(report_covers_current_month__isnull=False) & ~Q(report_source="")),
                name="policy_pack_report_cycle_cited",
                violation_error_message=_(
                    "规定月报时须写明报送当月还是上月情况，并注明依据；截止日和名称只能随月报设置。"
                ),
            ),
            *[_cited(setting) for setting in CITED_SETTINGS],
            models.CheckConstraint(
                condition=Q(
                    supervisor_term_min_years__isnull=True, supervisor_term_max_years__isnull=True
                )
                | (
                    Q(
                        supervisor_term_min_years__isnull=False,
                        supervisor_term_min_years__gte=1,
                        supervisor_term_max_years__isnull=False,
                        supervisor_term_max_years__gte=F("supervisor_term_min_years"),
                    )
                    & ~Q(supervisor_term_source="")
                ),
                name="policy_pack_supervisor_term_cited",
                violation_error_message=_(
                    "建议督导服务期须同时填写下限和上限（上限不小于下限），并注明依据。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(workers_per_supervisor__isnull=True)
                | (Q(workers_per_supervisor__gte=1) & ~Q(workers_per_supervisor_source="")),
                name="policy_pack_workers_per_supervisor_cited",
                violation_error_message=_("每名督导对应社工数至少为 1，并须注明依据。"),
            ),
            models.CheckConstraint(
                condition=Q(professional_staff_test__isnull=True)
                | ~Q(professional_staff_source=""),
                name="policy_pack_professional_staff_test_cited",
                violation_error_message=_("设置专业人员认定标准时须注明依据。"),
            ),
            models.CheckConstraint(
                condition=Q(rural_relaxation__isnull=True) | ~Q(rural_relaxation_source=""),
                name="policy_pack_rural_relaxation_cited",
                violation_error_message=_("设置农村地区降低标准时须注明依据。"),
            ),
            models.CheckConstraint(
                condition=Q(
                    evaluation_rule_points__isnull=True,
                    evaluation_report_points__isnull=True,
                    evaluation_quality_points__isnull=True,
                    evaluation_grades__isnull=True,
                )
                | (
                    Q(
                        Exact(
                            F("evaluation_rule_points")
                            + F("evaluation_report_points")
                            + F("evaluation_quality_points"),
                            100,
                        ),
                        evaluation_rule_points__isnull=False,
                        evaluation_report_points__isnull=False,
                        evaluation_quality_points__isnull=False,
                        evaluation_grades__isnull=False,
                    )
                    & ~Q(evaluation_source="")
                ),
                name="policy_pack_evaluation_weights_cited",
                violation_error_message=_("年度评估的三项分值须合计 100 分，并填写等次和依据。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.evaluation_grades is not None and not rules.grades_are_valid(
            self.evaluation_grades
        ):
            errors["evaluation_grades"] = GRADES_MESSAGE
        for name in ("service_list", "negative_list"):
            items = getattr(self, name)
            if items is not None and not rules.list_items_are_valid(items):
                errors[name] = LIST_MESSAGE
        if errors:
            raise ValidationError(errors)


HOURS_MESSAGE = _("专业服务时长与负面清单事项时长之和不能超过工作总时长。")
VISITS_MESSAGE = _("已探访重点对象数不能超过重点对象数。")
GRADES_MESSAGE = _("等次应为 [[分数下限, 等次], …]：下限从高到低、不超过 100，最后一档下限为 0。")
LIST_MESSAGE = _('清单应为 ["事项", …]：每项为不重复的文字，不超过 100 字。')


class Measure(models.TextChoices):
    TRAINING_MINUTES = "training_minutes", _("培训学时")
    TRAINING_DAYS = "training_days", _("培训天数")
    SUPERVISION_RECEIVED = "supervision_received", _("接受督导学时")
    STATION_SUPERVISION = "station_supervision", _("站点督导学时")
    STATION_CASES = "station_cases", _("站点年度完成个案数")
    LINKED_SUPERVISORS = "linked_supervisors", _("挂钩督导专家人数")
    CERTIFIED_STAFF = "certified_staff", _("持证专职社工人数")
    INTERMEDIATE_STAFF = "intermediate_staff", _("中级及以上社工人数")
    CERTIFIED_SHARE = "certified_share", _("持证或社工专业人员占比")
    FULL_TIME_STAFF = "full_time_staff", _("专职人员数")
    SERVICE_TIME_SHARE = "service_time_share", _("专业服务时间占比")
    VOLUNTEERS = "volunteers", _("志愿者人数")
    AGENCY_RATING = "agency_rating", _("承接机构社会组织评估等级")
    STATION_AREA = "station_area", _("站点面积")
    FIVE_STAR_STATION_SHARE = "five_star_station_share", _("五星级乡镇（街道）社工站占比")
    FIVE_STAR_STATIONS = "five_star_stations", _("五星级乡镇（街道）社工站数")
    VILLAGE_COVERAGE_SHARE = "village_coverage_share", _("专业社会工作服务覆盖村居占比")
    RECOGNISED_COUNTIES = "recognised_counties", _("工作优良县数")
    FIVE_STAR_ROOMS = "five_star_rooms", _("五星级村（社区）社会工作室数")
    LOCAL_SUPERVISORS = "local_supervisors", _("本土督导人数")
    KEY_CLIENT_VISITS = "key_client_visits", _("重点对象月探访率")


PERSON_MEASURES = frozenset(
    {Measure.TRAINING_MINUTES, Measure.TRAINING_DAYS, Measure.SUPERVISION_RECEIVED}
)
# Measured for a region as a whole (R16, R25), not for its people or stations.
REGION_MEASURES = frozenset(
    {
        Measure.FIVE_STAR_STATION_SHARE,
        Measure.FIVE_STAR_STATIONS,
        Measure.VILLAGE_COVERAGE_SHARE,
        Measure.RECOGNISED_COUNTIES,
        Measure.FIVE_STAR_ROOMS,
        Measure.LOCAL_SUPERVISORS,
    }
)
UNITS = {
    Measure.TRAINING_MINUTES: "minutes",
    Measure.TRAINING_DAYS: "days",
    Measure.SUPERVISION_RECEIVED: "minutes",
    Measure.STATION_SUPERVISION: "minutes",
    Measure.STATION_CASES: "count",
    Measure.LINKED_SUPERVISORS: "count",
    Measure.CERTIFIED_STAFF: "count",
    Measure.INTERMEDIATE_STAFF: "count",
    Measure.CERTIFIED_SHARE: "percent",
    Measure.FULL_TIME_STAFF: "count",
    Measure.SERVICE_TIME_SHARE: "percent",
    Measure.VOLUNTEERS: "count",
    Measure.AGENCY_RATING: "grade",
    Measure.STATION_AREA: "m2",
    Measure.FIVE_STAR_STATION_SHARE: "percent",
    Measure.FIVE_STAR_STATIONS: "count",
    Measure.VILLAGE_COVERAGE_SHARE: "percent",
    Measure.RECOGNISED_COUNTIES: "count",
    Measure.FIVE_STAR_ROOMS: "count",
    Measure.LOCAL_SUPERVISORS: "count",
    Measure.KEY_CLIENT_VISITS: "percent",
}


class Period(models.TextChoices):
    CALENDAR_YEAR = "calendar_year", _("自然年")
    REGISTRATION = "registration", _("职业资格登记期（3 年）")
    PLAN = "plan", _("文件施行期（期末达到）")


class PolicyRule(models.Model):
    """One requirement: what is measured, for whom, per which period, how much (R13).

    A rule applies to its region and everything below it; lower regions add their own rules,
    and each counts only what its own providing level gave (levels stack, never pool).
    Thresholds are in the measure's unit: minutes, days, a count or percentage points.
    """

    pack = models.ForeignKey(
        PolicyPack, on_delete=models.CASCADE, related_name="rules", verbose_name=_("政策包")
    )
    code = models.SlugField(_("规则代号"), max_length=60)
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_rules",
        verbose_name=_("适用区域（含下级）"),
    )
    title = models.CharField(_("名称"), max_length=100)
    measure = models.CharField(_("考核内容"), max_length=30, choices=Measure.choices)
    training_kind = models.CharField(_("培训类别"), max_length=20, blank=True)
    providing_level = models.CharField(_("提供层级"), max_length=12, blank=True)
    applies_to_role = models.CharField(
        _("适用岗位"), max_length=30, choices=Position.Role.choices, blank=True
    )
    applies_to_point_kind = models.CharField(
        _("适用站点类型"), max_length=20, choices=ServicePoint.Kind.choices, blank=True
    )
    qualification_level = models.CharField(_("适用资格等级"), max_length=20, blank=True)
    applies_to_region_level = models.CharField(
        _("考核区域层级"),
        max_length=10,
        choices=Region.Level.choices,
        blank=True,
        help_text=_("区域指标（R16、R25）按哪一级区域整体考核，如每个县、全省。"),
    )
    demonstration_only = models.BooleanField(
        _("仅约束示范点"),
        default=False,
        help_text=_("只适用于示范型站点（如社区特色社会工作室示范点）。"),
    )
    advisory = models.BooleanField(
        _("倡导性"),
        default=False,
        help_text=_(
            "文件用“有条件的”“建议”等措辞：页面显示达成情况，但从不计为落后，也不计入评分。"
        ),
    )
    period = models.CharField(
        _("考核周期"), max_length=20, choices=Period.choices, default=Period.CALENDAR_YEAR
    )
    threshold = models.PositiveIntegerField(_("指标值"))
    growth_per_year = models.PositiveSmallIntegerField(_("每年增长"), default=0)
    base_year = models.PositiveSmallIntegerField(_("增长起算年"), null=True, blank=True)
    cap = models.PositiveIntegerField(_("上限"), null=True, blank=True)
    in_force_from = models.DateField(_("生效日期"))
    in_force_until = models.DateField(_("失效日期"), null=True, blank=True)
    carried_forward_from = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="carried_forward_as",
        verbose_name=_("延续自"),
        help_text=_("文件施行期结束后，由区域主管部门决定延续执行的原规则。"),
    )
    decided_by = models.CharField(_("延续决定机关"), max_length=100, blank=True)
    decided_on = models.DateField(_("延续决定日期"), null=True, blank=True)
    source_clause = models.CharField(_("条款出处"), max_length=200)
    source_quote = models.CharField(_("原文摘录"), max_length=200, blank=True)
    rule_ref = models.CharField(_("规则编号"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("指标规则")
        verbose_name_plural = _("指标规则")
        ordering = ["pack", "code", "in_force_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "code", "in_force_from"],
                name="policy_rule_once_per_start",
                violation_error_message=_("同一政策包中，同一指标在同一生效日期只能有一条。"),
            ),
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True)
                | Q(in_force_until__gte=models.F("in_force_from")),
                name="policy_rule_in_force_until_after_from",
                violation_error_message=_("失效日期不能早于生效日期。"),
            ),
            models.CheckConstraint(
                condition=Q(carried_forward_from__isnull=True)
                | (Q(decided_on__isnull=False) & ~Q(decided_by="")),
                name="policy_rule_carried_forward_is_decided",
                violation_error_message=_("延续执行的规则须注明决定机关和决定日期。"),
            ),
            models.CheckConstraint(
                condition=Q(growth_per_year=0) | Q(in_force_until__isnull=False),
                name="policy_rule_growth_has_an_end",
                violation_error_message=_("逐年增长的指标必须有失效日期，不能无限增长。"),
            ),
            models.CheckConstraint(
                condition=Q(measure__in=sorted(REGION_MEASURES), applies_to_region_level__gt="")
                | (~Q(measure__in=sorted(REGION_MEASURES)) & Q(applies_to_region_level="")),
                name="policy_rule_region_level_for_region_measures",
                violation_error_message=_("区域指标须注明考核区域层级，其他指标不填。"),
            ),
            models.CheckConstraint(
                condition=~Q(period=Period.PLAN) | Q(in_force_until__isnull=False),
                name="policy_rule_plan_period_has_an_end",
                violation_error_message=_("按文件施行期考核的指标必须有失效日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> str:
        return UNITS[self.measure]

    def clean(self) -> None:
        errors = {}
        if self.period == Period.REGISTRATION and self.measure not in {
            Measure.TRAINING_MINUTES,
            Measure.TRAINING_DAYS,
        }:
            errors["period"] = _("只有个人培训学时可以按职业资格登记期考核。")
        if self.period == Period.PLAN and self.measure not in REGION_MEASURES:
            errors["period"] = _("只有区域指标可以按文件施行期考核。")
        if self.measure in REGION_MEASURES and not self.applies_to_region_level:
            errors["applies_to_region_level"] = _("区域指标须注明按哪一级区域考核。")
        if self.applies_to_region_level and self.measure not in REGION_MEASURES:
            errors["applies_to_region_level"] = _("只有区域指标按区域层级考核。")
        if self.growth_per_year and self.base_year is None:
            errors["base_year"] = _("设置了每年增长时必须填写增长起算年。")
        if self.growth_per_year and self.in_force_until is None:
            errors["in_force_until"] = _("逐年增长的指标必须有失效日期，不能无限增长。")
        if self.pack_id and self.in_force_from and self.carried_forward_from_id is None:
            errors.update(self._outside_document(self.pack))
        if self.pack_id and self.code and self.in_force_from:
            if any(self._overlaps(other) for other in self._same_target()):
                errors["in_force_from"] = _("同一区域、同一考核内容的规则生效期间与已有规则重叠。")
        if errors:
            raise ValidationError(errors)

    def _outside_document(self, pack: PolicyPack) -> dict:
        """A rule is in force within its document's period; after it ends, only a rule carried
        forward by a region's decision (with who decided and when) continues it."""
        if self.in_force_from < pack.in_force_from:
            return {
                "in_force_from": _("规则生效日期不能早于文件施行起始日 %(date)s。")
                % {"date": pack.in_force_from}
            }
        if pack.in_force_until and (
            self.in_force_until is None or self.in_force_until > pack.in_force_until
        ):
            return {
                "in_force_until": _(
                    "《%(title)s》施行至 %(date)s，规则须在此期间内失效；期满后继续执行须作为"
                    "延续规则，注明决定机关和日期。"
                )
                % {"title": pack.title, "date": pack.in_force_until}
            }
        return {}

    def _same_target(self):
        """Rules of the same region that measure the same thing for the same people."""
        return PolicyRule.objects.filter(
            region_id=self.region_id,
            measure=self.measure,
            training_kind=self.training_kind,
            providing_level=self.providing_level,
            applies_to_role=self.applies_to_role,
            applies_to_point_kind=self.applies_to_point_kind,
            qualification_level=self.qualification_level,
            applies_to_region_level=self.applies_to_region_level,
        ).exclude(pk=self.pk)

    def _overlaps(self, other: "PolicyRule") -> bool:
        return (other.in_force_until is None or other.in_force_until >= self.in_force_from) and (
            self.in_force_until is None or other.in_force_from <= self.in_force_until
        )

    @property
    def carried_forward(self) -> bool:
        return self.carried_forward_from_id is not None


# Ceilings of a station's month whatever its size; the form also caps hours by the staff (R17).
MONTHLY_CASES_MAX = 10_000
MONTHLY_HOURS_MAX = 100_000


def _at_most(limit: int) -> MaxValueValidator:
    return MaxValueValidator(limit, message=_("不能超过 %(limit_value)s。"))


def _count(label: str, **kwargs) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        label, default=0, validators=[_at_most(MONTHLY_CASES_MAX)], **kwargs
    )


def _hours(label: str, **kwargs) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        label, default=0, validators=[_at_most(MONTHLY_HOURS_MAX)], **kwargs
    )


class MonthlyReport(models.Model):
    """A station's monthly report (R17): figures pre-filled from the system, plus what only the
    station knows: cases opened and closed (R9), working, service and administrative hours (R18,
    R19), key clients visited (R20), narrative. Which month it covers and its due day come from
    the region's policy pack; where none sets them it has no due day. Reviewed by the county;
    accepted reports are final."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        ACCEPTED = "accepted", _("已通过")

    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        related_name="monthly_reports",
        verbose_name=_("服务站点"),
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天。"))
    due_on = models.DateField(
        _("报送截止日"), null=True, blank=True, help_text=_("本地区政策未规定截止日时为空。")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    figures = models.JSONField(_("系统数据"), default=dict)
    cases_opened = _count(_("本月新开个案数"))
    cases_closed = _count(
        _("本月结案个案数"),
        help_text=_("每个个案只在结案的月份计一次；年度完成个案数按此累计（R9）。"),
    )
    cases_served = _count(
        _("本月服务中的个案数"),
        help_text=_(
            "本月提供过服务的个案，含跟进中的；同一个案会在多个月份出现，不用于年度个案数。"
        ),
    )
    work_hours = _hours(_("本月工作总时长（小时）"))
    service_hours = _hours(_("其中专业服务时长（小时）"))
    admin_hours = _hours(
        _("其中负面清单事项时长（小时）"),
        help_text=_("人员用于本站负面工作清单所列行政事务的工时；这些工时不计为专业服务（R19）。"),
    )
    key_clients = _count(_("重点对象数"), help_text=_("本月应探访的重点对象人数（R20）。"))
    key_clients_visited = _count(_("本月已探访重点对象数"))
    highlights = models.TextField(_("工作亮点"), blank=True)
    problems = models.TextField(_("存在问题"), blank=True)
    next_plan = models.TextField(_("下月计划"), blank=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("审核意见"), blank=True)

    class Meta:
        verbose_name = _("月报")
        verbose_name_plural = _("月报")
        ordering = ["-month", "service_point"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "month"],
                name="monthly_report_once_per_month",
                violation_error_message=_("该站点这个月的月报已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="monthly_report_month_is_first_day",
                violation_error_message=_("月份必须是该月第一天。"),
            ),
            models.CheckConstraint(
                condition=Q(service_hours__lte=F("work_hours") - F("admin_hours")),
                name="monthly_report_service_and_admin_within_work",
                violation_error_message=HOURS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(key_clients_visited__lte=F("key_clients")),
                name="monthly_report_visited_within_key_clients",
                violation_error_message=VISITS_MESSAGE,
            ),
        ]
        indexes = [models.Index(fields=["month", "status"])]

    def __str__(self) -> str:
        return f"{self.service_point} {self.month:%Y-%m}"


class YearlyEvaluation(models.Model):
    """A station's yearly evaluation (R17): a score sheet frozen when filed; filing it locks the
    station's supervision year (supervision.services.year_close)."""

    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        related_name="yearly_evaluations",
        verbose_name=_("服务站点"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    sheet = models.JSONField(_("评分表"))
    total = models.PositiveSmallIntegerField(_("总分"))
    grade = models.CharField(_("等次"), max_length=10)
    weights_source = models.CharField(
        _("权重与等次依据"),
        max_length=200,
        help_text=_("评分所用的权重与等次来自哪个政策包（或平台默认）。"),
    )
    comment = models.TextField(_("评语"), blank=True)
    evaluated_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, related_name="+"
    )
    evaluated_at = models.DateTimeField(_("评估时间"), default=timezone.now)

    class Meta:
        verbose_name = _("年度评估")
        verbose_name_plural = _("年度评估")
        ordering = ["-year", "service_point"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "year"],
                name="yearly_evaluation_once_per_year",
                violation_error_message=_("该站点这一年度已完成评估。"),
            ),
            models.CheckConstraint(
                condition=Q(total__lte=100),
                name="yearly_evaluation_total_100",
                violation_error_message=_("总分不能超过 100 分。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} {self.year}"


class WeeklyStatus(models.Model):
    """A station's short status for one week (R17: Jiaxing's 每周动态掌握), asked only where a
    policy pack in force asks for it; one per station and week, the last version kept."""

    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        related_name="weekly_statuses",
        verbose_name=_("服务站点"),
    )
    week = models.DateField(_("周"), help_text=_("该周星期一。"))
    text = models.CharField(_("本周动态"), max_length=500)
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("填写时间"), default=timezone.now)

    class Meta:
        verbose_name = _("每周动态")
        verbose_name_plural = _("每周动态")
        ordering = ["-week", "service_point"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "week"],
                name="weekly_status_once_per_week",
                violation_error_message=_("该站点这一周的动态已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(week__week_day=2),
                name="weekly_status_week_is_monday",
                violation_error_message=_("周必须以星期一表示。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} {self.week}"


class QuarterlyMeeting(models.Model):
    """The record of a region's quarterly meeting on its stations (R17: Jiaxing's 月报季例会),
    kept where a policy pack in force asks for one."""

    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        related_name="quarterly_meetings",
        verbose_name=_("区域"),
    )
    held_on = models.DateField(_("召开日期"))
    attendees = models.PositiveSmallIntegerField(
        _("参会人数"), validators=[MinValueValidator(1, message=_("参会人数至少为 1。"))]
    )
    minutes = models.TextField(_("会议纪要"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("季度例会")
        verbose_name_plural = _("季度例会")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendees__gte=1),
                name="quarterly_meeting_has_attendees",
                violation_error_message=_("参会人数至少为 1。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.held_on}"


class StationListItem(models.Model):
    """One item of a station's service list (专业服务清单) or negative list (负面工作清单), R19.
    Items a policy pack puts on the lists carry its citation and stay; the station's own items
    have none and may be removed."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("专业服务清单")
        NEGATIVE = "negative", _("负面工作清单")

    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        related_name="list_items",
        verbose_name=_("服务站点"),
    )
    kind = models.CharField(_("清单"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("事项"), max_length=100)
    source = models.CharField(
        _("依据"), max_length=300, blank=True, help_text=_("来自政策文件的事项注明出处。")
    )
    added_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("添加时间"), default=timezone.now)

    class Meta:
        verbose_name = _("站点清单事项")
        verbose_name_plural = _("站点清单事项")
        ordering = ["service_point", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "kind", "text"],
                name="station_list_item_once",
                violation_error_message=_("清单中已有该事项。"),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="station_list_item_has_text",
                violation_error_message=_("请填写事项。"),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class StationTally(models.Model):
    """A station's results in a year, kept for the region dashboards: its people counted by
    rule and status (each person at their first current position), its own rules' statuses and
    its score (what `dashboards.StationScore` adds up). `stale` when a fact it counts changed;
    `path` is the region path it is counted under (its region's when last counted)."""

    service_point = models.ForeignKey(
        "directory.ServicePoint", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    path = models.CharField(max_length=255, blank=True)
    people = models.PositiveIntegerField(default=0)
    tallies = models.JSONField(default=dict)  # {rule id: {status: people}}, person rules
    station_results = models.JSONField(default=dict)  # {rule id: status}, counted station rules
    met = models.PositiveIntegerField(default=0)
    counted = models.PositiveIntegerField(default=0)
    behind = models.PositiveIntegerField(default=0)
    met_percent = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, default=rules.NOT_APPLICABLE)
    as_of = models.DateField(null=True)  # the day the statuses were judged on
    stale = models.BooleanField(default=True)
    computed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "year"],
                name="station_tally_once",
                violation_error_message=_("该站点本年度的统计已存在。"),
            )
        ]
        indexes = [models.Index(fields=["year", "path"], name="station_tally_year_path")]

    def __str__(self) -> str:
        return f"{self.service_point_id} {self.year}"


class RegionTally(models.Model):
    """The sum of the station tallies below a region in a year: people and, for every rule,
    how many people (person rules) or stations (station rules) are in each status. Kept by
    adding each station's change; `stale` rows are summed again from the stations."""

    region = models.ForeignKey("directory.Region", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    people = models.PositiveIntegerField(default=0)
    tallies = models.JSONField(default=dict)  # {rule id: {status: count}}
    as_of = models.DateField(null=True)
    stale = models.BooleanField(default=True)
    computed_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="region_tally_once",
                violation_error_message=_("该区域本年度的统计已存在。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}"
