"""Supervisors, their assignments to stations, supervision sessions and their confirmations.

Sessions are counted for both sides (R7, R8, R9): once per session for the station, once per
supervisee for each worker. Hours are integer minutes.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import RandomName


class CommitteeLevel(models.TextChoices):
    """The level of the supervision committee a supervisor serves, or a session is provided by
    (R8: the quota is attributed to the level that provides it)."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    LOCAL = "local", _("本土")


class SupervisorGrade(models.Model):
    """A grade on the supervisor ladder, held as data.

    R24: 督导助理 → 见习督导 → 初级/中级/高级督导 in the demo.
    """

    name = models.CharField(_("名称"), max_length=30, unique=True)
    rank = models.PositiveSmallIntegerField(_("序位"), unique=True)

    class Meta:
        verbose_name = _("督导等级")
        verbose_name_plural = _("督导等级")
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class SupervisorProfile(models.Model):
    """A person who supervises: committee level, current grade, specialties, mentor (R16)."""

    person = models.OneToOneField(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="supervisor_profile",
        verbose_name=_("人员"),
    )
    committee_level = models.CharField(
        _("督导委员会层级"), max_length=12, choices=CommitteeLevel.choices
    )
    grade = models.ForeignKey(
        SupervisorGrade, on_delete=models.PROTECT, related_name="+", verbose_name=_("当前等级")
    )
    specialties = models.CharField(_("专长领域"), max_length=200, blank=True)
    mentor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("带教督导"),
    )

    class Meta:
        verbose_name = _("督导")
        verbose_name_plural = _("督导")

    def __str__(self) -> str:
        return str(self.person)


class GradeChange(models.Model):
    """One step of a supervisor's grade history."""

    profile = models.ForeignKey(
        SupervisorProfile, on_delete=models.PROTECT, related_name="grade_changes"
    )
    grade = models.ForeignKey(SupervisorGrade, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("起始日期"))

    class Meta:
        verbose_name = _("等级变更")
        verbose_name_plural = _("等级变更")
        ordering = ["profile", "starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "starts_on"],
                name="grade_change_one_per_day",
                violation_error_message=_("同一天只能变更一次督导等级。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} · {self.grade} · {self.starts_on}"


class Assignment(models.Model):
    """A supervisor at a service point, or over a region as its chief supervisor, for a term.

    Ending or replacing an assignment sets `ended_on`; rows are never deleted (R5, R6).
    """

    class Mode(models.TextChoices):
        LINKED_EXPERT = "linked_expert", _("一站一专家（1+1）")
        CHIEF = "chief", _("总督导")
        RESIDENT = "resident", _("驻站督导")
        CIRCUIT = "circuit", _("巡回督导专家")
        COUNTY_CONTACT = "county_contact", _("县级联系点专家")

    supervisor = models.ForeignKey(
        SupervisorProfile,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("督导"),
    )
    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_assignments",
        verbose_name=_("服务站点"),
    )
    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_assignments",
        verbose_name=_("区域（总督导）"),
    )
    mode = models.CharField(_("督导模式"), max_length=20, choices=Mode.choices)
    starts_on = models.DateField(_("开始日期"))
    planned_end_on = models.DateField(_("计划结束日期"))
    ended_on = models.DateField(_("实际结束日期"), null=True, blank=True)
    term_reason = models.CharField(_("任期不在 3–5 年的理由"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("督导聘任")
        verbose_name_plural = _("督导聘任")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_point__isnull=False, region__isnull=True)
                | Q(service_point__isnull=True, region__isnull=False),
                name="assignment_exactly_one_scope",
                violation_error_message=_("督导聘任必须且只能指定一个站点或一个区域。"),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__gt=F("starts_on")),
                name="assignment_planned_end_after_start",
                violation_error_message=_("计划结束日期必须晚于开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="assignment_ended_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]
        indexes = [models.Index(fields=["planned_end_on"])]

    def __str__(self) -> str:
        return f"{self.supervisor} · {self.scope} · {self.get_mode_display()}"

    @property
    def scope(self):
        return self.service_point or self.region

    @property
    def end_on(self):
        """The day the term ends: the actual end if it ended early, else the planned end."""
        return self.ended_on or self.planned_end_on


class TermReminder(models.Model):
    """A term-end reminder already sent (90 or 30 days before); unique, so never sent twice."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "days_before"],
                name="term_reminder_once",
                violation_error_message=_("该任期提醒已安排。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.days_before}"


class SessionForm(models.TextChoices):
    """Supervision forms (R10)."""

    CIRCUIT = "circuit", _("专家巡回指导")
    RESIDENT = "resident", _("驻站督导")
    ONE_TO_ONE = "one_to_one", _("个别督导")
    GROUP = "group", _("团体督导")
    CASE_CONFERENCE = "case_conference", _("个案研讨")
    ONLINE = "online", _("线上督导")
    EVALUATION = "evaluation", _("绩效评估")


class SupervisionSession(models.Model):
    """One supervision activity at a station; a change after logging raises `version`."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("计划")
        HELD = "held", _("已开展")
        CANCELLED = "cancelled", _("已取消")

    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        related_name="supervision_sessions",
        verbose_name=_("服务站点"),
    )
    providing_level = models.CharField(_("提供层级"), max_length=12, choices=CommitteeLevel.choices)
    form = models.CharField(_("督导形式"), max_length=20, choices=SessionForm.choices)
    started_at = models.DateTimeField(_("开始时间"))
    held_on = models.DateField(_("日期"), editable=False)  # Shanghai date of started_at
    duration_minutes = models.PositiveIntegerField(_("时长（分钟）"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    supervisors = models.ManyToManyField(
        SupervisorProfile, related_name="sessions", verbose_name=_("督导")
    )
    topic = models.CharField(_("主题"), max_length=200)
    cases_discussed = models.TextField(_("讨论的个案"), blank=True)
    notes = models.TextField(_("记录"), blank=True)
    follow_up = models.TextField(_("后续行动"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)  # noqa: DJ001
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("督导记录")
        verbose_name_plural = _("督导记录")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="session_duration_positive",
                violation_error_message=_("时长必须是正整数分钟。"),
            ),
        ]
        indexes = [
            models.Index(fields=["service_point", "held_on"]),
            models.Index(fields=["held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} · {self.held_on} · {self.topic}"

    @property
    def may_cancel(self) -> bool:
        """Only a planned session can be cancelled (a held one is a record, R7)."""
        return self.status == self.Status.PLANNED


class Supervisee(models.Model):
    """A worker's part of a session: the minutes they received and their confirmation.

    The session's date and providing level are carried here (set by the service) so that a
    person's year is one indexed query (STACK.md).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        DISPUTED = "disputed", _("有异议")
        REJECTED = "rejected", _("异议成立（不计）")

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="supervisees"
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="supervision_received",
        verbose_name=_("受督导社工"),
    )
    minutes = models.PositiveIntegerField(_("接受督导（分钟）"))
    held_on = models.DateField()
    providing_level = models.CharField(max_length=12, choices=CommitteeLevel.choices)
    state = models.CharField(
        _("确认状态"), max_length=10, choices=State.choices, default=State.PENDING
    )
    dispute_reason = models.CharField(_("异议理由"), max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(_("处理意见"), max_length=500, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("受督导人")
        verbose_name_plural = _("受督导人")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="supervisee_once",
                violation_error_message=_("同一名社工只能出现一次。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0),
                name="supervisee_minutes_positive",
                violation_error_message=_("接受督导的分钟数必须大于 0。"),
            ),
            models.CheckConstraint(
                condition=~Q(state="disputed") | ~Q(dispute_reason=""),
                name="supervisee_dispute_has_reason",
                violation_error_message=_("提出异议必须填写理由。"),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "held_on"], name="supervisee_person_day"),
            models.Index(fields=["state"], name="supervisee_state"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"


class Attachment(models.Model):
    """A file attached to a session (type, size and content checked by the form); `name` is the
    uploaded file's own name, given back on download."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("附件"), upload_to=RandomName("supervision"))
    name = models.CharField(max_length=200)
    size_bytes = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class YearLock(models.Model):
    """A station's supervision year closed by its annual evaluation; reopened by an admin."""

    service_point = models.ForeignKey(
        "directory.ServicePoint", on_delete=models.PROTECT, related_name="supervision_locks"
    )
    year = models.PositiveSmallIntegerField()
    closed_at = models.DateTimeField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("重新开放理由"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("年度锁定")
        verbose_name_plural = _("年度锁定")
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "year"],
                name="year_lock_once",
                violation_error_message=_("该站点的这一年度已锁定。"),
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reason=""),
                name="year_lock_reopen_has_reason",
                violation_error_message=_("重新开放必须填写理由。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_point} · {self.year}"

    @property
    def is_locked(self) -> bool:
        return self.reopened_at is None


class ReceivedSummary(models.Model):
    """A worker's supervision minutes in one calendar year from one providing level (R8).

    Derived from held sessions' `Supervisee` rows: confirmed minutes apart from those still
    pending or disputed (rejected parts count nothing). `supervision.services.summary` adjusts
    it in the transaction of every write that changes what a session counts;
    `manage.py supervision_summaries check` / `rebuild` verifies or rebuilds it from the raw rows.
    """

    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="supervision_summaries"
    )
    year = models.PositiveSmallIntegerField()
    providing_level = models.CharField(max_length=12, choices=CommitteeLevel.choices)
    confirmed_minutes = models.IntegerField(default=0)
    pending_minutes = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("年度接受督导汇总")
        verbose_name_plural = _("年度接受督导汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "providing_level"],
                name="received_summary_once",
                violation_error_message=_("该人员的年度督导汇总已存在。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "person"], name="received_summary_year_person")]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.year} · {self.providing_level}"


class StationSummary(models.Model):
    """A station's held sessions and their minutes in one calendar year, once per session (R9).
    Kept like `ReceivedSummary`."""

    service_point = models.ForeignKey(
        "directory.ServicePoint", on_delete=models.CASCADE, related_name="supervision_summaries"
    )
    year = models.PositiveSmallIntegerField()
    sessions = models.IntegerField(default=0)
    minutes = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("年度站点督导汇总")
        verbose_name_plural = _("年度站点督导汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["service_point", "year"],
                name="station_summary_once",
                violation_error_message=_("该站点的年度督导汇总已存在。"),
            ),
        ]
        indexes = [models.Index(fields=["year", "service_point"], name="station_summary_year")]

    def __str__(self) -> str:
        return f"{self.service_point_id} · {self.year}"
