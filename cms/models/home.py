from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site

from cms.models.base import SitePage
from cms.selectors import home


class HomePage(SitePage):
    """The portal's front page: what the platform is, current notices, the latest news, live
    figures and an entry point for each audience."""

    intro = models.CharField(_("导语"), max_length=250, blank=True)
    body = RichTextField(_("正文"), blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    subpage_types = [
        "cms.NewsIndexPage",
        "cms.PolicyLibraryPage",
        "cms.StationIndexPage",
        "cms.RegionPage",
        "cms.ListingPage",
    ]

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        root = site.root_page if site else self
        context["front"] = home.front_page(root=root, today=timezone.localdate())
        return context
