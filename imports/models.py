import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedCharField
from imports import kinds


class ImportBatch(models.Model):
    """One uploaded file: its parsed rows and each row's errors, then (maybe) its commit.

    `rows` holds JSON text, encrypted at rest because the rows carry ID and mobile numbers
    (PIPL): a list of {"line": int, "values": {header: text}, "errors": [[header, message]]}.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("待确认")
        FAILED = "failed", _("有错误，未导入")
        COMMITTED = "committed", _("已导入")

    kind = models.CharField(_("导入内容"), max_length=20)  # an ImportKind key (imports.kinds)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="import_batches",
        verbose_name=_("上传人"),
    )
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    filename = models.CharField(_("文件名"), max_length=255)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    rows = EncryptedCharField(_("行数据"), blank=True)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    error_count = models.PositiveIntegerField(_("有错误的行数"), default=0)
    committed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # not content that Wagtail pages can use

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(  # committed exactly when a commit time is recorded
                condition=Q(status="committed", committed_at__isnull=False)
                | (~Q(status="committed") & Q(committed_at__isnull=True)),
                name="import_batch_committed_has_time",
                violation_error_message=_("已导入的批次必须记录导入时间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} · {self.filename}"

    @property
    def kind_label(self) -> str:
        return kinds.label_of(self.kind)

    @property
    def entries(self) -> list[dict]:
        """The stored rows, decoded."""
        return json.loads(self.rows) if self.rows else []

    @property
    def is_committable(self) -> bool:
        return self.status == self.Status.PREVIEW and self.error_count == 0
