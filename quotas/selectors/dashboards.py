"""Region dashboards: the share of people meeting each person rule, by station or sub-region.

Read from the rollups (`StationTally`, `RegionTally`), which are the sums of every station's
evaluation (`station_tallies`: each person and station rule evaluated with the same code as a
single person's page, `rule_results.YearRules`). A read first makes what is stale below the
region exact (`services.tallies.tallies_refresh_for_read`: here when few stations are due, else
in the background, the page saying so), then takes the region's totals, its
sub-regions' or stations' rows and its worst stations from a few rows whatever the region's size.
Rules counted over a person's registration period (R22) appear on personal pages only.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Collate

from core import units
from directory.models import Region
from quotas import rules
from quotas.models import PERSON_MEASURES, REGION_MEASURES, PolicyRule, RegionTally, StationTally
from quotas.selectors import progress_chart, rule_results, rulebook
from quotas.selectors.facts import Scope, StaffRow, staff_rows, station_facts, station_rows
from quotas.selectors.station_tallies import RANKED, STATUSES, StationScore
from quotas.services import tallies as tally_services

WORST_COUNT = 10
SCORE_FIELDS = ("service_point_id", "met_percent", "met", "counted", "behind", "status")
# Names ordered by code point, as Python sorts them, whatever the database's collation.
CODE_POINT_COLLATION = {"postgresql": "C", "sqlite": "BINARY"}


@dataclass
class Tally:
    """How many applicable people are in each status, for one rule."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def met_percent(self) -> int | None:
        return units.percent(self.counts[rules.MET], self.total)

    @property
    def status(self) -> str:
        """The typical status: the best one that at least half the people have reached or
        bettered (the median person's); "n/a" when the rule applies to nobody."""
        seen = 0
        for status in RANKED:
            seen += self.counts[status]
            if 2 * seen >= self.total > 0:
                return status
        return rules.NOT_APPLICABLE

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
    scores: list[StationScore] = field(default_factory=list)
    months: list[progress_chart.MonthColumn] = field(default_factory=list)
    computed_at: dt.datetime | None = None  # when the totals were last counted
    counting: bool = False  # stations below are being counted again in the background

    @property
    def worst_stations(self) -> list[StationScore]:
        """The ten stations with the lowest share of results met; more results behind first
        among equals, then by name. Stations with nothing to count are left out."""
        counted = [score for score in self.scores if score.counted]
        return sorted(counted, key=lambda s: (s.met_percent, -s.behind, s.name, s.pk))[:WORST_COUNT]


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
) -> rule_results.YearRules:
    """The rules a region's dashboard evaluates in `year`, prepared once (`YearRules`)."""
    return rule_results.YearRules(
        rulebook.rules_around(region.path, dt.date(year, 1, 1), dt.date(year, 12, 31)),
        year=year,
        today=today,
        with_sentences=with_sentences,
    )


def _placed(rows: list[StaffRow]) -> list[tuple[StaffRow, set[str]]]:
    """Each person once, at their first current position, with the roles of all of them."""
    first: dict[int, StaffRow] = {}
    roles: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        roles[row.person_id].add(row.role)
        first.setdefault(row.person_id, row)
    return [(row, roles[person_id]) for person_id, row in first.items()]


def people_results(rows: list[StaffRow], year_rules: rule_results.YearRules) -> list[Placed]:
    """Evaluate the calendar-year person rules of everyone in `rows` (from `facts.staff_rows`)."""
    return [
        Placed(
            row.person_id,
            row.point_id,
            row.point_name,
            row.path,
            year_rules.person(path=row.path, roles=roles, levels=row.levels, amounts=row.amounts),
        )
        for row, roles in _placed(rows)
    ]


def _on(year: int, today: dt.date) -> dt.date:
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


def region_dashboard(
    *, region: Region, year: int, today: dt.date, with_months: bool = False
) -> Dashboard:
    """Every person and station rule below `region`, tallied by station (county, township) or
    by sub-region, and the worst stations, from the rollups made exact first (two queries
    when nothing below the region changed, then three or four reads; when many stations are
    due, as they stand while the background counts them, `counting`). `with_months` adds the
    month-by-month chart of a county's or a township's people (`progress_chart.month_columns`:
    the staff's facts and three more queries)."""
    counting = tally_services.tallies_refresh_for_read(
        region_path=region.path, year=year, today=today
    )
    year_rules = year_rules_around(region, year, today, with_sentences=False)
    by_station = region.level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
    own, children = _region_tallies(region, year, today, with_children=not by_station)
    totals = _tallies(own.tallies)
    if by_station:
        rows, scores = _station_rows(region, year)
    else:
        rows = [
            Row(child.region_id, child.region.name, "region", child.people, _tallies(child.tallies))
            for child in children
            if child.people or child.tallies
        ]
        scores = _worst(region, year)
    months = []
    if with_months and by_station:
        staff = staff_rows(
            scope=Scope(region_path=region.path),
            on=_on(year, today),
            year=year,
            keys=year_rules.amount_keys(),
        )
        months = progress_chart.month_columns(
            placed=_placed(staff), year_rules=year_rules, year=year, today=today
        )
    shown = [rule for rule in year_rules.rules if rule.pk in totals]
    return Dashboard(
        region=region,
        year=year,
        rules=shown,
        totals=totals,
        rows=sorted(rows, key=lambda row: row.name),
        people=own.people,
        station_rules={
            rule.pk for rule in shown if rule.measure not in PERSON_MEASURES | REGION_MEASURES
        },
        scores=scores,
        months=months,
        computed_at=own.computed_at,
        counting=counting,
    )


def _tallies(stored: dict) -> dict[int, Tally]:
    """Stored counts ({rule id: {status: n}}) as tallies by rule."""
    return {
        int(rule): Tally(counts={**dict.fromkeys(STATUSES, 0), **by}) for rule, by in stored.items()
    }


def _region_tallies(
    region: Region, year: int, today: dt.date, *, with_children: bool
) -> tuple[RegionTally, list[RegionTally]]:
    """The region's tally and, if asked, its sub-regions' (one query; a missing or stale one is
    summed from its stations first)."""
    wanted = Q(region=region)
    if with_children:
        wanted |= Q(region__path__startswith=region.path, region__depth=region.depth + 1)
    read = lambda: list(  # noqa: E731
        RegionTally.objects.filter(wanted, year=year).select_related("region")
    )
    found = read()
    own = next((tally for tally in found if tally.region_id == region.pk), None)
    stale = [tally.region.path for tally in found if tally.stale]
    if own is None or stale:
        tally_services.region_tallies_sum(
            region_paths={region.path, *stale}, year=year, today=today
        )
        found = read()
        own = next(tally for tally in found if tally.region_id == region.pk)
    return own, [tally for tally in found if tally.region_id != region.pk]


def _station_rows(region: Region, year: int) -> tuple[list[Row], list[StationScore]]:
    """A county's or township's rows, one per station with people or station rules counted,
    and every station's score."""
    rows, scores = [], []
    for tally in StationTally.objects.filter(
        year=year, path__startswith=region.path
    ).select_related("service_point"):
        name = tally.service_point.name
        if tally.people or tally.station_results:
            counted = _tallies(tally.tallies)
            for rule, status in tally.station_results.items():
                counted.setdefault(int(rule), Tally()).add(status)
            rows.append(Row(tally.service_point_id, name, "station", tally.people, counted))
        scores.append(_score(tally, name))
    return rows, scores


def _score(tally: StationTally, name: str) -> StationScore:
    return StationScore(
        tally.service_point_id, name, tally.met, tally.counted, tally.behind, tally.status
    )


def _worst(region: Region, year: int) -> list[StationScore]:
    """The stations below the region with the lowest share of results met, ordered in SQL as
    `Dashboard.worst_stations` orders them."""
    name = Collate("service_point__name", CODE_POINT_COLLATION[connection.vendor])
    worst = (
        StationTally.objects.filter(year=year, path__startswith=region.path, counted__gt=0)
        .select_related("service_point")
        .only(*SCORE_FIELDS, "service_point__name")  # narrow rows: the sort reads every station
        .order_by("met_percent", "-behind", name, "service_point_id")[:WORST_COUNT]
    )
    return [_score(tally, tally.service_point.name) for tally in worst]


def station_board(
    *, service_point, year: int, today: dt.date
) -> tuple[list[rule_results.Result], list[Placed]]:
    """A station's page: its own rules' results and its staff with theirs, from one read of
    the staff and one of the station (the staff rows serve both)."""
    year_rules = year_rules_around(service_point.region, year, today)
    scope, on = Scope(service_point_id=service_point.pk), _on(year, today)
    staff = staff_rows(scope=scope, on=on, year=year, keys=year_rules.amount_keys())
    facts = station_facts(staff, station_rows(scope=scope, on=on, year=year))
    station_results = year_rules.station(
        kind=service_point.kind,
        demonstration=service_point.is_demonstration,
        facts=facts[service_point.pk],
    )
    return station_results, people_results(staff, year_rules)
