from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.search import index

from cms.models.base import SitePage
from cms.models.blocks import BodyBlock
from cms.search import index_text
from cms.selectors import pages

NEWS_PER_PAGE = 12


class NewsIndexPage(SitePage):
    """/news/: every live news page of the site, newest first, paginated."""

    intro = models.CharField(_("导语"), max_length=250, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage", "cms.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("新闻列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        news = pages.news_of_site(root=site.root_page if site else self.get_parent())
        context["items"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPage(SitePage):
    """A news item, under the news list or under the region page it belongs to."""

    date = models.DateField(_("日期"), default=timezone.localdate)
    intro = models.CharField(_("摘要"), max_length=250, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("封面图片"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("search_text")]
    parent_page_types = ["cms.NewsIndexPage", "cms.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["region_page"] = pages.region_page_above(breadcrumbs=context["breadcrumbs"])
        return context

    def search_text(self) -> str:
        """Title, summary and body, segmented for the search index."""
        return index_text(self.title, self.intro, self.stream_text("body"))
