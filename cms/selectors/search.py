"""Reads of the site search: the live, public pages whose indexed text holds every word of a
query, the clause of a policy document that holds them, and what the index of a station page
takes from the directory.

Records of other apps are searched through the apps' own selectors, each shown as a group of
the results page: courses open for enrolment (`lms.selectors.courses_open_matching`).
Practicum placements join as another group, through their app's selector, when it lands.

The page models call `station_index_facts` while being indexed, so this module reaches them
through the `cms.models` package at call time (importing the classes here would be circular).
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q
from wagtail.models import Page

from cms import models as cms_models
from directory import selectors as directory_selectors


def searched_page_types() -> tuple[type[Page], ...]:
    """The kinds of page the search returns (index pages such as the news list are left out)."""
    return (
        cms_models.PolicyDocumentPage,
        cms_models.NewsPage,
        cms_models.NoticePage,
        cms_models.StationPage,
        cms_models.RegionPage,
    )


def pages_matching(*, root: Page, terms: list[str]):
    """Live, public pages of the searched kinds at or under `root` whose indexed text holds
    every one of `terms` (`cms.search.query_terms`), best match first, as specific pages.
    Drafts, unpublished pages and pages behind a view restriction never match. A lazy result:
    slicing it (a paginator's page) costs one query plus one per kind of page on it."""
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .type(*searched_page_types())
        .specific()
    )
    return pages.search(" ".join(terms), operator="and")


@dataclass(frozen=True)
class PageHit:
    page: Page
    kind: str
    clause: "cms_models.PolicyClause | None"  # of a policy document: the first holding the terms


def page_hits(*, pages: list[Page], terms: list[str]) -> list[PageHit]:
    """One line per found page: the page, its kind, and for a policy document the first clause
    whose citation, heading or text contains every term (one query for the whole list)."""
    documents = [page.pk for page in pages if isinstance(page, cms_models.PolicyDocumentPage)]
    first_clause: dict[int, cms_models.PolicyClause] = {}
    if documents and terms:
        holds = [
            Q(citation__icontains=term) | Q(heading__icontains=term) | Q(text__icontains=term)
            for term in terms
        ]
        clauses = (
            cms_models.PolicyClause.objects.filter(reduce(and_, holds), page_id__in=documents)
            .only("page_id", "citation", "anchor", "heading")
            .order_by("page_id", "sort_order", "pk")
        )
        for clause in clauses:
            first_clause.setdefault(clause.page_id, clause)
    return [
        PageHit(
            page=page,
            kind=str(type(page)._meta.verbose_name),
            clause=first_clause.get(page.pk),
        )
        for page in pages
    ]


def station_index_facts(*, service_point_id: int | None) -> list[str]:
    """What the index of a station page holds from the directory: the names of its regions
    from the province down, its kind, specialty and brand. Nothing when the directory no
    longer lists it as a station. Two queries."""
    if service_point_id is None:
        return []
    station = directory_selectors.stations_for_site(ids=[service_point_id]).first()
    if station is None:
        return []
    paths = directory_selectors.region_paths_above(path=station.region.path)
    regions = directory_selectors.regions_at(paths=paths).order_by("path")
    return [
        *(region.name for region in regions),
        station.name,
        str(station.get_kind_display()),
        str(station.get_specialty_display()) if station.specialty else "",
        station.brand_name,
    ]
