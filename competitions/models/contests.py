"""A competition: who runs it, who may enter, its rubric and its phases (R14)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from competitions import scoring
from directory.models import Region


class Competition(models.Model):
    """A contest run by a region's civil-affairs office or, for a local contest, a station.

    Its phases follow from its dates: the call is announced when it is published; entries are
    drafted and submitted from `submissions_open_at` to `submissions_close_at` (then frozen);
    judges score until `review_closes_at`; the ranking is then on public notice (公示) from
    `notice_starts_at` to `notice_ends_at`, and final once the organiser finalises it.
    """

    class Kind(models.TextChoices):
        CASE = "case", _("优秀案例评选")
        ESSAY = "essay", _("征文")
        VIDEO = "video", _("影像")
        QUIZ = "quiz", _("知识和技能竞赛")

    class Method(models.TextChoices):
        MEAN = scoring.MEAN, _("各评委总分的平均分")
        TRIMMED_MEAN = (
            scoring.TRIMMED_MEAN,
            _("去掉一个最高分和一个最低分后的平均分（5 名评委及以上）"),
        )
        STANDARDISED = scoring.STANDARDISED, _("各评委分数标准化（T 分数）后的平均分")

    class TieRule(models.TextChoices):
        SHARED = scoring.SHARED, _("同分并列，并列者同获较高奖项")
        BY_CRITERION = scoring.BY_CRITERION, _("同分时依次比较权重最高的评分项")

    title = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    organiser_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_competitions",
        verbose_name=_("主办民政部门"),
    )
    organiser_service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_competitions",
        verbose_name=_("主办服务站点"),
    )
    rules = models.TextField(_("评选规则"))
    eligible_regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="eligible_competitions",
        verbose_name=_("参赛区域"),
        help_text=_("留空表示主办方辖区内均可参赛。"),
    )
    eligible_roles = models.JSONField(
        _("参赛岗位"), default=list, blank=True, help_text=_("留空表示所有岗位。")
    )
    award_levels = models.JSONField(
        _("奖项设置"), default=list, help_text=_("按等次从高到低，如一等奖 3 名、二等奖 6 名。")
    )
    entries_per_author = models.PositiveSmallIntegerField(_("每人限报作品数"), default=1)
    method = models.CharField(_("计分方法"), max_length=20, choices=Method.choices)
    tie_rule = models.CharField(_("同分规则"), max_length=20, choices=TieRule.choices)
    judges_per_entry = models.PositiveSmallIntegerField(_("每件作品评委数"), default=3)
    entries_per_judge = models.PositiveSmallIntegerField(_("每位评委最多评审作品数"), default=30)
    blind = models.BooleanField(_("匿名评审"), default=True)
    quiz_minutes = models.PositiveSmallIntegerField(_("答题时限（分钟）"), null=True, blank=True)
    blueprint = models.JSONField(
        _("组卷规则"), default=list, blank=True, help_text=_("每个主题与难度抽取的题数。")
    )
    submissions_open_at = models.DateTimeField(_("开始报送"))
    submissions_close_at = models.DateTimeField(_("报送截止"))
    review_closes_at = models.DateTimeField(_("评审截止"))
    notice_starts_at = models.DateTimeField(_("公示开始"), null=True, blank=True)
    notice_ends_at = models.DateTimeField(_("公示结束"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("结果确定时间"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("竞赛评选")
        verbose_name_plural = _("竞赛评选")
        ordering = ["-submissions_open_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organiser_region__isnull=False, organiser_service_point__isnull=True)
                | Q(organiser_region__isnull=True, organiser_service_point__isnull=False),
                name="competition_has_one_organiser",
                violation_error_message=_("竞赛必须且只能有一个主办方。"),
            ),
            models.CheckConstraint(
                condition=Q(submissions_close_at__gt=F("submissions_open_at"))
                & Q(review_closes_at__gte=F("submissions_close_at")),
                name="competition_phases_in_order",
                violation_error_message=_("报送截止须晚于开始报送，评审截止不能早于报送截止。"),
            ),
            models.CheckConstraint(
                condition=Q(notice_starts_at__isnull=True)
                | Q(notice_ends_at__gt=F("notice_starts_at")),
                name="competition_notice_has_an_end",
                violation_error_message=_("公示结束须晚于公示开始。"),
            ),
            models.CheckConstraint(
                condition=Q(judges_per_entry__gte=1, entries_per_author__gte=1),
                name="competition_counts_positive",
                violation_error_message=_("每件作品评委数和每人限报作品数至少为 1。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser(self):
        return self.organiser_region or self.organiser_service_point


class Criterion(models.Model):
    """One line of the rubric: a weight and a score range. A comment is required for a score
    at or below `comment_at_or_below` or at or above `comment_at_or_above` (extreme scores)."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("竞赛")
    )
    name = models.CharField(_("评分项"), max_length=100)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("权重"))
    min_score = models.DecimalField(_("最低分"), max_digits=5, decimal_places=1, default=0)
    max_score = models.DecimalField(_("最高分"), max_digits=5, decimal_places=1, default=10)
    comment_at_or_below = models.DecimalField(
        _("低于等于此分须写评语"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    comment_at_or_above = models.DecimalField(
        _("高于等于此分须写评语"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")
        ordering = ["competition", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gt=F("min_score")),
                name="criterion_range_not_empty",
                violation_error_message=_("最高分须高于最低分。"),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("权重须大于 0。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def as_rule(self) -> scoring.Criterion:
        return scoring.Criterion(self.pk, self.weight, float(self.min_score), float(self.max_score))
