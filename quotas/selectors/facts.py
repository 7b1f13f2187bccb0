"""What the quota rules measure, for many people and stations, from each app's own reads.

A region's dashboard evaluates every person and station below it, so everything is read in bulk,
a few grouped queries whatever the scope (one station or a whole province), each from the app
that owns the table:

- `staff_rows`: each current position in the scope (directory) with its person's
  qualifications (credentials) and the yearly totals the rules add up: training by kind and
  level (lms), supervision received by level (supervision);
- `station_rows`: each service point in the scope (directory) with its area, its agency's
  rating and its newest volunteer count (R2), its supervision minutes (R9) and linked experts
  (R5) from supervision, and the figures of its filed monthly reports (R17): cases closed (R9),
  hours (R18), key clients and visits (R20), read here because the reports are this app's own.

Totals come from the yearly summaries, which equal the raw rows from 1 January to today:
credits are dated on or before the day they are written, and only sessions that have started
count as held. `station_facts` turns both into what the station rules measure.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from core import units
from credentials import selectors as credentials_selectors
from credentials.models import Qualification
from directory import selectors as directory_selectors
from lms import selectors as lms_selectors
from quotas import rules
from quotas.models import Measure, MonthlyReport
from supervision import selectors as supervision_selectors

LEVELS = tuple(Qualification.Level.values)  # lowest first
INTERMEDIATE_OR_ABOVE = frozenset(LEVELS[1:])
FILED = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)
AmountKey = tuple[str, str, str]  # ("training" | "days" | "supervision", kind, level); "" any
NONE_HELD: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@dataclass(frozen=True)
class Scope:
    """Whose facts: the stations of a region subtree, one station, or a list of stations."""

    region_path: str | None = None
    service_point_id: int | None = None
    service_point_ids: tuple[int, ...] | None = None

    def where(self) -> dict:
        return {
            "region_path": self.region_path,
            "service_point_id": self.service_point_id,
            "service_point_ids": self.service_point_ids,
        }


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


def amounts_for(
    keys: set[AmountKey], *, training: dict, received: dict, days: list | None = None
) -> dict[AmountKey, tuple[int, int]]:
    """(achieved, pending) for each key from one person's yearly totals: training minutes by
    (kind, level), supervision received by level, and the (day, kind, level) of days with
    training credited (R11, counted as distinct days). Levels stack, never pool (R13)."""
    amounts = {}
    for key in keys:
        source, kind, level = key
        if source == "days":
            counted = {
                day
                for day, given_kind, given_by in days or ()
                if rules.counts_toward(
                    rule_kind=kind, rule_level=level, kind=given_kind, level=given_by
                )
            }
            amounts[key] = (len(counted), 0)
        elif source == "supervision":
            achieved = pending = 0
            for given_by, parts in received.items():
                if rules.counts_toward(rule_level=level, level=given_by):
                    achieved += parts["confirmed"]
                    pending += parts["pending"]
            amounts[key] = (achieved, pending)
        else:
            amounts[key] = (
                sum(
                    minutes
                    for (given_kind, given_by), minutes in training.items()
                    if rules.counts_toward(
                        rule_kind=kind, rule_level=level, kind=given_kind, level=given_by
                    )
                ),
                0,
            )
    return amounts


def staff_rows(*, scope: Scope, on: dt.date, year: int, keys: set[AmountKey]) -> list[StaffRow]:
    """Every position current on `on` in the scope, with the person's totals for `keys`."""
    positions = directory_selectors.staff_on(on=on, **scope.where())
    people = directory_selectors.current_positions(on=on, **scope.where()).values("person_id")
    qualified = credentials_selectors.qualification_levels(people=people)
    training = received = days = {}
    if any(key[0] == "training" for key in keys):
        training = lms_selectors.people_year_minutes(people=people, year=year)
    if any(key[0] == "days" for key in keys):
        days = lms_selectors.people_year_training_days(people=people, year=year)
    if any(key[0] == "supervision" for key in keys):
        received = supervision_selectors.received_by_people_year(people=people, year=year)
    amounts: dict[int, dict] = {}
    rows = []
    for person_id, role, point_id, point_name, path, full_time, educated in positions:
        if person_id not in amounts:
            amounts[person_id] = amounts_for(
                keys,
                training=training.get(person_id, {}),
                received=received.get(person_id, {}),
                days=days.get(person_id, []),
            )
        rows.append(
            StaffRow(
                person_id,
                role,
                point_id,
                point_name,
                path,
                bool(full_time),
                bool(educated),
                *qualified.get(person_id, NONE_HELD),
                amounts[person_id],
            )
        )
    return rows


class StationRow(NamedTuple):
    pk: int
    name: str
    kind: str
    demonstration: bool
    path: str
    supervision_minutes: int
    linked_experts: int
    cases: int | None  # cases closed; None: no filed monthly report this year
    work_hours: int | None
    service_hours: int | None
    key_clients: int | None  # key clients to visit, month by month (R20)
    key_clients_visited: int | None
    area_m2: int | None = None  # None: not recorded (R2)
    agency_rating: str = ""  # "3A" …; "": no agency or no rating recorded (R2)
    volunteers: int | None = None  # newest count on or before the day; None: never counted


def station_rows(*, scope: Scope, on: dt.date, year: int) -> list[StationRow]:
    """Every service point in the scope with what the system counted for it in `year`. Cases
    completed are those closed in the year's filed reports: each case closes once, so none is
    counted twice however many months it was served (R9)."""
    points = directory_selectors.service_points_in(**scope.where())
    minutes = supervision_selectors.stations_year_minutes(service_points=points, year=year)
    experts = supervision_selectors.linked_experts(service_points=points, on=on)
    volunteers = directory_selectors.volunteers_on(service_points=points, on=on)
    filed = {
        row["service_point_id"]: row
        for row in MonthlyReport.objects.filter(
            service_point__in=points,
            month__range=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
            status__in=FILED,
        )
        .values("service_point_id")
        .annotate(
            cases=Sum("cases_closed"),
            work_hours=Sum("work_hours"),
            service_hours=Sum("service_hours"),
            key_clients=Sum("key_clients"),
            key_clients_visited=Sum("key_clients_visited"),
        )
    }
    rows = []
    for pk, name, kind, demonstration, path, area_m2, rating in points.order_by(
        "name", "pk"
    ).values_list(
        "pk", "name", "kind", "is_demonstration", "region__path", "area_m2", "agency__rating"
    ):
        report = filed.get(pk, {})
        rows.append(
            StationRow(
                pk,
                name,
                kind,
                demonstration,
                path,
                minutes.get(pk, 0),
                experts.get(pk, 0),
                report.get("cases"),
                report.get("work_hours"),
                report.get("service_hours"),
                report.get("key_clients"),
                report.get("key_clients_visited"),
                area_m2,
                rating or "",
                volunteers.get(pk),
            )
        )
    return rows


@dataclass
class StationFacts:
    """What the station rules measure (R1, R2, R4, R5, R9, R18, R20) for one station; None where
    nothing is recorded."""

    staff: set[int] = field(default_factory=set)
    full_time: set[int] = field(default_factory=set)
    educated: set[int] = field(default_factory=set)  # social-work major (R4)
    levels: dict[int, str] = field(default_factory=dict)  # highest verified qualification
    supervision_minutes: int = 0
    linked_experts: int = 0
    cases: int = 0  # closed in the year (R9)
    work_hours: int = 0
    service_hours: int = 0
    area_m2: int | None = None
    agency_rating: int | None = None  # the number of A's: 3 for "3A"
    volunteers: int | None = None
    key_clients: int = 0  # summed over the filed months (R20)
    key_clients_visited: int = 0


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
        station.area_m2 = row.area_m2
        station.agency_rating = int(row.agency_rating[0]) if row.agency_rating else None
        station.volunteers = row.volunteers
        station.key_clients = row.key_clients or 0
        station.key_clients_visited = row.key_clients_visited or 0
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
    if measure == Measure.VOLUNTEERS:
        return facts.volunteers
    if measure == Measure.AGENCY_RATING:
        return facts.agency_rating
    if measure == Measure.STATION_AREA:
        return facts.area_m2
    if measure == Measure.KEY_CLIENT_VISITS:
        # R20: every month's key clients visited; None until a report counts key clients.
        return rules.visit_rate(visited=facts.key_clients_visited, key_clients=facts.key_clients)
    return None


# Why a station measure has no value (`station_value` is None), for the results' sentences.
NO_DATA = {
    Measure.SERVICE_TIME_SHARE: _("尚无月报数据"),
    Measure.VOLUNTEERS: _("尚无志愿者人数记录"),
    Measure.AGENCY_RATING: _("尚无承接机构或其评估等级记录"),
    Measure.STATION_AREA: _("尚无站点面积记录"),
    Measure.KEY_CLIENT_VISITS: _("尚无月报数据"),
}
