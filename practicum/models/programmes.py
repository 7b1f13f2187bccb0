"""A university's programmes and the students its coordinator enrols in them (R15)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A degree programme (e.g. BSW, MSW) and the placement hours it requires: data per
    programme, never a number in code."""

    class Degree(models.TextChoices):
        BSW = "bsw", _("社会工作本科（BSW）")
        MSW = "msw", _("社会工作硕士（MSW）")
        COLLEGE = "college", _("社会工作专科")
        OTHER = "other", _("其他")

    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("高校"),
    )
    name = models.CharField(_("专业名称"), max_length=100)
    degree = models.CharField(_("层次"), max_length=10, choices=Degree.choices)
    required_hours = models.PositiveIntegerField(_("要求实习时数（小时）"))
    evaluation_forms = models.ManyToManyField(
        "practicum.EvaluationForm",
        blank=True,
        related_name="programmes",
        verbose_name=_("使用的评价表"),
    )

    class Meta:
        verbose_name = _("专业")
        verbose_name_plural = _("专业")
        ordering = ["university", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "name"],
                name="programme_name_unique",
                violation_error_message=_("本校已有同名专业。"),
            ),
            models.CheckConstraint(
                condition=Q(required_hours__gt=0),
                name="programme_hours_positive",
                violation_error_message=_("要求实习时数必须大于 0。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.university} · {self.name}"


class Student(models.Model):
    """A person enrolled in a programme, with their university tutor (a person with a tutor
    grant at the same university)."""

    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="practicum_studies",
        verbose_name=_("学生"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="students", verbose_name=_("专业")
    )
    student_number = models.CharField(_("学号"), max_length=30)
    cohort = models.CharField(_("年级"), max_length=20, blank=True, help_text=_("如 2024 级"))
    tutor = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practicum_tutees",
        verbose_name=_("校内导师"),
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("实习学生")
        verbose_name_plural = _("实习学生")
        ordering = ["programme", "student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                name="student_once_per_programme",
                violation_error_message=_("该学生已在此专业登记。"),
            ),
            models.UniqueConstraint(
                fields=["programme", "student_number"],
                name="student_number_unique",
                violation_error_message=_("此专业已有相同学号的学生。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.student_number}"

    @property
    def university(self):
        return self.programme.university
