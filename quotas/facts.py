"""What the quota rules measure, for many people and stations in two hand-written queries.

A region's dashboard evaluates every person and station below it. Through the ORM that took a
dozen queries whose building and round trips cost more than the database's own work (issue:
quotas, item 7), so two queries answer everything, for one station or a whole province:

- `staff_rows`: each current position in the scope with its person's qualifications and the
  yearly totals the rules add up (training by kind and level, supervision by level);
- `station_rows`: each service point in the scope with its supervision minutes (R9), linked
  experts (R5) and the figures of its filed monthly reports (R17, R18).

Totals come from the yearly summaries, which equal the raw rows from 1 January to today:
credits are dated on or before the day they are written, and only sessions that have started
count as held. `station_facts` turns both into what the station rules measure.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection

from core import units
from credentials.models import Qualification
from quotas import rules
from quotas.models import Measure, MonthlyReport
from supervision.models import Assignment

LEVELS = tuple(Qualification.Level.values)  # lowest first
INTERMEDIATE_OR_ABOVE = frozenset(LEVELS[1:])
FILED = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)
AmountKey = tuple[str, str, str]  # ("training" | "supervision", kind, level); "" for any


@dataclass(frozen=True)
class Scope:
    """Whose facts: the stations of a region subtree, or one station."""

    region_path: str | None = None
    service_point_id: int | None = None

    def where(self) -> tuple[str, dict]:
        if self.service_point_id is not None:
            return "s.id = %(point)s", {"point": self.service_point_id}
        return "r.path LIKE %(path)s", {"path": f"{self.region_path}%"}


class StaffRow(NamedTuple):
    person_id: int
    role: str
    point_id: int
    point_name: str
    path: str
    full_time: bool
    educated: bool  # social-work major (R4)
    levels: frozenset[str]  # qualifications held
    verified: frozenset[str]  # qualifications verified by an administrator
    amounts: dict[AmountKey, tuple[int, int]]  # (achieved, pending) minutes this year, per key


CURRENT = "p.starts_on <= %(on)s AND (p.ends_on IS NULL OR p.ends_on >= %(on)s)"
# The people of the scope, repeated inline (not a CTE) so that the planner estimates each use
# from the tables' statistics: index lookups for a county, one pass over the year for a province.
PEOPLE = f"""
    SELECT p.person_id FROM directory_position p
    JOIN directory_servicepoint s ON s.id = p.service_point_id
    JOIN directory_region r ON r.id = s.region_id
    WHERE {{where}} AND {CURRENT}
"""  # noqa: S608 - constant fragments only; values are query parameters
STAFF_SQL = f"""
SELECT p.person_id, p.role, p.service_point_id, s.name, r.path, p.full_time,
       pe.social_work_major, {{level_names}}{{total_names}}
FROM directory_position p
JOIN directory_servicepoint s ON s.id = p.service_point_id
JOIN directory_region r ON r.id = s.region_id
JOIN directory_person pe ON pe.id = p.person_id
LEFT JOIN (
    SELECT q.person_id, {{level_columns}}
    FROM credentials_qualification q
    WHERE q.person_id IN ({PEOPLE})
    GROUP BY q.person_id
) quals ON quals.person_id = p.person_id
LEFT JOIN (
    SELECT h.person_id{{training_columns}}
    FROM lms_hoursummary h
    WHERE h.year = %(year)s AND h.person_id IN ({PEOPLE})
    GROUP BY h.person_id
) training ON training.person_id = p.person_id
LEFT JOIN (
    SELECT v.person_id{{received_columns}}
    FROM supervision_receivedsummary v
    WHERE v.year = %(year)s AND v.person_id IN ({PEOPLE})
    GROUP BY v.person_id
) received ON received.person_id = p.person_id
WHERE {{where}} AND {CURRENT}
ORDER BY p.person_id, p.id
"""  # noqa: S608 - constant fragments only; values are query parameters


def _condition(column: str, name: str, value: str, params: dict) -> str:
    params[name] = value
    return f"{column} = %({name})s"


def staff_rows(*, scope: Scope, on: dt.date, year: int, keys: set[AmountKey]) -> list[StaffRow]:
    """Every position current on `on` in the scope, with the person's totals for `keys`."""
    where, params = scope.where()
    params.update(on=on, year=year)
    level_columns, level_names = [], []
    for index, level in enumerate(LEVELS):
        held = _condition("q.level", f"level{index}", level, params)
        level_columns += [
            f"MAX(CASE WHEN {held} THEN 1 ELSE 0 END) AS held{index}",
            f"MAX(CASE WHEN {held} AND q.verified_at IS NOT NULL THEN 1 ELSE 0 END) AS ok{index}",
        ]
        level_names += [f"quals.held{index}", f"quals.ok{index}"]
    ordered = sorted(keys)
    training_columns, received_columns, total_names = [], [], []
    for index, (source, kind, level) in enumerate(ordered):
        conditions = []
        if source == "training":
            if kind:
                conditions.append(_condition("h.kind", f"kind{index}", kind, params))
            if level:
                conditions.append(_condition("h.providing_level", f"tl{index}", level, params))
            only = f" FILTER (WHERE {' AND '.join(conditions)})" if conditions else ""
            training_columns.append(f", SUM(h.minutes){only} AS t{index}")
            total_names += [f", COALESCE(training.t{index}, 0)", ", 0"]
        else:
            if level:
                conditions.append(_condition("v.providing_level", f"sl{index}", level, params))
            only = f" FILTER (WHERE {' AND '.join(conditions)})" if conditions else ""
            received_columns += [
                f", SUM(v.confirmed_minutes){only} AS c{index}",
                f", SUM(v.pending_minutes){only} AS p{index}",
            ]
            total_names += [
                f", COALESCE(received.c{index}, 0)",
                f", COALESCE(received.p{index}, 0)",
            ]
    sql = STAFF_SQL.format(
        where=where,
        level_columns=", ".join(level_columns),
        training_columns="".join(training_columns),
        received_columns="".join(received_columns),
        level_names=", ".join(level_names),
        total_names="".join(total_names),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    width = 7 + 2 * len(LEVELS)
    qualified: dict[tuple, tuple[frozenset, frozenset]] = {}  # level flags → (held, verified)
    rows = []
    for row in fetched:
        flags, totals = row[7:width], row[width:]
        if flags not in qualified:
            qualified[flags] = (
                frozenset(level for i, level in enumerate(LEVELS) if flags[2 * i]),
                frozenset(level for i, level in enumerate(LEVELS) if flags[2 * i + 1]),
            )
        rows.append(
            StaffRow(
                *row[:5],
                bool(row[5]),
                bool(row[6]),
                *qualified[flags],
                dict(zip(ordered, zip(totals[0::2], totals[1::2], strict=True), strict=True)),
            )
        )
    return rows


class StationRow(NamedTuple):
    pk: int
    name: str
    kind: str
    path: str
    supervision_minutes: int
    linked_experts: int
    cases: int | None  # None: no filed monthly report this year
    work_hours: int | None
    service_hours: int | None


STATIONS_SQL = """
SELECT s.id, s.name, s.kind, r.path, COALESCE(ss.minutes, 0),
    (SELECT COUNT(*) FROM supervision_assignment a
     WHERE a.service_point_id = s.id AND a.mode = %(linked)s AND a.starts_on <= %(on)s
       AND (a.ended_on IS NULL OR a.ended_on >= %(on)s)),
    (SELECT SUM(m.cases_served) FROM quotas_monthlyreport m
     WHERE m.service_point_id = s.id AND m.month BETWEEN %(first)s AND %(last)s
       AND m.status IN (%(submitted)s, %(accepted)s)),
    (SELECT SUM(m.work_hours) FROM quotas_monthlyreport m
     WHERE m.service_point_id = s.id AND m.month BETWEEN %(first)s AND %(last)s
       AND m.status IN (%(submitted)s, %(accepted)s)),
    (SELECT SUM(m.service_hours) FROM quotas_monthlyreport m
     WHERE m.service_point_id = s.id AND m.month BETWEEN %(first)s AND %(last)s
       AND m.status IN (%(submitted)s, %(accepted)s))
FROM directory_servicepoint s
JOIN directory_region r ON r.id = s.region_id
LEFT JOIN supervision_stationsummary ss ON ss.service_point_id = s.id AND ss.year = %(year)s
WHERE {where}
ORDER BY s.name, s.id
"""


def station_rows(*, scope: Scope, on: dt.date, year: int) -> list[StationRow]:
    """Every service point in the scope with what the system counted for it in `year`."""
    where, params = scope.where()
    params.update(
        on=on,
        year=year,
        first=dt.date(year, 1, 1),
        last=dt.date(year, 12, 31),
        linked=Assignment.Mode.LINKED_EXPERT,
        submitted=FILED[0],
        accepted=FILED[1],
    )
    with connection.cursor() as cursor:
        cursor.execute(STATIONS_SQL.format(where=where), params)
        return [StationRow(*row) for row in cursor.fetchall()]


@dataclass
class StationFacts:
    """What the station rules measure (R1, R2, R4, R5, R9, R18) for one station."""

    staff: set[int] = field(default_factory=set)
    full_time: set[int] = field(default_factory=set)
    educated: set[int] = field(default_factory=set)  # social-work major (R4)
    levels: dict[int, str] = field(default_factory=dict)  # highest verified qualification
    supervision_minutes: int = 0
    linked_experts: int = 0
    cases: int = 0
    work_hours: int = 0
    service_hours: int = 0


def station_facts(staff: list[StaffRow], stations: list[StationRow]) -> dict[int, StationFacts]:
    """Station id → facts, from the rows of `staff_rows` and `station_rows` for one scope."""
    facts: dict[int, StationFacts] = defaultdict(StationFacts)
    for row in staff:
        station = facts[row.point_id]
        station.staff.add(row.person_id)
        if row.full_time:
            station.full_time.add(row.person_id)
        if row.educated:
            station.educated.add(row.person_id)
        if row.verified:
            station.levels[row.person_id] = max(row.verified, key=LEVELS.index)
    for row in stations:
        station = facts[row.pk]
        station.supervision_minutes = row.supervision_minutes
        station.linked_experts = row.linked_experts
        station.cases = row.cases or 0
        station.work_hours = row.work_hours or 0
        station.service_hours = row.service_hours or 0
    return facts


def station_value(measure: str, facts: StationFacts) -> int | None:
    """A station measure's value, or None when the system has no data for it yet."""
    if measure == Measure.FULL_TIME_STAFF:
        return len(facts.full_time)
    if measure == Measure.CERTIFIED_STAFF:
        return len(facts.full_time & set(facts.levels))
    if measure == Measure.INTERMEDIATE_STAFF:
        return sum(1 for level in facts.levels.values() if level in INTERMEDIATE_OR_ABOVE)
    if measure == Measure.CERTIFIED_SHARE:
        if not facts.staff:
            return 0
        return units.percent(
            len((set(facts.levels) | facts.educated) & facts.staff), len(facts.staff)
        )
    if measure == Measure.STATION_SUPERVISION:
        return facts.supervision_minutes
    if measure == Measure.LINKED_SUPERVISORS:
        return facts.linked_experts
    if measure == Measure.STATION_CASES:
        return facts.cases
    if measure == Measure.SERVICE_TIME_SHARE:
        if not facts.work_hours:
            return None  # no working time reported yet
        return rules.service_time_share(
            service_hours=facts.service_hours, work_hours=facts.work_hours
        )
    return None
