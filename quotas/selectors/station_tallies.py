"""Station tallies: every person and station rule evaluated once per station, for the rollups.

A region dashboard is the sum of its stations' tallies, so each station is evaluated on its own
and the sums are kept (`quotas.services.tallies`). One evaluation path serves all: the facts are
read in bulk for a scope (`facts`) and the rules prepared once (`rule_results.YearRules`). Each
person is counted once, at their first current position (wherever the others are), with the
roles of all of them; a station's own rules are judged on everyone working there.
"""

import datetime as dt
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from core import units
from directory import selectors as directory_selectors
from quotas import rules
from quotas.selectors import rule_results, rulebook
from quotas.selectors.facts import Scope, staff_rows, station_facts, station_rows

STATUSES = (rules.MET, rules.ON_TRACK, rules.AT_RISK, rules.BEHIND, rules.ADVISORY)
# Best first: the order in which a tally's people are lined up for its typical status.
RANKED = (rules.MET, rules.ON_TRACK, rules.ADVISORY, rules.AT_RISK, rules.BEHIND)
STEP = 4  # the region tree's path step (treebeard)


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
class StationCount:
    """One station's tally: where it is counted, its people, how many of them are in each
    status of each person rule, the status of each of its own rules counted, and its score."""

    path: str
    score: StationScore
    people: int = 0
    tallies: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    station_results: dict[int, str] = field(default_factory=dict)

    def counts(self) -> Counter:
        """(rule id, status) → count, person and station rules together: what it adds to the
        regions above it."""
        counted = Counter(
            {(rule, status): n for rule, by in self.tallies.items() for status, n in by.items()}
        )
        counted.update((rule, status) for rule, status in self.station_results.items())
        return counted


def as_of_day(year: int, today: dt.date) -> dt.date:
    """The day a year's statuses are judged on: today, or the year's last day once it is over
    (nothing changes after it)."""
    return min(today, dt.date(year, 12, 31))


def station_tallies(*, scope: Scope, year: int, today: dt.date) -> dict[int, StationCount]:
    """Service point id → its tally in `year` as of `today`, for every service point of the
    scope: seven grouped queries whatever the number of stations."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    on = min(max(today, first), last)
    stations = station_rows(scope=scope, on=on, year=year)
    # The rules around the region holding every station: only what they add up is read.
    around = os.path.commonprefix([station.path for station in stations])
    year_rules = rule_results.YearRules(
        rulebook.rules_around(around[: len(around) - len(around) % STEP], first, last),
        year=year,
        today=today,
        with_sentences=False,
    )
    staff = staff_rows(scope=scope, on=on, year=year, keys=year_rules.amount_keys())
    placed_at, roles = _placements(scope, on)
    counts = {
        station.pk: StationCount(path=station.path, score=StationScore(station.pk, station.name))
        for station in stations
    }
    statuses: dict[int, Counter] = defaultdict(Counter)
    seen: set[int] = set()
    for row in staff:
        if row.person_id in seen or placed_at[row.person_id] != row.point_id:
            continue
        seen.add(row.person_id)
        count = counts[row.point_id]
        count.people += 1
        for rule, status, _achieved, _pending in year_rules.person_statuses(
            path=row.path, roles=roles[row.person_id], levels=row.levels, amounts=row.amounts
        ):
            count.tallies[rule.pk][status] += 1
            statuses[row.point_id][status] += 1
    for point_id, by_status in statuses.items():
        for status, n in by_status.items():
            counts[point_id].score.add(status, n)
    facts = station_facts(staff, stations)
    for station in stations:
        count = counts[station.pk]
        for result in year_rules.station(
            path=station.path,
            kind=station.kind,
            demonstration=station.demonstration,
            facts=facts[station.pk],
        ):
            if result.status != rules.NOT_APPLICABLE:
                count.station_results[result.rule.pk] = result.status
                count.score.add(result.status)
    return counts


def _placements(scope: Scope, on: dt.date) -> tuple[dict[int, int], dict[int, set[str]]]:
    """Where each person working in the scope is counted (the service point of their first
    current position, anywhere) and the roles of all their current positions."""
    people = directory_selectors.current_positions(on=on, **scope.where()).values("person_id")
    placed_at: dict[int, int] = {}
    roles: dict[int, set[str]] = defaultdict(set)
    for person_id, role, point_id in directory_selectors.positions_of_people_on(
        on=on, people=people
    ):
        placed_at.setdefault(person_id, point_id)
        roles[person_id].add(role)
    return placed_at, roles
