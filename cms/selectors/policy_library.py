"""Reads of the policy library: its documents, their clauses with the rules citing them, and
the link from any rule to its clause."""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.db.models import F, QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from cms.models.policies import (
    PolicyClause,
    PolicyDocumentPage,
    PolicyLibraryPage,
    clause_anchor,
)
from quotas.models import PolicyRule
from quotas.selectors.citations import rules_citing_document

LINKS_ATTRIBUTE = "_policy_clause_links"


def policy_library() -> PolicyLibraryPage | None:
    """The library page, if there is one (at most one: max_count)."""
    return PolicyLibraryPage.objects.first()


def document_with_source_file(*, source_file: str) -> PolicyDocumentPage | None:
    return PolicyDocumentPage.objects.filter(source_file=source_file).first()


def library_documents(*, library: PolicyLibraryPage) -> QuerySet[PolicyDocumentPage]:
    """The library's live documents, newest first (undated ones last), then by title."""
    return (
        PolicyDocumentPage.objects.child_of(library)
        .live()
        .order_by(F("issued_on").desc(nulls_last=True), "title")
    )


def breadcrumbs(*, page: Page) -> QuerySet[Page]:
    """The pages above `page`, from the home page down (the tree's root left out)."""
    return page.get_ancestors().filter(depth__gt=1)


@dataclass(frozen=True)
class LibraryView:
    breadcrumbs: list[Page]
    documents: list[PolicyDocumentPage]


def library_view(*, library: PolicyLibraryPage) -> LibraryView:
    """What the library page shows: its trail and its documents (two queries)."""
    return LibraryView(
        breadcrumbs=list(breadcrumbs(page=library)),
        documents=list(library_documents(library=library)),
    )


@dataclass(frozen=True)
class ClauseRow:
    clause: PolicyClause
    rules: list[PolicyRule]


@dataclass(frozen=True)
class DocumentView:
    breadcrumbs: list[Page]
    clauses: list[ClauseRow]


def document_view(*, document: PolicyDocumentPage) -> DocumentView:
    """What a document page shows: its trail and its clauses in order, each with the rules of
    the policy packs that cite it (three queries: the trail, the clauses, the rules)."""
    cited: dict[str, list[PolicyRule]] = {}
    for rule in rules_citing_document(source_document=document.source_file):
        cited.setdefault(clause_anchor(rule.source_clause), []).append(rule)
    clauses = [
        ClauseRow(clause=clause, rules=cited.get(clause.anchor, []))
        for clause in document.clauses.all()
    ]
    return DocumentView(breadcrumbs=list(breadcrumbs(page=document)), clauses=clauses)


@dataclass
class ClauseLinks:
    """URLs of clauses by (document file name, anchor), for rules to link to."""

    urls: dict[tuple[str, str], str] = field(default_factory=dict)

    def url_for(self, rule: PolicyRule) -> str | None:
        """The URL of the clause `rule` cites, or None when its document is not in the library
        or has no such clause."""
        key = (rule.pack.source_document, clause_anchor(rule.source_clause))
        return self.urls.get(key)


def clause_links(*, request: HttpRequest | None) -> ClauseLinks:
    """Every live document's clause URLs (page URL + "#" + anchor): two queries, made once per
    request (kept on it), however many rules the page links."""
    if request is not None and hasattr(request, LINKS_ATTRIBUTE):
        return getattr(request, LINKS_ATTRIBUTE)
    documents = {page.pk: page for page in PolicyDocumentPage.objects.live()}
    links = ClauseLinks()
    anchors = PolicyClause.objects.filter(page__in=list(documents)).values_list("page_id", "anchor")
    page_urls = {pk: page.get_url(request=request) for pk, page in documents.items()}
    for page_id, anchor in anchors:
        if page_urls[page_id]:
            links.urls[(documents[page_id].source_file, anchor)] = (
                f"{page_urls[page_id]}#{quote(anchor)}"
            )
    if request is not None:
        setattr(request, LINKS_ATTRIBUTE, links)
    return links
