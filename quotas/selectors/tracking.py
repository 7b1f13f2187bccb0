"""Reads for the weekly status and the quarterly meeting (R17) and a station's lists (R19)."""

import datetime as dt

from django.db.models import QuerySet

from directory.models import Region, ServicePoint
from quotas.models import QuarterlyMeeting, StationListItem, WeeklyStatus
from quotas.selectors import obligations

RECENT_WEEKS = 8


def weekly_statuses_of_station(*, service_point: ServicePoint) -> QuerySet[WeeklyStatus]:
    """The station's latest weekly statuses, newest first."""
    return WeeklyStatus.objects.filter(service_point=service_point).order_by("-week")[:RECENT_WEEKS]


def weekly_by_station(
    *, service_points: list[ServicePoint], week: dt.date
) -> dict[int, WeeklyStatus]:
    """The stations' statuses for `week`, by station id (stations without one are absent)."""
    return {
        status.service_point_id: status
        for status in WeeklyStatus.objects.filter(service_point__in=service_points, week=week)
    }


def meetings_between(
    *, region: Region, starts_on: dt.date, ends_on: dt.date
) -> QuerySet[QuarterlyMeeting]:
    """The region's own quarterly meetings held between two days (inclusive)."""
    return QuarterlyMeeting.objects.filter(
        region=region, held_on__range=(starts_on, ends_on)
    ).order_by("held_on", "pk")


def station_lists(*, service_point: ServicePoint) -> dict[str, list[StationListItem]]:
    """R19: the station's service list and negative list, each in the order items were added."""
    lists: dict[str, list[StationListItem]] = {kind: [] for kind in StationListItem.Kind.values}
    for item in StationListItem.objects.filter(service_point=service_point).order_by("pk"):
        lists[item.kind].append(item)
    return lists


def seed_missing(
    *, service_point: ServicePoint, listed: dict[str, list[StationListItem]], on: dt.date
) -> dict[str, obligations.ListSeed]:
    """R19: per list, the items of the packs in force on `on` the station does not list yet
    (on either list), with their citation; lists with none missing are absent."""
    texts = {item.text for items in listed.values() for item in items}
    missing = {}
    for kind in StationListItem.Kind.values:
        seed = obligations.list_seed(path=service_point.region.path, kind=kind, on=on)
        if seed is None:
            continue
        items = [text for text in seed.items if text not in texts]
        if items:
            missing[kind] = obligations.ListSeed(items=items, source=seed.source)
    return missing
