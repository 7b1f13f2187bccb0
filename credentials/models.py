from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import units
from core.files import ORIGINAL_NAME_MAX_LENGTH, RandomName


class Qualification(models.Model):
    """A national social-work qualification (R21), entered by the worker, verified by an admin."""

    class Level(models.TextChoices):
        ASSISTANT = "assistant", _("助理社会工作师")
        INTERMEDIATE = "intermediate", _("社会工作师")
        SENIOR = "senior", _("高级社会工作师")

    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="qualifications",
        verbose_name=_("人员"),
    )
    level = models.CharField(_("等级"), max_length=20, choices=Level.choices)
    certificate_number = models.CharField(_("证书编号"), max_length=40, unique=True)
    passed_on = models.DateField(_("考试通过日期"))
    scan = models.FileField(_("证书扫描件"), upload_to=RandomName("qualifications"), blank=True)
    original_name = models.CharField(_("原文件名"), max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("核验人"),
    )

    class Meta:
        verbose_name = _("职业资格")
        verbose_name_plural = _("职业资格")
        ordering = ["-passed_on"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.certificate_number}"


class Registration(models.Model):
    """A 3-year registration of a qualification (R21); a renewal is a new row."""

    qualification = models.ForeignKey(
        Qualification,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("职业资格"),
    )
    starts_on = models.DateField(_("登记生效日期"))
    ends_on = models.DateField(_("登记有效期至"))

    class Meta:
        verbose_name = _("登记")
        verbose_name_plural = _("登记")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="registration_ends_after_start",
                violation_error_message=_("登记截止日期不能早于生效日期。"),
            ),
            models.UniqueConstraint(
                fields=["qualification", "starts_on"],
                name="registration_once_per_start",
                violation_error_message=_("该证书在同一生效日期已有登记。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qualification} {self.starts_on}~{self.ends_on}"


class RegistrationReminder(models.Model):
    """That the 90- or 30-day renewal reminder for a registration was sent (sent once)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "days_before"],
                name="registration_reminder_once",
                violation_error_message=_("该登记提醒已安排。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} −{self.days_before}d"


class CertificateBatch(models.Model):
    """A job issuing hour certificates to everyone working in a region in a year; resumable."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("出错")

    region = models.ForeignKey(
        "directory.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区域")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    include_empty = models.BooleanField(_("无学时者也出具证明"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    skipped_people = models.JSONField(default=list, editable=False)  # no hours: not certified
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    archive = models.FileField(upload_to=RandomName("certificate-batches"), blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("批量出具")
        verbose_name_plural = _("批量出具")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else units.percent(self.done, self.total)

    @property
    def in_progress(self) -> bool:
        """Queued or running: its page refreshes itself until the batch is done or failed."""
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class Certificate(models.Model):
    """A certificate with a frozen snapshot of what it certifies; never edited after issue.

    A reissue creates a new certificate that `supersedes` the old one; a revocation records
    when and why. The PDF is rendered once and stored with its SHA-256.
    """

    class Kind(models.TextChoices):
        HOURS = "hours", _("学时证明")
        SUPERVISION_GIVEN = "supervision_given", _("督导服务证明")
        COURSE_COMPLETION = "course_completion", _("结业证明")
        AWARD = "award", _("获奖证明")
        PRACTICUM = "practicum", _("实习证明")

    class Status(models.TextChoices):
        """Not a column: follows from `revoked_at` and `superseded_at` (see `status`)."""

        VALID = "valid", _("有效")
        REVOKED = "revoked", _("已撤销")
        SUPERSEDED = "superseded", _("已被替换")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("持有人"),
    )
    period_starts_on = models.DateField(_("起始日期"))
    period_ends_on = models.DateField(_("截止日期"))
    subject = models.CharField(
        max_length=40, blank=True, editable=False, help_text="e.g. lms-run:12 for a completion"
    )
    snapshot = models.JSONField(_("证明内容"))
    code = models.CharField(max_length=64, unique=True, editable=False)
    short_code = models.CharField(_("查验码"), max_length=10, unique=True, editable=False)
    pdf = models.FileField(upload_to=RandomName("certificates"), blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("签发人"),
    )
    issuer_name = models.CharField(_("签发单位"), max_length=200)
    issued_at = models.DateTimeField(_("签发时间"), default=timezone.now)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("取代"),
    )
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoke_reason = models.TextField(_("撤销原因"), blank=True)
    batch = models.ForeignKey(
        CertificateBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        editable=False,
    )

    class Meta:
        verbose_name = _("证明")
        verbose_name_plural = _("证明")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "kind", "period_starts_on", "period_ends_on", "subject"],
                condition=Q(superseded_at__isnull=True, revoked_at__isnull=True),
                name="certificate_one_current_per_subject",
                violation_error_message=_("该人员在这一期间已有有效的同类证明。"),
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="certificate_revoke_needs_reason",
                violation_error_message=_("撤销证明必须填写原因。"),
            ),
            models.CheckConstraint(
                condition=Q(period_ends_on__gte=models.F("period_starts_on")),
                name="certificate_period_ends_after_start",
                violation_error_message=_("证明期间的截止日期不能早于起始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.short_code}"

    @property
    def status(self) -> Status:
        """Revoked, else superseded, else valid."""
        if self.revoked_at:
            return self.Status.REVOKED
        if self.superseded_at:
            return self.Status.SUPERSEDED
        return self.Status.VALID

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.VALID

    def get_status_display(self) -> str:
        return self.Status(self.status).label


class VerificationEvent(models.Model):
    """Someone checked a certificate: the holder sees when, from where (masked) and how."""

    class Channel(models.TextChoices):
        PAGE = "page", _("网页查验")
        JSON = "json", _("数据接口")
        PDF = "pdf", _("上传 PDF 比对")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="verifications"
    )
    at = models.DateTimeField(default=timezone.now)
    ip_masked = models.CharField(max_length=64)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["certificate", "-at"])]

    def __str__(self) -> str:
        return f"{self.certificate} {self.at:%Y-%m-%d %H:%M} {self.channel}"


class ShareLink(models.Model):
    """A time-limited link to a holder's whole record, for an employer; revocable."""

    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person} → {self.expires_at:%Y-%m-%d}"

    def is_usable(self, *, now) -> bool:
        return self.revoked_at is None and now < self.expires_at
