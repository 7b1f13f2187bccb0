"""Writes of the search index beyond Wagtail's own, which indexes a page when its row is saved."""

from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from cms.models import PolicyDocumentPage


def pages_reindex(*, model: type[Page], pages: list[Page]) -> None:
    """Write the index entries of `pages` (instances of `model`) again, in bulk. For what a
    page's save misses: a station page's text holds directory facts (regions, kind, specialty)
    that change while the page row does not, and a policy document's clauses are written after
    its row, once the save has indexed the old ones."""
    if not pages:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


def policy_document_published(*, instance: PolicyDocumentPage, **kwargs) -> None:
    """Wagtail's `page_published` for a policy document (connected in `CmsConfig.ready`): its
    clauses are written after the page row, whose save indexed the old ones, so the published
    document is indexed again, whoever published it (editor, workflow, schedule, import)."""
    pages_reindex(model=PolicyDocumentPage, pages=[instance])
