"""Keep the public site's region and station pages in step with the directory.

Region pages mirror the regions from each province down to the county (slug: the region's
code); every station or room (`directory.rules.STATION_KINDS`) has a station page under its
county's page (slug: the service point's code). The sync creates missing pages (published, no
revision: editors' first publish makes one), renames and moves pages when the directory
changes, and unpublishes the page of a station that is gone or no longer a station. It never
deletes a page nor touches what editors wrote, and does not publish again a page it (or an
editor) unpublished. Running it twice changes nothing. It indexes the synced station pages
again for search: their text holds the station's regions, kind and specialty.

It is called explicitly, never from a signal: by `directory.services.service_point_save` for
one station (settings.SERVICE_POINT_SAVED_HOOKS), by `manage.py sync_station_pages` for all,
and by the demo seed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from cms.models import HomePage, RegionPage, StationPage
from cms.services import search_index
from directory import selectors as directory_selectors
from directory.models import Region, ServicePoint

Progress = Callable[[int, int], None]


@dataclass
class SyncResult:
    created: int = 0
    renamed: int = 0
    moved: int = 0
    unpublished: int = 0
    skipped: int = 0  # stations with no county above them: no page


def station_page_sync(*, service_point_id: int) -> SyncResult:
    """Sync one service point's page (and the region pages above it)."""
    return station_pages_sync(service_point_ids=[service_point_id])


@transaction.atomic
def station_pages_sync(
    *, service_point_ids: Iterable[int] | None = None, progress: Progress | None = None
) -> SyncResult:
    """Sync the pages of the given service points, or of every one; `progress(done, total)` is
    called as stations are handled."""
    ids = None if service_point_ids is None else list(service_point_ids)
    result = SyncResult()
    home = HomePage.objects.get()
    stations = list(directory_selectors.stations_for_site(ids=ids))
    counties = _county_chains(stations)
    region_pages = _region_pages_sync(
        home=home, regions=[r for chain in counties.values() for r in chain], result=result
    )
    existing = {
        page.service_point_id: page
        for page in StationPage.objects.filter(service_point_id__in=[s.pk for s in stations])
    }
    synced = []
    for done, station in enumerate(stations, start=1):
        chain = counties.get(station.pk)
        if chain is None:
            result.skipped += 1
        else:
            parent = region_pages[chain[-1].pk]
            page = _page_sync(
                page=existing.get(station.pk),
                make=lambda station=station: StationPage(service_point_id=station.pk),
                title=station.name,
                slug=_slug(station.code),
                parent=parent,
                result=result,
            )
            synced.append(page)
        if progress and (done % 100 == 0 or done == len(stations)):
            progress(done, len(stations))
    gone = StationPage.objects.live().exclude(service_point_id__in=[s.pk for s in stations])
    if ids is not None:
        gone = gone.filter(service_point_id__in=ids)
    for page in gone:
        page.unpublish(log_action="wagtail.unpublish")
        result.unpublished += 1
    search_index.pages_reindex(model=StationPage, pages=synced)
    return result


def _slug(code: str) -> str:
    return slugify(code, allow_unicode=True)


def _county_chains(stations: list[ServicePoint]) -> dict[int, list[Region]]:
    """Station id → its regions from the province down to its county; stations with no
    county above them are left out. One query for all the regions."""
    paths = {
        station.pk: directory_selectors.region_paths_above(path=station.region.path)
        for station in stations
    }
    wanted = {path for chain in paths.values() for path in chain}
    regions = {r.path: r for r in directory_selectors.regions_at(paths=wanted)}
    chains = {}
    for station_id, chain in paths.items():
        above = [regions[path] for path in chain]
        levels = [region.level for region in above]
        if Region.Level.COUNTY in levels:
            chains[station_id] = above[: levels.index(Region.Level.COUNTY) + 1]
    return chains


def _region_pages_sync(
    *, home: HomePage, regions: list[Region], result: SyncResult
) -> dict[int, RegionPage]:
    """Region id → its page, for `regions` (whole chains from a province down), created,
    renamed or moved as needed. Level by level from the provinces, each level's pages read
    after the moves above it (a move changes the paths of everything below)."""
    unique = {region.pk: region for region in regions}.values()
    by_path = {region.path: region for region in unique}
    pages: dict[int, RegionPage] = {}
    for depth in sorted({region.depth for region in unique}):
        level = [region for region in unique if region.depth == depth]
        found = RegionPage.objects.filter(region__in=level)
        current = {page.region_id: page for page in found}
        for region in sorted(level, key=lambda r: r.path):
            above = by_path.get(region.path[: -Region.steplen])
            pages[region.pk] = _page_sync(
                page=current.get(region.pk),
                make=lambda region=region: RegionPage(region_id=region.pk),
                title=region.name,
                slug=_slug(region.code),
                parent=pages[above.pk] if above else home,
                result=result,
            )
    return pages


def _page_sync(
    *, page: Page | None, make: Callable[[], Page], title: str, slug: str, parent: Page, result
) -> Page:
    """Create the page under `parent`, or give it the title, slug and parent it should have."""
    if page is None:
        now = timezone.now()
        page = make()
        page.title = page.draft_title = title
        page.slug = slug
        page.live, page.first_published_at, page.last_published_at = True, now, now
        parent.refresh_from_db(fields=["path", "depth", "numchild"])  # moves may have changed them
        parent.add_child(instance=page)
        result.created += 1
        return page
    if page.title != title or page.slug != slug:
        page.title = page.draft_title = title
        page.slug = slug
        page.save()
        _draft_follows(page=page, title=title, slug=slug)
        result.renamed += 1
    if page.path[: -Page.steplen] != parent.path:
        page.move(parent, pos="last-child")
        page.refresh_from_db()
        result.moved += 1
    return page


def _draft_follows(*, page: Page, title: str, slug: str) -> None:
    """An editor's unpublished draft takes the new title and slug, so that publishing it
    later does not bring the old name back."""
    if page.has_unpublished_changes and page.latest_revision_id:
        revision = page.latest_revision
        revision.content.update(title=title, draft_title=title, slug=slug)
        revision.save(update_fields=["content"])
