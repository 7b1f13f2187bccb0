from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.models.base import SitePage
from cms.selectors import listings

ITEMS_PER_PAGE = 20


class ListingPage(SitePage):
    """An index page that embeds a live list from an app (the open courses, the competitions
    and their results), read when the page is served; editors write its title and intro."""

    class Source(models.TextChoices):
        COURSES = listings.COURSES, _("正在报名的培训课程")
        COMPETITIONS = listings.COMPETITIONS, _("竞赛评选与结果")
        PLACEMENTS = listings.PLACEMENTS, _("高校实习岗位")

    source = models.CharField(_("列表内容"), max_length=20, choices=Source.choices)
    intro = models.CharField(_("导语"), max_length=250, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("source"), FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("动态列表页")
        verbose_name_plural = _("动态列表页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = listings.listing_items(source=self.source, now=timezone.now())
        context["items"] = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
        return context
