"""Entries, their files, and what a judge sees of them (R14)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competitions.models.contests import Competition
from core.files import ORIGINAL_NAME_MAX_LENGTH, RandomName

# A case study's sections, in the order a reader meets them.
CASE_SECTIONS = (
    ("background", _("案例背景")),
    ("assessment", _("需求评估")),
    ("plan", _("服务计划")),
    ("intervention", _("介入过程")),
    ("evaluation", _("成效评估")),
    ("reflection", _("专业反思")),
)


class Entry(models.Model):
    """One author's entry (with co-authors). A draft until submitted; every entry is frozen at
    the deadline, its content hashed (`content_sha256`) so that later changes would show.

    `code` is what a judge sees instead of the authors in blind mode (e.g. "A-017")."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="entries", verbose_name=_("竞赛")
    )
    author = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="competition_entries",
        verbose_name=_("第一作者"),
    )
    coauthors = models.ManyToManyField(
        "directory.Person",
        blank=True,
        related_name="coauthored_entries",
        verbose_name=_("合作者"),
    )
    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competition_entries",
        verbose_name=_("作者所在站点"),
    )
    code = models.CharField(_("作品编号"), max_length=12)
    title = models.CharField(_("作品标题"), max_length=200)
    sections = models.JSONField(_("案例正文"), default=dict, blank=True)
    body = models.TextField(_("正文"), blank=True)
    client_names = models.CharField(
        _("服务对象姓名（仅用于脱敏检查，不会展示）"), max_length=300, blank=True
    )
    deidentified = models.BooleanField(_("已按脱敏要求处理"), default=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("封存时间"), null=True, blank=True, editable=False)
    content_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("参赛作品")
        verbose_name_plural = _("参赛作品")
        ordering = ["competition", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "code"],
                name="entry_code_unique_in_competition",
                violation_error_message=_("作品编号重复，请重试。"),
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(deidentified=True),
                name="entry_submitted_only_deidentified",
                violation_error_message=_("提交前须确认已按脱敏要求处理。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class EntryFile(models.Model):
    """A document or video of an entry, stored under a random name; sent only through views
    that check who may see it (in blind mode under the entry's code, never its original name)."""

    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="files", verbose_name=_("作品")
    )
    file = models.FileField(_("文件"), upload_to=RandomName("competitions"))
    original_name = models.CharField(_("原文件名"), max_length=ORIGINAL_NAME_MAX_LENGTH)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("作品附件")
        verbose_name_plural = _("作品附件")
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return self.original_name
