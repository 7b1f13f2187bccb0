"""Reads for a station's service list and negative list (R19)."""

import datetime as dt

from directory.models import ServicePoint
from quotas.models import StationListItem
from quotas.selectors import obligations


def lists_of_station(*, service_point: ServicePoint) -> dict[str, list[StationListItem]]:
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
