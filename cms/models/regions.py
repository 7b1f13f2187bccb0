from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.models.base import SitePage
from cms.models.blocks import BodyBlock
from cms.search import index_text


class RegionPage(SitePage):
    """Mirrors one directory region (province, city or county). Created, renamed and moved by
    `cms.services.station_pages` only; editors write its intro and body."""

    region = models.OneToOneField(
        "directory.Region",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("行政区域"),
    )
    intro = models.CharField(_("导语"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("region", read_only=True),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("search_text")]
    is_creatable = False
    parent_page_types = ["cms.HomePage", "cms.RegionPage"]
    subpage_types = ["cms.RegionPage", "cms.StationPage", "cms.NewsPage", "cms.NoticePage"]

    class Meta:
        verbose_name = _("区域页面")
        verbose_name_plural = _("区域页面")

    def search_text(self) -> str:
        """Title, intro and body, segmented for the search index."""
        return index_text(self.title, self.intro, self.stream_text("body"))
