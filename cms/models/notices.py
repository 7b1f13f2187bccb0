from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.models.base import SitePage
from cms.models.blocks import BodyBlock
from cms.search import index_text
from cms.selectors import pages


class NoticePage(SitePage):
    """A notice (通知公告) with attachments; the home page features it until `valid_until`."""

    date = models.DateField(_("发布日期"), default=timezone.localdate)
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("过期后不再在首页显示；留空为长期有效。")
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("date"),
        FieldPanel("valid_until"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    search_fields = [*SitePage.search_fields, index.SearchField("search_text")]
    parent_page_types = ["cms.NewsIndexPage", "cms.RegionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = pages.attachments_of(notice=self)
        return context

    def search_text(self) -> str:
        """Title and body, segmented for the search index."""
        return index_text(self.title, self.stream_text("body"))


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("文档")
    )
    title = models.CharField(
        _("附件名称"), max_length=200, blank=True, help_text=_("留空时使用文档标题。")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
