"""Region dashboards: the share of people meeting each person rule, by station or sub-region.

Built from a constant number of grouped queries whatever the region's size: positions, levels,
rules, training minutes and supervision minutes, then evaluated in memory with the same code
as a single person's page (evaluation.YearRules). Rules counted over a person's
registration period (R22) appear on personal pages only.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from credentials.models import Qualification
from directory.models import Person, Position, Region, ServicePoint
from lms import selectors as lms_selectors
from quotas import evaluation, rulebook, rules
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


@dataclass(frozen=True)
class Placed:
    """A person evaluated for a dashboard: where they work, and their results."""

    person_id: int
    point_id: int
    point_name: str
    path: str
    results: list


def year_rules_around(
    region: Region, year: int, today: dt.date, *, with_sentences: bool = True
) -> evaluation.YearRules:
    """The rules a region's dashboard evaluates in `year`, prepared once (evaluation.YearRules)."""
    on = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    return evaluation.YearRules(
        rulebook.rules_around(region.path, on),
        year=year,
        today=today,
        with_sentences=with_sentences,
    )


def people_results(*, current, year_rules: evaluation.YearRules) -> list[Placed]:
    """Evaluate the calendar-year person rules of everyone in `current` (a Position queryset
    of current positions) with five grouped queries, whatever their number."""
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
    amounts = _people_amounts(people, year_rules.year, year_rules.amount_keys())
    first_place: dict[int, tuple[int, str, str]] = {}
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role, point_id, point_name, path in placed:
        roles[person_id].add(role)
        first_place.setdefault(person_id, (point_id, point_name, path))
    return [
        Placed(
            person_id,
            point_id,
            point_name,
            path,
            year_rules.person(
                path=path,
                roles=roles[person_id],
                levels=levels[person_id],
                amounts=amounts.get(person_id, {}),
            ),
        )
        for person_id, (point_id, point_name, path) in first_place.items()
    ]


def _people_amounts(people, year: int, keys: set[tuple[str, str, str]]) -> dict[int, dict]:
    """Person id → `amount_key` → (achieved, pending) for the keys the rules use, from the
    yearly summaries in two queries. The summaries equal the rows from 1 January to today:
    credits are dated on or before the day they are written, and only sessions that have
    started count as held."""
    training_keys = sorted((kind, level) for source, kind, level in keys if source == "training")
    levels = sorted(level for source, _kind, level in keys if source == "supervision")
    amounts: dict[int, dict] = defaultdict(dict)
    training = lms_selectors.people_year_totals(people=people, year=year, filters=training_keys)
    for person_id, totals in training.items():
        for (kind, level), minutes in totals.items():
            amounts[person_id]["training", kind, level] = (minutes, 0)
    received = supervision_selectors.received_year_totals(people=people, year=year, levels=levels)
    for person_id, totals in received.items():
        for level, parts in totals.items():
            amounts[person_id]["supervision", "", level] = parts
    return amounts


def _current(year: int, today: dt.date, **where):
    starts_on, ends_on = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, starts_on), ends_on)
    return Position.objects.filter(starts_on__lte=on, **where).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )


def region_dashboard(*, region: Region, year: int, today: dt.date) -> Dashboard:
    on = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
    year_rules = year_rules_around(region, year, today, with_sentences=False)
    below = ServicePoint.objects.filter(region__path__startswith=region.path)
    points = list(below.values_list("pk", "name", "kind", "region__path"))
    by_station = region.level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
    child_names = _child_names(region, {path for *_, path in points}, by_station)
    rows: dict[int, Row] = {}
    totals: dict[int, Tally] = defaultdict(Tally)
    current = _current(year, today, service_point__region__path__startswith=region.path)
    evaluated = people_results(current=current, year_rules=year_rules)
    for placed in evaluated:
        row = _row_for(
            rows, by_station, placed.point_id, placed.point_name, placed.path, region, child_names
        )
        row.people += 1
        for result in placed.results:
            totals[result.rule.pk].add(result.status)
            row.tallies[result.rule.pk].add(result.status)
    # Station rules (staffing, R4, R9, R18 …) are counted over the stations below the region.
    facts = station_facts(points=below.values("pk"), year=year, on=on)
    station_rules: set[int] = set()
    for pk, name, kind, path in points:
        counted = [
            result
            for result in year_rules.station(path=path, kind=kind, facts=facts[pk])
            if result.status != rules.NOT_APPLICABLE
        ]
        if not counted:
            continue
        row = _row_for(rows, by_station, pk, name, path, region, child_names)
        for result in counted:
            station_rules.add(result.rule.pk)
            totals[result.rule.pk].add(result.status)
            row.tallies[result.rule.pk].add(result.status)
    return Dashboard(
        region=region,
        year=year,
        rules=[rule for rule in year_rules.rules if rule.pk in totals],
        totals=totals,
        rows=sorted(rows.values(), key=lambda row: row.name),
        people=len(evaluated),
        station_rules=station_rules,
    )


def station_people(*, service_point, year: int, today: dt.date) -> list[Placed]:
    """The staff of one station with their results, in the same constant number of queries."""
    current = _current(year, today, service_point=service_point)
    return people_results(
        current=current, year_rules=year_rules_around(service_point.region, year, today)
    )


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
