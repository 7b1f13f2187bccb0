"""Evaluation forms and the mid-term and final evaluations of a placement (R15)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EvaluationForm(models.Model):
    """A university's rubric: `criteria` is a list of {"name": str, "max_score": int} with a
    comment asked for each."""

    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="evaluation_forms",
        verbose_name=_("高校"),
    )
    name = models.CharField(_("名称"), max_length=100)
    criteria = models.JSONField(_("评价指标"))

    class Meta:
        verbose_name = _("评价表")
        verbose_name_plural = _("评价表")
        ordering = ["university", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "name"],
                name="evaluation_form_name_unique",
                violation_error_message=_("本校已有同名评价表。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """One evaluation of a placement at one stage by one party. The criteria are copied from
    the form when it is filled in, so a later change of the form leaves it as it was."""

    class Stage(models.TextChoices):
        MIDTERM = "midterm", _("中期评价")
        FINAL = "final", _("终期评价")

    class Party(models.TextChoices):
        FIELD_SUPERVISOR = "field", _("站点督导评价")
        TUTOR = "tutor", _("校内导师评价")
        SELF = "self", _("学生自评")

    application = models.ForeignKey(
        "practicum.Application",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("实习"),
    )
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices)
    party = models.CharField(_("评价方"), max_length=10, choices=Party.choices)
    form = models.ForeignKey(
        EvaluationForm, on_delete=models.PROTECT, related_name="+", verbose_name=_("评价表")
    )
    criteria = models.JSONField(_("评价指标"))
    scores = models.JSONField(_("评分"))  # {criterion name: {"score": int, "comment": str}}
    overall_comment = models.TextField(_("总体评语"), max_length=2000)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        verbose_name = _("实习评价")
        verbose_name_plural = _("实习评价")
        ordering = ["application", "stage", "party"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "party"],
                name="evaluation_once_per_party",
                violation_error_message=_("这一阶段的评价已经提交。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_stage_display()} · {self.get_party_display()}"
