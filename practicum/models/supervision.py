"""Supervision given to placement students (R15), counted on the supervisor's portfolio under
its own heading (R7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StudentSupervision(models.Model):
    """One individual or group supervision of students at a placement by its field supervisor
    (or the university tutor)."""

    class Form(models.TextChoices):
        INDIVIDUAL = "individual", _("个别督导")
        GROUP = "group", _("小组督导")

    placement = models.ForeignKey(
        "practicum.Placement",
        on_delete=models.PROTECT,
        related_name="supervisions",
        verbose_name=_("实习岗位"),
    )
    supervisor = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="student_supervisions_given",
        verbose_name=_("督导"),
    )
    form = models.CharField(_("形式"), max_length=10, choices=Form.choices)
    held_on = models.DateField(_("日期"))
    minutes = models.PositiveIntegerField(_("时长（分钟）"))
    topics = models.CharField(_("主题"), max_length=300)
    notes = models.TextField(_("记录"), blank=True)
    students = models.ManyToManyField(
        "practicum.Application", related_name="supervisions", verbose_name=_("学生")
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("学生督导记录")
        verbose_name_plural = _("学生督导记录")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="student_supervision_minutes_positive",
                violation_error_message=_("时长必须大于 0。"),
            ),
        ]
        indexes = [
            models.Index(fields=["supervisor", "held_on"], name="student_supervision_by_day")
        ]

    def __str__(self) -> str:
        return f"{self.placement} · {self.held_on} · {self.topics}"
