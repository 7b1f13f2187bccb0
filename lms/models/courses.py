"""Courses, runs, sessions, enrolments and attendance."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.files import ORIGINAL_NAME_MAX_LENGTH, RandomName
from directory.models import Region
from lms import rules


class Kind(models.TextChoices):
    """The five kinds of training (R11)."""

    PRE_JOB = "pre_job", _("岗前培训")
    SUPERVISION = "supervision", _("督导培训")
    CONTINUING = "continuing", _("继续教育")
    PRACTICE = "practice", _("实务培训")
    POLICY = "policy", _("政策法规")


class Level(models.TextChoices):
    """The region level whose quota a course counts for (R12)."""

    PROVINCE = Region.Level.PROVINCE.value, _("省级")
    CITY = Region.Level.CITY.value, _("市级")
    COUNTY = Region.Level.COUNTY.value, _("县级")
    TOWNSHIP = Region.Level.TOWNSHIP.value, _("乡镇/街道级")


class Course(models.Model):
    """A course in the catalogue. Exactly one organiser: a region's civil-affairs office, a
    service point, or a training provider (a user holding a training-provider grant)."""

    title = models.CharField(_("课程名称"), max_length=200)
    description = models.TextField(_("课程简介"), blank=True)
    kind = models.CharField(_("培训类别"), max_length=20, choices=Kind.choices)
    providing_level = models.CharField(_("计入层级"), max_length=10, choices=Level.choices)
    organiser_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_courses",
        verbose_name=_("主办民政部门"),
    )
    organiser_service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_courses",
        verbose_name=_("主办服务站点"),
    )
    organiser_provider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_courses",
        verbose_name=_("培训机构"),
    )
    # The region the course belongs to, for scope (the organiser's region; for a provider,
    # the region of their grant).
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="courses", verbose_name=_("所属区域")
    )
    audience_regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="audience_courses",
        verbose_name=_("面向区域"),
        help_text=_("留空表示所属区域内均可报名。"),
    )
    audience_roles = models.JSONField(
        _("面向岗位"), default=list, blank=True, help_text=_("留空表示所有岗位。")
    )
    location = models.CharField(_("地点"), max_length=200, blank=True)
    online_url = models.URLField(_("线上链接"), blank=True)
    minutes_per_session = models.PositiveIntegerField(_("每场计入分钟数"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    organiser_region__isnull=False,
                    organiser_service_point__isnull=True,
                    organiser_provider__isnull=True,
                )
                | Q(
                    organiser_region__isnull=True,
                    organiser_service_point__isnull=False,
                    organiser_provider__isnull=True,
                )
                | Q(
                    organiser_region__isnull=True,
                    organiser_service_point__isnull=True,
                    organiser_provider__isnull=False,
                ),
                name="course_has_one_organiser",
                violation_error_message=_("课程必须且只能有一个主办方。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes_per_session__gt=0, minutes_per_session__lte=24 * 60),
                name="course_minutes_per_session_in_a_day",
                violation_error_message=_("每场计入分钟数应在 1 至 1440 之间。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser_name(self) -> str:
        organiser = self.organiser_region or self.organiser_service_point or self.organiser_provider
        return str(organiser)


class CourseMaterial(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="materials", verbose_name=_("课程")
    )
    title = models.CharField(_("名称"), max_length=200)
    file = models.FileField(_("文件"), upload_to=RandomName("lms/materials"), blank=True)
    original_name = models.CharField(_("原文件名"), max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True)
    url = models.URLField(_("链接"), blank=True)

    class Meta:
        verbose_name = _("课程资料")
        verbose_name_plural = _("课程资料")

    def __str__(self) -> str:
        return self.title


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("自主报名")
    APPROVAL = "approval", _("站长审核")
    ASSIGNED = "assigned", _("管理员指派")


class CourseRun(models.Model):
    """One offering of a course: its capacity, deadlines, trainers and sessions."""

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="runs", verbose_name=_("课程")
    )
    name = models.CharField(_("期次"), max_length=100)
    capacity = models.PositiveIntegerField(_("名额"))
    enrolment_mode = models.CharField(
        _("报名方式"), max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN
    )
    enrolment_deadline = models.DateTimeField(_("报名截止"))
    cancellation_deadline = models.DateTimeField(_("取消报名截止"))
    completion_percent = models.PositiveSmallIntegerField(_("结业出勤率（%）"), default=80)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_runs", verbose_name=_("讲师")
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    class Meta:
        verbose_name = _("开班")
        verbose_name_plural = _("开班")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="course_run_capacity_positive",
                violation_error_message=_("名额必须大于 0。"),
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=0, completion_percent__lte=100),
                name="course_run_completion_percent_0_to_100",
                violation_error_message=_("结业出勤率应在 0 至 100 之间。"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="course_run_ends_after_start",
                violation_error_message=_("结束日期不能早于开始日期。"),
            ),
        ]
        indexes = [models.Index(fields=["starts_on"])]

    def __str__(self) -> str:
        return f"{self.course} · {self.name}"


class TrainingSession(models.Model):
    """One sitting of a run; attending it credits `minutes`."""

    run = models.ForeignKey(
        CourseRun, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("开班")
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    minutes = models.PositiveIntegerField(_("计入分钟数"))
    location = models.CharField(_("地点"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("已取消"), default=False)

    class Meta:
        verbose_name = _("课次")
        verbose_name_plural = _("课次")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("课次的结束时间必须晚于开始时间。"),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0, minutes__lte=24 * 60),
                name="training_session_minutes_in_a_day",
                violation_error_message=_("课次计入分钟数应在 1 至 1440 之间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {self.starts_at:%Y-%m-%d %H:%M}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        ENROLLED = "enrolled", _("已报名")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")
        REJECTED = "rejected", _("未通过")

    ACTIVE = (Status.PENDING, Status.ENROLLED, Status.WAITLISTED)

    run = models.ForeignKey(
        CourseRun, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("开班")
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("人员"),
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices)
    waitlist_position = models.PositiveIntegerField(_("候补序号"), null=True, blank=True)
    assigned = models.BooleanField(_("管理员指派"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person"],
                condition=Q(status__in=["pending", "enrolled", "waitlisted"]),
                name="enrolment_one_active_per_run",
                violation_error_message=_("已报名本期培训，不能重复报名。"),
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="enrolment_waitlist_position_iff_waitlisted",
                violation_error_message=_("只有候补中的报名才有候补序号。"),
            ),
        ]
        indexes = [models.Index(fields=["run", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.run}"

    def cancellable(self, now) -> bool:
        """Whether the learner may still cancel (lms.rules.cancellation_problem)."""
        return (
            rules.cancellation_problem(
                now=now, deadline=self.run.cancellation_deadline, status=self.status
            )
            is None
        )


class Attendance(models.Model):
    class Method(models.TextChoices):
        CHECKLIST = "checklist", _("讲师点名")
        SHEET = "sheet", _("签到表导入")
        QR = "qr", _("扫码签到")

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("课次"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("人员"),
    )
    method = models.CharField(_("方式"), max_length=10, choices=Method.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("出勤")
        verbose_name_plural = _("出勤")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="attendance_once",
                violation_error_message=_("本场已有该学员的签到记录。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"
