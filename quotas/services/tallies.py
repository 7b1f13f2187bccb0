"""Keeping the station and region tallies (`StationTally`, `RegionTally`) exact.

What a tally counts changes when a fact does: the services that keep the yearly summaries send
`core.signals.facts_changed`, and saves of the directory, credentials, supervision and policy
rows are received too (`quotas.receivers`); both mark the stations concerned `stale` (one
UPDATE). A read refreshes what is stale below its region first (`tallies_refresh_for_read`):
each stale or missing station is counted again (`station_tallies`, in bulk) and every region
above it gets the difference (new − old) under a row lock, so one worker's credit recounts one
station, not the province. Statuses depend on the day, so a tally judged on another day is
counted again too. A read never counts more than `TALLIES_COUNTED_IN_READ` stations: beyond
that (a province's first read of a new day, a rule edited for a whole city) the stations are
counted by background tasks, `CHUNK` stations each, and the read shows the tallies as they
stand, saying so. A nightly schedule recounts everything the same way, and a task started
after each change (debounced) repairs stale stations, so reads usually find them clean. A
region row marked `stale` is summed again from its stations.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django_q.tasks import async_task

from directory import selectors as directory_selectors
from quotas.models import RegionTally, StationTally
from quotas.selectors.facts import Scope
from quotas.selectors.station_tallies import as_of_day, station_tallies

STEP = 4  # the region tree's path step (treebeard)
BATCH = 100  # rows per bulk UPDATE: its CASE grows with the batch, for every row
CHUNK = 200  # stations counted in one transaction (and one background task)
REFRESH_KEY = "quotas:tallies-refresh-queued"
QUEUED_KEY = "quotas:tallies-recount-queued:{year}:{region_path}"
QUEUED_FOR = 300  # seconds: a region's recount is queued once in that time
STATION_FIELDS = [
    "path",
    "people",
    "tallies",
    "station_results",
    "met",
    "counted",
    "behind",
    "met_percent",
    "status",
    "as_of",
    "stale",
    "computed_at",
]
REGION_FIELDS = ["people", "tallies", "as_of", "stale", "computed_at"]


def ancestors(path: str) -> list[str]:
    """The paths of a region and of every region above it."""
    return [path[:end] for end in range(STEP, len(path) + 1, STEP)]


class Changes:
    """What to add to regions: people and (rule id, status) counts by region path."""

    def __init__(self):
        self.people: Counter = Counter()
        self.counts: dict[str, Counter] = defaultdict(Counter)

    def add(self, path: str, people: int, counts: Counter, sign: int) -> None:
        for above in ancestors(path):
            self.people[above] += sign * people
            change = self.counts[above]
            for key, n in counts.items():
                change[key] += sign * n

    def paths(self) -> set[str]:
        return set(self.people) | set(self.counts)


def _station_counts(row: StationTally) -> Counter:
    """What a stored station tally adds to the regions above it, as `StationCount.counts`."""
    counts = Counter(
        {(int(rule), status): n for rule, by in row.tallies.items() for status, n in by.items()}
    )
    counts.update((int(rule), status) for rule, status in row.station_results.items())
    return counts


def _as_json(counts: Counter) -> dict[str, dict[str, int]]:
    tallies: dict[str, dict[str, int]] = {}
    for (rule, status), n in sorted(counts.items()):
        if n:
            tallies.setdefault(str(rule), {})[status] = n
    return tallies


def region_counts(tally: RegionTally) -> Counter:
    return Counter(
        {(int(rule), status): n for rule, by in tally.tallies.items() for status, n in by.items()}
    )


# Marking stale.


def tallies_mark_stale(
    *,
    person_ids: Iterable[int] = (),
    service_point_ids: Iterable[int] = (),
    region_path: str | None = None,
    year: int | None = None,
) -> int:
    """Mark the station tallies that count these people (wherever they work or worked in the
    year), these stations or every station below `region_path` stale, in `year` or any year;
    a refresh is queued once the transaction commits. Returns the rows marked."""
    concerned = Q(pk__in=[])
    person_ids, service_point_ids = list(person_ids), list(service_point_ids)
    if person_ids:
        since = dt.date(year, 1, 1) if year else None
        concerned |= Q(
            service_point_id__in=directory_selectors.service_points_worked_at(
                people=person_ids, since=since
            )
        )
    if service_point_ids:
        concerned |= Q(service_point_id__in=service_point_ids)
    if region_path is not None:
        concerned |= Q(path__startswith=region_path) | Q(
            service_point__region__path__startswith=region_path
        )
    rows = StationTally.objects.filter(concerned, stale=False)
    if year is not None:
        rows = rows.filter(year=year)
    marked = rows.update(stale=True)
    if marked and cache.add(REFRESH_KEY, True, timeout=300):
        transaction.on_commit(partial(async_task, "quotas.tasks.tallies_refresh_stale"))
    return marked


def region_tallies_mark_stale(*, region_path: str) -> int:
    """Mark the region tallies of a region and those above it stale (summed again from their
    stations on the next read): after a station below them is deleted."""
    return RegionTally.objects.filter(region__path__in=ancestors(region_path)).update(stale=True)


# Refreshing.


def stations_due(*, region_path: str, year: int, today: dt.date) -> list[int]:
    """The stations below `region_path` whose tally for `year` is stale, missing, judged on
    another day or counted under another region, and those counted below it that are stale
    (two queries)."""
    as_of = as_of_day(year, today)
    clean = StationTally.objects.filter(
        year=year,
        stale=False,
        as_of=as_of,
        service_point=OuterRef("pk"),
        path=OuterRef("region__path"),
    )
    due = set(
        directory_selectors.service_points_in(region_path=region_path)
        .filter(~Exists(clean))
        .values_list("pk", flat=True)
    )
    due.update(
        StationTally.objects.filter(year=year, path__startswith=region_path)
        .exclude(stale=False, as_of=as_of)
        .values_list("service_point_id", flat=True)
    )
    return sorted(due)


def tallies_refresh(*, region_path: str, year: int, today: dt.date) -> int:
    """Count again, here and now, every station due below `region_path` (`stations_due`), a
    chunk at a time; the regions above them get the difference. Returns the stations counted."""
    due = stations_due(region_path=region_path, year=year, today=today)
    tallies_recount(due, year=year, today=today)
    return len(due)


def tallies_refresh_for_read(*, region_path: str, year: int, today: dt.date) -> bool:
    """What a dashboard does before it reads: count the stations due below its region here if
    they are few (`TALLIES_COUNTED_IN_READ`), else queue them for the background workers (once
    per region and year in `QUEUED_FOR` seconds). Returns whether counting was left to the
    background, so that the page can say its figures are about to change."""
    due = stations_due(region_path=region_path, year=year, today=today)
    if len(due) <= settings.TALLIES_COUNTED_IN_READ:
        tallies_recount(due, year=year, today=today)
        return False
    if cache.add(QUEUED_KEY.format(year=year, region_path=region_path), True, QUEUED_FOR):
        tallies_queue(due, year=year)
    return True


def tallies_queue(point_ids: list[int], *, year: int) -> int:
    """Queue the recount of these stations' tallies for `year`, one task per `CHUNK` stations
    (the workers count chunks side by side, each well inside the task timeout). Returns the
    tasks queued."""
    chunks = [point_ids[at : at + CHUNK] for at in range(0, len(point_ids), CHUNK)]
    for chunk in chunks:
        async_task("quotas.tasks.tallies_recount", chunk, year, group="tallies")
    return len(chunks)


def tallies_refresh_stale(*, today: dt.date) -> int:
    """Count again every stale station tally, year by year (the queued task): here when a
    year's stale stations fit in one chunk, else queued a chunk per task, so that a rule edited
    for a whole province never makes one task run past the timeout."""
    cache.delete(REFRESH_KEY)
    stale = StationTally.objects.filter(stale=True).values_list("year", "service_point_id")
    by_year: dict[int, list[int]] = defaultdict(list)
    for year, point_id in stale:
        by_year[year].append(point_id)
    for year, point_ids in sorted(by_year.items()):
        if len(point_ids) <= CHUNK:
            tallies_recount(sorted(point_ids), year=year, today=today)
        else:
            tallies_queue(sorted(point_ids), year=year)
    return sum(len(point_ids) for point_ids in by_year.values())


def tallies_recount(point_ids: list[int], *, year: int, today: dt.date) -> None:
    """Count these stations again, `CHUNK` at a time, each chunk in its own transaction (a
    crash keeps the chunks already counted; the rest stay due)."""
    for at in range(0, len(point_ids), CHUNK):
        _recount(point_ids[at : at + CHUNK], year=year, today=today)


@transaction.atomic
def _recount(point_ids: list[int], *, year: int, today: dt.date) -> None:
    """Count the stations again under a lock on their tallies, then add the differences to the
    regions above them (old counts taken off where they were counted, new ones added where the
    stations are now). A station deleted since it was queued is skipped."""
    existing = directory_selectors.service_points_in(service_point_ids=point_ids)
    StationTally.objects.bulk_create(
        [
            StationTally(service_point_id=pk, year=year)
            for pk in existing.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    rows = list(
        StationTally.objects.select_for_update()
        .filter(year=year, service_point_id__in=point_ids)
        .order_by("service_point_id")
    )
    counted = station_tallies(
        scope=Scope(service_point_ids=tuple(point_ids)), year=year, today=today
    )
    as_of, now = as_of_day(year, today), timezone.now()
    changes = Changes()
    for row in rows:
        new = counted.get(row.service_point_id)
        if new is None:  # deleted meanwhile: its row goes with it
            continue
        changes.add(row.path, row.people, _station_counts(row), -1)
        changes.add(new.path, new.people, new.counts(), 1)
        score = new.score
        row.path, row.people = new.path, new.people
        row.tallies = {str(rule): dict(by) for rule, by in new.tallies.items()}
        row.station_results = {str(rule): status for rule, status in new.station_results.items()}
        row.met, row.counted, row.behind = score.met, score.counted, score.behind
        row.met_percent, row.status = score.met_percent, score.status
        row.as_of, row.stale, row.computed_at = as_of, False, now
    StationTally.objects.bulk_update(rows, STATION_FIELDS, batch_size=BATCH)
    _regions_apply(changes, year=year, as_of=as_of, now=now)


def region_tallies_sum(*, region_paths: Iterable[str], year: int, today: dt.date) -> None:
    """Create the missing and sum again the stale region tallies at these paths."""
    changes = Changes()
    for path in region_paths:
        changes.people[path] += 0  # no change: only created or summed
    with transaction.atomic():
        _regions_apply(changes, year=year, as_of=as_of_day(year, today), now=timezone.now())


def _regions_apply(changes: Changes, *, year: int, as_of: dt.date, now: dt.datetime) -> None:
    """Add the changes to the region tallies at their paths, under a lock; a missing or stale
    region tally is summed from its stations instead (which already hold their new counts)."""
    paths = changes.paths()
    regions = dict(directory_selectors.regions_at(paths=paths).order_by().values_list("pk", "path"))
    RegionTally.objects.bulk_create(
        [RegionTally(region_id=pk, year=year) for pk in regions], ignore_conflicts=True
    )
    tallies = list(
        RegionTally.objects.select_for_update()
        .filter(year=year, region_id__in=regions)
        .order_by("region_id")
    )
    resummed = _sums([regions[t.region_id] for t in tallies if t.stale], year=year)
    for tally in tallies:
        path = regions[tally.region_id]
        if tally.stale:
            tally.people, counts = resummed.people[path], resummed.counts[path]
        else:
            tally.people += changes.people[path]
            counts = region_counts(tally)
            counts.update(changes.counts[path])
        tally.tallies = _as_json(counts)
        tally.as_of, tally.stale, tally.computed_at = as_of, False, now
    RegionTally.objects.bulk_update(tallies, REGION_FIELDS, batch_size=BATCH)


def _sums(paths: list[str], *, year: int) -> Changes:
    """The sums of the station tallies below each of `paths` (one query)."""
    sums = Changes()
    if not paths:
        return sums
    wanted = set(paths)
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[:-STEP]
    for row in StationTally.objects.filter(year=year, path__startswith=common):
        counts = _station_counts(row)
        for above in ancestors(row.path):
            if above in wanted:
                sums.people[above] += row.people
                sums.counts[above].update(counts)
    return sums
