"""Practice bases: a university's agreement with a station or an agency (R15)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import ORIGINAL_NAME_MAX_LENGTH, RandomName


class PracticeBase(models.Model):
    """An agreement between a university's social-work school and a station (or an agency) that
    makes it a practice base of one kind for a period, with its named field supervisors.

    Hangzhou (五、（三）) names the three kinds; Beijing (三、（四）) speaks of 实务基地 for
    practicum and research, which the teaching kind covers."""

    class Kind(models.TextChoices):
        TEACHING = "teaching", _("教学实践基地")
        RESEARCH = "research", _("理论研究基地")
        CASES = "cases", _("优秀案例基地")

    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="practice_bases",
        verbose_name=_("高校"),
    )
    school = models.CharField(_("院系"), max_length=100, blank=True)
    service_point = models.ForeignKey(
        "directory.ServicePoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_bases",
        verbose_name=_("服务站点"),
    )
    agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_bases",
        verbose_name=_("社工机构"),
    )
    kind = models.CharField(_("基地类型"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("协议生效日期"))
    ends_on = models.DateField(_("协议到期日期"))
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    document = models.FileField(
        _("协议文本"), upload_to=RandomName("practicum/agreements"), blank=True
    )
    document_name = models.CharField(max_length=ORIGINAL_NAME_MAX_LENGTH, blank=True)
    field_supervisors = models.ManyToManyField(
        "directory.Person",
        blank=True,
        related_name="practice_bases_supervised",
        verbose_name=_("站点实习督导"),
    )
    expiry_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("实践基地协议")
        verbose_name_plural = _("实践基地协议")
        ordering = ["-ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_point__isnull=False, agency__isnull=True)
                | Q(service_point__isnull=True, agency__isnull=False),
                name="practice_base_one_host",
                violation_error_message=_("协议的对方须是一个服务站点或一家社工机构。"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="practice_base_dates_ordered",
                violation_error_message=_("到期日期不能早于生效日期。"),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"], name="practice_base_ends_on")]

    def __str__(self) -> str:
        return f"{self.university} · {self.host} · {self.get_kind_display()}"

    @property
    def host(self):
        """The station or agency that hosts the students."""
        return self.service_point or self.agency

    def covers(self, starts_on: dt.date, ends_on: dt.date) -> bool:
        """Whether the agreement is in force for the whole of a period (R15)."""
        return self.starts_on <= starts_on and ends_on <= self.ends_on
