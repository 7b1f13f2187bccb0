"""Placements at practice bases and students' applications to them (R15)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practicum.models.bases import PracticeBase
from practicum.models.programmes import Student


class Placement(models.Model):
    """Places offered at a practice base for a period, published by the university's
    coordinator; the field supervisor is one the agreement names."""

    class Field(models.TextChoices):
        ELDERLY = "elderly", _("老年服务")
        CHILDREN = "children", _("儿童与青少年")
        ASSISTANCE = "assistance", _("社会救助")
        DISABILITY = "disability", _("残障服务")
        COMMUNITY = "community", _("社区治理与发展")
        FAMILY = "family", _("婚姻家庭")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        CLOSED = "closed", _("已关闭")

    base = models.ForeignKey(
        PracticeBase,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("实践基地"),
    )
    title = models.CharField(_("岗位名称"), max_length=200)
    field = models.CharField(_("实务领域"), max_length=12, choices=Field.choices)
    term = models.CharField(_("学期"), max_length=20, help_text=_("如 2026 秋季学期"))
    places = models.PositiveIntegerField(_("名额"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    weekly_schedule = models.CharField(_("每周安排"), max_length=200)
    requirements = models.TextField(_("要求"), blank=True)
    field_supervisor = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="placements_supervised",
        verbose_name=_("站点实习督导"),
    )
    tutor = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="placements_tutored",
        verbose_name=_("校内导师"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("实习岗位")
        verbose_name_plural = _("实习岗位")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places__gt=0),
                name="placement_places_positive",
                violation_error_message=_("名额必须大于 0。"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="placement_dates_ordered",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="placement_status_start")]

    def __str__(self) -> str:
        return f"{self.title} · {self.base.host}"


class Application(models.Model):
    """A student's application to a placement. The station and the coordinator each decide;
    it is accepted when both accept (within the places and the agreement), declined when either
    declines. An accepted application is the student's placement record: weekly logs,
    evaluations, the final grade and the certificate hang from it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("同意")
        DECLINED = "declined", _("不同意")

    class State(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACCEPTED = "accepted", _("已录用")
        DECLINED = "declined", _("未录用")
        WITHDRAWN = "withdrawn", _("已撤回")

    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="applications", verbose_name=_("实习岗位")
    )
    student = models.ForeignKey(
        Student, on_delete=models.PROTECT, related_name="applications", verbose_name=_("学生")
    )
    statement = models.TextField(_("申请陈述"), max_length=2000)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    station_decision = models.CharField(
        _("站点意见"), max_length=10, choices=Decision.choices, blank=True
    )
    station_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coordinator_decision = models.CharField(
        _("高校意见"), max_length=10, choices=Decision.choices, blank=True
    )
    coordinator_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.CharField(_("不同意的理由"), max_length=300, blank=True)
    final_grade = models.CharField(_("最终成绩"), max_length=10, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(_("评定时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("录用决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("实习申请")
        verbose_name_plural = _("实习申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "student"],
                name="application_once_per_placement",
                violation_error_message=_("您已申请过这个岗位。"),
            ),
        ]
        indexes = [models.Index(fields=["placement", "state"], name="application_placement_state")]

    def __str__(self) -> str:
        return f"{self.student} → {self.placement}"
