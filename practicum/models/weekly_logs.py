"""A student's weekly log of placement hours, confirmed by the field supervisor (R15)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practicum.models.placements import Application


class WeeklyLog(models.Model):
    """One week (Monday to Sunday) of an accepted placement: minutes, activities and a short
    reflection. Submitted, then confirmed (final: never edited again) or returned with a
    comment for the student to correct and submit again."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        RETURNED = "returned", _("已退回")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="weekly_logs", verbose_name=_("实习")
    )
    week_starts_on = models.DateField(_("周一日期"))
    minutes = models.PositiveIntegerField(_("时长（分钟）"))
    activities = models.TextField(_("本周工作内容"), max_length=3000)
    reflection = models.TextField(_("反思"), max_length=2000)
    state = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    return_comment = models.CharField(_("退回意见"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("实习周志")
        verbose_name_plural = _("实习周志")
        ordering = ["application", "week_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "week_starts_on"],
                name="weekly_log_once_per_week",
                violation_error_message=_("这一周已有周志。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="weekly_log_minutes_positive",
                violation_error_message=_("时长必须大于 0。"),
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(return_comment=""),
                name="weekly_log_return_has_comment",
                violation_error_message=_("退回必须填写意见。"),
            ),
        ]
        indexes = [models.Index(fields=["state"], name="weekly_log_state")]

    def __str__(self) -> str:
        return f"{self.application.student} · {self.week_starts_on}"
