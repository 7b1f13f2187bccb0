"""External training and the append-only training-hours ledger (STYLE.md §5)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.files import ORIGINAL_NAME_MAX_LENGTH, RandomName
from lms.models.courses import Attendance, Kind, Level

# Named by migration 0001; new names are random like every other stored file's.
evidence_path = RandomName("lms/evidence")


class ExternalTraining(models.Model):
    """Training taken elsewhere; it enters the ledger only once approved (R11, R12)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("待审核")
        APPROVED = "approved", _("已通过")
        REJECTED = "rejected", _("已退回")

    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="external_trainings",
        verbose_name=_("人员"),
    )
    title = models.CharField(_("培训名称"), max_length=200)
    organiser = models.CharField(_("主办单位"), max_length=200)
    kind = models.CharField(_("培训类别"), max_length=20, choices=Kind.choices)
    providing_level = models.CharField(_("计入层级"), max_length=10, choices=Level.choices)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    minutes = models.PositiveIntegerField(_("学时（分钟）"))
    evidence = models.FileField(_("证明材料"), upload_to=evidence_path)
    original_name = models.CharField(_("原文件名"), max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("退回原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("外部培训")
        verbose_name_plural = _("外部培训")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="external_training_minutes_positive",
                violation_error_message=_("学时必须大于 0。"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="external_training_ends_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="external_training_rejection_has_reason",
                violation_error_message=_("退回申请必须填写原因。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class HourEntry(models.Model):
    """One row of the training-hours ledger. Append-only: never updated nor deleted.

    Credits are positive and carry their source (an attendance, an approved external training,
    or a manual adjustment with a reason); a reversal is negative, points at the row it cancels
    and states why.
    """

    class Source(models.TextChoices):
        ATTENDANCE = "attendance", _("出勤")
        EXTERNAL = "external", _("外部培训")
        ADJUSTMENT = "adjustment", _("人工调整")

    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="hour_entries",
        verbose_name=_("人员"),
    )
    on = models.DateField(_("日期"))
    minutes = models.IntegerField(_("分钟"))
    kind = models.CharField(_("培训类别"), max_length=20, choices=Kind.choices)
    providing_level = models.CharField(_("计入层级"), max_length=10, choices=Level.choices)
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    attendance = models.OneToOneField(
        Attendance, on_delete=models.PROTECT, null=True, blank=True, related_name="hour_entry"
    )
    external = models.OneToOneField(
        ExternalTraining,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hour_entry",
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("学时记录")
        verbose_name_plural = _("学时记录")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(  # credits are positive, reversals negative
                condition=Q(reverses__isnull=True, minutes__gt=0)
                | Q(reverses__isnull=False, minutes__lt=0),
                name="hour_entry_sign_matches_kind",
                violation_error_message=_("学时记录的正负与类型不符：计入为正，冲销为负。"),
            ),
            models.CheckConstraint(  # reversals and adjustments say why
                condition=(Q(reverses__isnull=True) & ~Q(source="adjustment")) | ~Q(reason=""),
                name="hour_entry_correction_has_reason",
                violation_error_message=_("冲销和调整必须填写原因。"),
            ),
            models.CheckConstraint(
                condition=Q(source="attendance", attendance__isnull=False)
                | Q(source="external", external__isnull=False)
                | Q(source="adjustment")
                | Q(reverses__isnull=False),
                name="hour_entry_credit_names_its_source",
                violation_error_message=_("计入的学时必须注明来源。"),
            ),
        ]
        indexes = [models.Index(fields=["person", "on"], name="hour_entry_person_on")]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.on} · {self.minutes}"


class HourSummary(models.Model):
    """A person's credited minutes in one calendar year for one kind and providing level.

    Derived from `HourEntry`: `lms.services.ledger` adds every new ledger row's minutes here in
    the same transaction, and `manage.py training_summaries check` / `rebuild` verifies or
    rebuilds the table from the ledger (bulk loads such as the demo seed rebuild it).
    """

    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="hour_summaries"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    providing_level = models.CharField(max_length=10, choices=Level.choices)
    minutes = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("年度学时汇总")
        verbose_name_plural = _("年度学时汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "kind", "providing_level"],
                name="hour_summary_once",
                violation_error_message=_("该人员的年度学时汇总已存在。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "person"], name="hour_summary_year_person")]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.year} · {self.kind} · {self.providing_level}"
