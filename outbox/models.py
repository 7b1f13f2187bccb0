from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """A message written in the same transaction as the change it reports; a task sends it.

    A failed send is retried with exponential back-off (`next_attempt_at`) until the attempts
    run out; then `gave_up_at` is set and the row shows as failed in the admin.
    """

    class State(models.TextChoices):
        """Not a column: follows from `sent_at` and `gave_up_at` (see `state`)."""

        PENDING = "pending", _("待发送")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败，已放弃")

    to = models.EmailField(_("收件人"))
    subject = models.CharField(_("主题"), max_length=200)
    body = models.TextField(_("正文"))
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    gave_up_at = models.DateTimeField(_("放弃时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发邮件")
        verbose_name_plural = _("待发邮件")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["sent_at"]),
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True, gave_up_at__isnull=True),
                name="outbox_mail_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

    @property
    def state(self) -> str:
        if self.sent_at:
            return self.State.SENT
        return self.State.FAILED if self.gave_up_at else self.State.PENDING
