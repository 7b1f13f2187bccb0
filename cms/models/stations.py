from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Site
from wagtail.search import index

from cms.models.base import SitePage
from cms.models.blocks import BodyBlock
from cms.search import index_text
from cms.selectors import search, stations
from core.query_params import query_text
from practicum.selectors import public as practicum_public

STATIONS_PER_PAGE = 20


class StationIndexPage(SitePage):
    """/stations/: the live station pages, filtered by county and by name, paginated."""

    intro = models.CharField(_("导语"), max_length=250, blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("站点列表")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        listing = stations.station_listing(
            root=site.root_page if site else self.get_parent(),
            county=request.GET.get("county", ""),
            query=query_text(request),
        )
        items = Paginator(listing.pages, STATIONS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            listing=listing,
            items=items,
            rows=stations.station_rows(pages=items.object_list, counties=listing.counties),
        )
        return context


class StationPage(SitePage):
    """Mirrors one directory service point (a station or room): the facts are read live at
    serve time; editors add an intro, photos and stories. Created, renamed, moved and
    unpublished by `cms.services.station_pages` only."""

    service_point = models.OneToOneField(
        "directory.ServicePoint",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("服务站点"),
    )
    intro = models.CharField(_("导语"), max_length=250, blank=True)
    stories = StreamField(BodyBlock(), verbose_name=_("站点故事"), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("service_point", read_only=True),
        FieldPanel("intro"),
        InlinePanel("photos", label=_("照片")),
        FieldPanel("stories"),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("search_text")]
    is_creatable = False
    parent_page_types = ["cms.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("站点页面")
        verbose_name_plural = _("站点页面")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["facts"] = stations.station_facts(
            service_point_id=self.service_point_id, today=timezone.localdate()
        )
        context["photos"] = stations.photos_of(page=self)
        context["placements"] = practicum_public.placements_at_station(
            service_point_id=self.service_point_id
        )
        return context

    def search_text(self) -> str:
        """Title, intro and stories, and the station's regions, kind and specialty from the
        directory, segmented for the search index."""
        facts = search.station_index_facts(service_point_id=self.service_point_id)
        return index_text(self.title, self.intro, self.stream_text("stories"), *facts)


class StationPhoto(Orderable):
    page = ParentalKey(StationPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("图片")
    )
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("照片")
        verbose_name_plural = _("照片")
