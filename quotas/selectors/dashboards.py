"""Region dashboards: the share of people meeting each person rule, by station or sub-region.

Built from a fixed number of bulk reads whatever the region's size (`facts`: staff with their
qualifications and yearly totals, stations with their counts, each from the app that owns them)
and the rules in memory (`rulebook`), then evaluated with the same code as a single person's
page (`rule_results.YearRules`). Rules counted over a person's registration period (R22) appear
on personal pages only.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core import units
from directory import selectors as directory_selectors
from directory.models import Region
from quotas import rules
from quotas.models import PolicyRule
from quotas.selectors import progress_chart, rule_results, rulebook
from quotas.selectors.facts import Scope, StaffRow, staff_rows, station_facts, station_rows

STATUSES = (rules.MET, rules.ON_TRACK, rules.AT_RISK, rules.BEHIND, rules.ADVISORY)
# Best first: the order in which a tally's people are lined up for its typical status.
RANKED = (rules.MET, rules.ON_TRACK, rules.ADVISORY, rules.AT_RISK, rules.BEHIND)
WORST_COUNT = 10


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
class StationScore:
    """One station's results, every (person, rule) and station rule counted once; advisory
    requirements (R1) are left out, since not meeting them is no failure."""

    pk: int
    name: str
    met: int = 0
    counted: int = 0
    behind: int = 0
    status: str = rules.NOT_APPLICABLE  # the worst status among the counted results

    @property
    def met_percent(self) -> int:
        return units.percent(self.met, self.counted) or 0

    def add(self, status: str, count: int = 1) -> None:
        if status == rules.ADVISORY:
            return
        self.counted += count
        if status == rules.MET:
            self.met += count
        elif status == rules.BEHIND:
            self.behind += count
        if self.status == rules.NOT_APPLICABLE or RANKED.index(status) > RANKED.index(self.status):
            self.status = status


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
    by sub-region, and by station for the worst stations: two queries for the facts, one for
    the sub-regions' names. `with_months` adds the month-by-month chart of a county's or a
    township's people (`progress_chart.month_columns`, three more queries)."""
    on = _on(year, today)
    year_rules = year_rules_around(region, year, today, with_sentences=False)
    scope = Scope(region_path=region.path)
    staff = staff_rows(scope=scope, on=on, year=year, keys=year_rules.amount_keys())
    stations = station_rows(scope=scope, on=on, year=year)
    by_station = region.level in (Region.Level.COUNTY, Region.Level.TOWNSHIP)
    child_names = _child_names(region, {station.path for station in stations}, by_station)
    rows: dict[int, Row] = {}
    totals: dict[int, Tally] = defaultdict(Tally)
    placed = _placed(staff)
    # Counted flat first, tallied once: this loop runs for every person of the region.
    counts: Counter[tuple[int, int, str]] = Counter()
    by_station_status: Counter[tuple[int, str]] = Counter()
    scores: dict[int, StationScore] = {}
    row_of: dict[int, Row] = {}
    for person, roles in placed:
        row = row_of.get(person.point_id)
        if row is None:
            row = row_of[person.point_id] = _row_for(
                rows,
                by_station,
                person.point_id,
                person.point_name,
                person.path,
                region,
                child_names,
            )
            scores[person.point_id] = StationScore(person.point_id, person.point_name)
        row.people += 1
        for rule, status, _achieved, _pending in year_rules.person_statuses(
            path=person.path, roles=roles, levels=person.levels, amounts=person.amounts
        ):
            counts[row.key, rule.id, status] += 1
            by_station_status[person.point_id, status] += 1
    for (key, rule_id, status), count in counts.items():
        rows[key].tallies[rule_id].counts[status] += count
        totals[rule_id].counts[status] += count
    for (point_id, status), count in by_station_status.items():
        scores[point_id].add(status, count)
    # Station rules (staffing, R4, R9, R18 …) are counted over the stations below the region.
    facts = station_facts(staff, stations)
    station_rules: set[int] = set()
    for station in stations:
        counted = [
            result
            for result in year_rules.station(
                path=station.path,
                kind=station.kind,
                demonstration=station.demonstration,
                facts=facts[station.pk],
            )
            if result.status != rules.NOT_APPLICABLE
        ]
        if not counted:
            continue
        row = _row_for(
            rows, by_station, station.pk, station.name, station.path, region, child_names
        )
        score = scores.setdefault(station.pk, StationScore(station.pk, station.name))
        for result in counted:
            station_rules.add(result.rule.pk)
            totals[result.rule.pk].add(result.status)
            row.tallies[result.rule.pk].add(result.status)
            score.add(result.status)
    months = (
        progress_chart.month_columns(placed=placed, year_rules=year_rules, year=year, today=today)
        if with_months and by_station
        else []
    )
    return Dashboard(
        region=region,
        year=year,
        rules=[rule for rule in year_rules.rules if rule.pk in totals],
        totals=totals,
        rows=sorted(rows.values(), key=lambda row: row.name),
        people=len(placed),
        station_rules=station_rules,
        scores=list(scores.values()),
        months=months,
    )


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


def _child_names(region: Region, paths: set[str], by_station: bool) -> dict[str, tuple[int, str]]:
    if by_station:
        return {}
    child_paths = {path[: len(region.path) + 4] for path in paths}
    return {
        path: (pk, name)
        for pk, path, name in directory_selectors.regions_at(paths=child_paths).values_list(
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
