"""Judges, their scores, conflicts they declare, objections to the notice, and results (R14)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competitions.models.contests import Competition, Criterion
from competitions.models.entries import Entry


class Assignment(models.Model):
    """A judge asked to score an entry. Scores stay editable until `submitted_at`."""

    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("作品")
    )
    judge = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="judging_assignments",
        verbose_name=_("评委"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交评分时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评审分配")
        verbose_name_plural = _("评审分配")
        ordering = ["entry", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "judge"],
                name="assignment_once_per_judge_and_entry",
                violation_error_message=_("该评委已分配评审此作品。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry.code} · {self.judge_id}"


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("评审分配")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("评分项")
    )
    value = models.DecimalField(_("分数"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("评语"), blank=True)

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"],
                name="score_once_per_criterion",
                violation_error_message=_("该评分项已评分。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.value}"


class ConflictDeclaration(models.Model):
    """A judge's own declaration that they may not review an entry; honoured from then on."""

    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="declared_conflicts", verbose_name=_("作品")
    )
    judge = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("评委")
    )
    reason = models.CharField(_("回避原因"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "judge"],
                name="conflict_declared_once",
                violation_error_message=_("已申报回避此作品。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry.code} · {self.judge_id}"


class Result(models.Model):
    """An entry's place in the ranking put on notice, kept as computed (recomputable from the
    raw scores by `selectors.ranking`), with the award certificate once final."""

    entry = models.OneToOneField(
        Entry, on_delete=models.PROTECT, related_name="result", verbose_name=_("作品")
    )
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    award_level = models.CharField(_("奖项"), max_length=50, blank=True)
    certificate = models.OneToOneField(
        "credentials.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competition_result",
        verbose_name=_("获奖证明"),
    )

    class Meta:
        verbose_name = _("评选结果")
        verbose_name_plural = _("评选结果")
        ordering = ["entry__competition", "rank", "entry__code"]

    def __str__(self) -> str:
        return f"{self.entry.code} #{self.rank}"


class Objection(models.Model):
    """An objection raised during the notice period, and the organiser's answer."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="objections", verbose_name=_("竞赛")
    )
    entry = models.ForeignKey(
        Entry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("涉及作品"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("异议理由"))
    raised_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["competition", "raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="objection_answer_has_text",
                violation_error_message=_("答复不能为空。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} · {self.raised_at:%Y-%m-%d}"
