"""What the system knows about many stations at once, for station rules (R1, R2, R4, R5, R9,
R18): five grouped queries whatever the number of stations."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from credentials.models import Qualification
from directory.models import Position
from quotas import rules
from quotas.models import Measure, MonthlyReport
from supervision import selectors as supervision_selectors
from supervision.models import Assignment

INTERMEDIATE_OR_ABOVE = ("intermediate", "senior")
FILED = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED)


@dataclass
class StationFacts:
    staff: set[int] = field(default_factory=set)
    full_time: set[int] = field(default_factory=set)
    educated: set[int] = field(default_factory=set)  # social-work major (R4)
    levels: dict[int, str] = field(default_factory=dict)  # verified qualification, highest
    supervision_minutes: int = 0
    linked_experts: int = 0
    cases: int = 0
    work_hours: int = 0
    service_hours: int = 0


def station_facts(*, points, year: int, on: dt.date) -> dict[int, StationFacts]:
    """Facts for `points` (ids, or a ServicePoint queryset used as a subquery)."""
    facts: dict[int, StationFacts] = defaultdict(StationFacts)
    staff = (
        Position.objects.filter(service_point_id__in=points, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .values_list("service_point_id", "person_id", "full_time", "person__social_work_major")
    )
    people_points: dict[int, set[int]] = defaultdict(set)
    for point_id, person_id, full_time, educated in staff:
        station = facts[point_id]
        station.staff.add(person_id)
        people_points[person_id].add(point_id)
        if full_time:
            station.full_time.add(person_id)
        if educated:
            station.educated.add(person_id)
    for person_id, level in (
        Qualification.objects.filter(
            person_id__in=staff.values("person_id"), verified_at__isnull=False
        )
        .values_list("person_id", "level")
        .order_by("level")
    ):
        for point_id in people_points[person_id]:
            facts[point_id].levels[person_id] = level
    for point_id, minutes in supervision_selectors.stations_year_minutes(
        service_points=points, year=year
    ).items():
        facts[point_id].supervision_minutes = minutes
    for point_id, count in (
        Assignment.objects.filter(
            service_point_id__in=points,
            mode=Assignment.Mode.LINKED_EXPERT,
            starts_on__lte=on,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .values_list("service_point_id")
        .annotate(total=Count("pk"))
        .order_by()
    ):
        facts[point_id].linked_experts = count
    for point_id, cases, work, service in (
        MonthlyReport.objects.filter(
            service_point_id__in=points, month__year=year, status__in=FILED
        )
        .values_list("service_point_id")
        .annotate(Sum("cases_served"), Sum("work_hours"), Sum("service_hours"))
        .order_by()
    ):
        station = facts[point_id]
        station.cases, station.work_hours, station.service_hours = cases, work, service
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
        return len((set(facts.levels) | facts.educated) & facts.staff) * 100 // len(facts.staff)
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
