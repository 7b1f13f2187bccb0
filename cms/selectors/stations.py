"""Reads for the station pages: the live facts of one station and the filtered station list.

Facts come from the owning apps' selectors at serve time; the page shows no personal data
but the names and modes of the supervisors covering the station."""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from wagtail.models import Page

from cms import models as cms_models
from directory import selectors as directory_selectors
from directory.models import Region, ServicePoint
from lms import selectors as lms_selectors
from quotas.models import StationListItem
from quotas.selectors import station_lists
from supervision.selectors import counting as supervision_counting
from supervision.selectors import lists as supervision_lists


@dataclass(frozen=True)
class StationFacts:
    station: ServicePoint
    region_names: list[str]
    services: list[str]
    supervisors: list[dict]
    sessions: int
    attendances: int
    since: dt.date


def station_facts(*, service_point_id: int | None, today: dt.date) -> StationFacts | None:
    """The station's live facts; None when the directory no longer lists it as a station.
    Counts cover the twelve months up to `today`. Seven queries, whatever the station."""
    station = directory_selectors.station_for_site(service_point_id=service_point_id, on=today)
    if station is None:
        return None
    since = today - relativedelta(years=1) + dt.timedelta(days=1)
    paths = directory_selectors.region_paths_above(path=station.region.path)
    lists = station_lists.lists_of_station(service_point=station)
    return StationFacts(
        station=station,
        region_names=[r.name for r in directory_selectors.regions_at(paths=paths).order_by("path")],
        services=[item.text for item in lists[StationListItem.Kind.SERVICE]],
        supervisors=supervision_lists.current_supervisors_at(service_point=station, day=today),
        sessions=supervision_counting.station_minutes_between(
            service_point=station, starts_on=since, ends_on=today
        )["sessions"],
        attendances=lms_selectors.station_attendance_count(
            service_point=station, starts_on=since, ends_on=today, today=today
        ),
        since=since,
    )


@dataclass(frozen=True)
class StationListing:
    pages: QuerySet
    counties: list[Page]
    county: str
    query: str


def station_listing(*, root: Page, county: str, query: str) -> StationListing:
    """Live station pages under the site's root, by title; `county` (a county page's id, as
    typed in the URL) keeps those under it, `query` those whose name contains it. An unknown
    county filters nothing out but is not shown as chosen."""
    counties = list(
        cms_models.RegionPage.objects.live()
        .descendant_of(root)
        .filter(region__level=Region.Level.COUNTY)
        .order_by("path")
    )
    found = [page for page in counties if str(page.pk) == county]
    stations = cms_models.StationPage.objects.live().descendant_of(root)
    if found:
        stations = stations.child_of(found[0])
    if query:
        stations = stations.filter(title__icontains=query)
    return StationListing(
        pages=stations.order_by("title", "pk"),
        counties=counties,
        county=str(found[0].pk) if found else "",
        query=query,
    )


def station_rows(*, pages, counties: list[Page]) -> list[dict]:
    """One row per station page of a list page: the page, its county page and its service
    point (kind, stars, specialty; None when gone). One query for the whole list page."""
    pages = list(pages)
    points = directory_selectors.station_summaries(ids=[p.service_point_id for p in pages])
    county_at = {county.path: county for county in counties}
    return [
        {
            "page": page,
            "county": county_at.get(page.path[: -Page.steplen]),
            "point": points.get(page.service_point_id),
        }
        for page in pages
    ]


def photos_of(*, page: Page) -> list:
    """A station page's photos in their order, with their images (one query)."""
    return list(page.photos.select_related("image").order_by("sort_order", "pk"))
