"""Organisation rules from DOMAIN.md on plain values: region levels, codes and service points.

Regions follow Hunan's four-level system (hunan-2021-2023): province → city → county/district →
township/street → village/community. Codes follow GB/T 2260 (six digits down to county) and
GB/T 10114 (nine digits for townships, twelve for villages).
"""

import datetime as dt
import re

LEVELS = ("province", "city", "county", "township", "village")
CODE_LENGTHS = {"province": 6, "city": 6, "county": 6, "township": 9, "village": 12}
# How many leading digits a child's code shares with its parent's.
SHARED_PREFIX = {"province": 2, "city": 4, "county": 6, "township": 9}
# The level of region each kind of service point sits in (DOMAIN.md, "Organisation").
SERVICE_POINT_LEVEL = {
    "city_centre": "city",
    "county_station": "county",
    "township_station": "township",
    "community_room": "village",
}
# The kinds that are stations or rooms (社工站、社工室), each with a page on the public site:
# every kind but the city guidance centre.
STATION_KINDS = ("county_station", "township_station", "community_room")


def child_level(level: str) -> str | None:
    """The level directly below `level`, or None below a village."""
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


def region_code_problem(
    *, code: str, level: str, parent_code: str | None, parent_level: str | None
):
    """Why `code` cannot name a region at `level` under the given parent, or None when it can.

    Returns one of "digits", "length", "province_suffix", "city_suffix", "parent_level",
    "parent_prefix", "root_level".
    """
    if not re.fullmatch(r"\d+", code or ""):
        return "digits"
    if len(code) != CODE_LENGTHS[level]:
        return "length"
    if level == "province" and not code.endswith("0000"):
        return "province_suffix"
    if level == "city" and not code.endswith("00"):
        return "city_suffix"
    if parent_level is None:
        return None if level == "province" else "root_level"
    if child_level(parent_level) != level:
        return "parent_level"
    if code[: SHARED_PREFIX[parent_level]] != parent_code[: SHARED_PREFIX[parent_level]]:
        return "parent_prefix"
    return None


def service_point_fits_region(*, kind: str, region_level: str) -> bool:
    """A city centre sits in a city, a county station in a county, and so on."""
    return SERVICE_POINT_LEVEL[kind] == region_level


def years_of_experience(*, spans: list[tuple[dt.date, dt.date | None]], today: dt.date) -> float:
    """Years covered by position spans, overlaps counted once (the person page).

    A span without an end runs to `today`.
    """
    intervals = sorted((start, min(end or today, today)) for start, end in spans if start <= today)
    days = 0
    current_start = current_end = None
    for start, end in intervals:
        if current_end is None or start > current_end:
            if current_end is not None:
                days += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        days += (current_end - current_start).days
    return round(days / 365.25, 2)


def retention_cutoff(*, today: dt.date, years: int) -> dt.date:
    """The last day a position may have ended for its person's data to be anonymised: `years`
    whole years before `today` (29 February falls back to the 28th)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def pseudonym(*, digest: str) -> str:
    """The stable name an anonymised person is shown under, from a keyed digest of their id."""
    return f"匿名人员-{digest[:8].upper()}"
