from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Workflow


class RegionEditing(models.Model):
    """What serves one region's editors in the back office: the region's collection of images
    and documents, the group its editors join (county editors, or a city's or province's
    moderators) and, above a county, the workflow whose task the moderators approve. Made by
    `cms.services.editors` when first needed; a region without editors has only its collection
    (the parent of the collections below it)."""

    region = models.OneToOneField(
        "directory.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("行政区域")
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="+", verbose_name=_("文件夹")
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("用户组"),
    )
    workflow = models.OneToOneField(
        Workflow,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核流程"),
    )

    class Meta:
        verbose_name = _("区域内容编辑")
        verbose_name_plural = _("区域内容编辑")

    def __str__(self):
        return str(self.region)
