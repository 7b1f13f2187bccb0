"""Region dashboards: the share of people meeting each person rule, by station or sub-region.

Built from a constant number of grouped queries whatever the region's size: positions, levels,
rules, training minutes and supervision minutes, then evaluated in memory with the same code
as a single person's page (evaluation.person_results). Rules counted over a person's
registration period (R22) appear on personal pages only.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from credentials.models import Qualification
from directory.models import Person, Position, Region, ServicePoint
from lms import selectors as lms_selectors
from quotas import evaluation, rules
from quotas.models import PolicyRule
from quotas.station_facts import station_facts
from supervision import selectors as supervision_selectors

STATUSES = (rules.MET, rules.ON_TRACK, rules.AT_RISK, rules.BEHIND)


@dataclass
class Tally:
    """How many applicable people are in each status, for one rule."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def met_percent(self) -> int | None:
        return self.counts[rules.MET] * 100 // self.total if self.total else None

    def add(self, status: str) -> None:
        self.counts[status] += 1


@dataclass
class Row:
    """A station or a sub-region: its people and each rule's tally."""

    key: int
    name: str
    kind: str  # "station" or "region"
    people: int = 0
    tallies: dict[int, Tally] = field(default_factory=lambda: defaultdict(Tally))


@dataclass
class Dashboard:
    region: Region
    year: int
    rules: list[PolicyRule]
    totals: dict[int, Tally]
    rows: list[Row]
    people: int
    station_rules: set[int] = field(default_factory=set)  # tallied over stations, not people


def _rules_around(region: Region, on: dt.date) -> list[PolicyRule]:
    """Rules of the region, the regions above it and below it, in force on `on`."""
    above = [region.path[:end] for end in range(4, len(region.path) + 1, 4)]
    return list(
        PolicyRule.objects.filter(
            Q(region__isnull=True)
            | Q(region__path__in=above)
            | Q(region__path__startswith=region.path)
        )
        .filter(in_force_from__lte=on)
        .filter(Q(in_force_until__isnull=True) | Q(in_force_until__gte=on))
        .select_related("pack", "region")
        .order_by("region__depth", "pack__name", "code")
    )


@dataclass(frozen=True)
class Placed:
    """A person evaluated for a dashboard: where they work, and their results."""

    person_id: int
    point_id: int
    point_name: str
    path: str
    results: list


def people_results(
    *, current, region: Region, year: int, today: dt.date, with_sentences: bool = True
) -> list[Placed]:
    """Evaluate the calendar-year person rules of everyone in `current` (a Position queryset
    of current positions) with five grouped queries, whatever their number."""
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, starts_on), ends_on)
    placed = list(
        current.values_list(
            "person_id",
            "role",
            "service_point_id",
            "service_point__name",
            "service_point__region__path",
        ).order_by("person_id", "pk")
    )
    people = Person.objects.filter(pk__in=current.values("person_id"))
    levels: dict[int, set[str]] = defaultdict(set)
    for person_id, level in Qualification.objects.filter(person__in=people).values_list(
        "person_id", "level"
    ):
        levels[person_id].add(level)
    rule_list = _rules_around(region, on)
    # The yearly summaries equal the rows from 1 January to today: credits are dated on or
    # before the day they are written, and only sessions that have started count as held.
    training = lms_selectors.people_year_minutes(people=people, year=year)
    received = supervision_selectors.received_by_people_year(people=people, year=year)
    first_place: dict[int, tuple[int, str, str]] = {}
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role, point_id, point_name, path in placed:
        roles[person_id].add(role)
        first_place.setdefault(person_id, (point_id, point_name, path))
    evaluated = []
    for person_id, (point_id, point_name, path) in first_place.items():
        applicable = [r for r in rule_list if r.region is None or path.startswith(r.region.path)]
        results = evaluation.person_results(
            rule_list=applicable,
            roles=roles[person_id],
            levels=levels[person_id],
            training=training.get(person_id, {}),
            received=received.get(person_id, {}),
            year=year,
            today=today,
            with_sentences=with_sentences,
        )
        evaluated.append(Placed(person_id, point_id, point_name, path, results))
    return evaluated


def _current(year: int, today: dt.date, **where):
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, starts_on), ends_on)
    return Position.objects.filter(starts_on__lte=on, **where).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def region_dashboard(*, region: Region, year: int, today: dt.date) -> Dashboard:
    current = _current(year, today, service_point__region__path__startswith=region.path)
    evaluated = people_results(
        current=current, region=region, year=year, today=today, with_sentences=False
    )
    by_station = region.level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
    child_names = _child_names(region, {p.path for p in evaluated}, by_station)
    rows: dict[int, Row] = {}
    totals: dict[int, Tally] = defaultdict(Tally)
    used: set[int] = set()
    rule_list: dict[int, PolicyRule] = {}
    for placed in evaluated:
        row = _row_for(
            rows, by_station, placed.point_id, placed.point_name, placed.path, region, child_names
        )
        row.people += 1
        for result in placed.results:
            used.add(result.rule.pk)
            rule_list.setdefault(result.rule.pk, result.rule)
            totals[result.rule.pk].add(result.status)
            row.tallies[result.rule.pk].add(result.status)
    station_rules = _tally_stations(region, year, today, by_station, child_names, rows, totals)
    for rule in station_rules.values():
        rule_list.setdefault(rule.pk, rule)
    ordered = sorted(
        rule_list.values(),
        key=lambda r: (r.region.depth if r.region else 0, r.pack.name, r.code),
    )
    return Dashboard(
        region=region,
        year=year,
        rules=ordered,
        totals=totals,
        rows=sorted(rows.values(), key=lambda row: row.name),
        people=len(evaluated),
        station_rules=set(station_rules),
    )


def _tally_stations(region, year, today, by_station, child_names, rows, totals) -> dict:
    """Station rules (staffing, R4, R9, R18 …) counted over the stations below the region."""
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, starts_on), ends_on)
    below = ServicePoint.objects.filter(region__path__startswith=region.path)
    points = list(below.values_list("pk", "name", "kind", "region__path"))
    facts = station_facts(points=below.values("pk"), year=year, on=on)
    rule_list = _rules_around(region, on)
    if not by_station:
        child_names.update(_child_names(region, {path for *_, path in points}, False))
    used: dict[int, PolicyRule] = {}
    for pk, name, kind, path in points:
        applicable = [r for r in rule_list if r.region is None or path.startswith(r.region.path)]
        results = evaluation.station_results(
            rule_list=applicable,
            kind=kind,
            facts=facts[pk],
            year=year,
            today=today,
            with_sentences=False,
        )
        counted = [r for r in results if r.status != rules.NOT_APPLICABLE]
        if not counted:
            continue
        row = _row_for(rows, by_station, pk, name, path, region, child_names)
        for result in counted:
            used[result.rule.pk] = result.rule
            totals[result.rule.pk].add(result.status)
            row.tallies[result.rule.pk].add(result.status)
    return used


def station_people(*, service_point, year: int, today: dt.date) -> list[Placed]:
    """The staff of one station with their results, in the same constant number of queries."""
    current = _current(year, today, service_point=service_point)
    return people_results(current=current, region=service_point.region, year=year, today=today)


def _child_names(region: Region, paths: set[str], by_station: bool) -> dict[str, tuple[int, str]]:
    if by_station:
        return {}
    child_paths = {path[: len(region.path) + 4] for path in paths}
    return {
        path: (pk, name)
        for pk, path, name in Region.objects.filter(path__in=child_paths).values_list(
            "pk", "path", "name"
        )
    }


def _row_for(rows, by_station, point_id, point_name, path, region, child_names) -> Row:
    if by_station:
        key, name, kind = point_id, point_name, "station"
    else:
        key, name = child_names[path[: len(region.path) + 4]]
        kind = "region"
    if key not in rows:
        rows[key] = Row(key=key, name=name, kind=kind)
    return rows[key]
