from wagtail.models import Page

from cms.selectors import pages


class SitePage(Page):
    """A page of the public site: its context carries the breadcrumb trail (root left out)."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = pages.breadcrumbs(page=self)
        return context

    def stream_text(self, name: str) -> str:
        """The plain text of the StreamField `name` (headings, paragraphs, captions, quotes)."""
        field = self._meta.get_field(name)
        return "\n".join(field.get_searchable_content(getattr(self, name)))
