"""Reads for supervision, including the counts other apps call (R7, R8, R9, R16, R24).

Counting rules: a worker's minutes are counted per supervisee row, by the level that provided
the session (R8); a station's minutes once per session, whoever attended (R9). Only confirmed
minutes count as confirmed; pending (and disputed) ones are shown apart. Cancelled and planned
sessions count nothing.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Substr

from directory.models import Person, ServicePoint
from supervision.models import (
    Assignment,
    CommitteeLevel,
    GradeChange,
    ReceivedSummary,
    StationSummary,
    Supervisee,
    SupervisionSession,
    SupervisorProfile,
)

HELD = SupervisionSession.Status.HELD
# Parts not (yet) confirmed: shown apart from confirmed minutes.
OPEN_STATES = (Supervisee.State.PENDING, Supervisee.State.DISPUTED)


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def minutes_received(
    *, person: Person, starts_on: dt.date, ends_on: dt.date
) -> dict[str, dict[str, int]]:
    """Minutes `person` received between two dates (inclusive), by providing level (R8):
    `{"county": {"confirmed": 1440, "pending": 120}}`. One grouped, indexed query."""
    rows = (
        Supervisee.objects.filter(
            person=person,
            held_on__gte=starts_on,
            held_on__lte=ends_on,
            session__status=HELD,
        )
        .values("providing_level")
        .annotate(
            confirmed=Coalesce(Sum("minutes", filter=Q(state=Supervisee.State.CONFIRMED)), 0),
            pending=Coalesce(Sum("minutes", filter=Q(state__in=OPEN_STATES)), 0),
        )
    )
    return {
        row["providing_level"]: {"confirmed": row["confirmed"], "pending": row["pending"]}
        for row in rows
    }


def person_month_received(*, person: Person, year: int) -> dict[tuple[int, str], int]:
    """Confirmed minutes `person` received in `year` by (month, providing level) (R8)."""
    return {
        (month, level): total
        for month, level, total in Supervisee.objects.filter(
            person=person,
            held_on__year=year,
            state=Supervisee.State.CONFIRMED,
            session__status=HELD,
        )
        .annotate(month=ExtractMonth("held_on"))
        .values_list("month", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    }


def people_month_received(
    *, people: QuerySet[Person] | list[int], year: int
) -> dict[int, dict[tuple[int, str], int]]:
    """`person_month_received` for many people at once: person id → (month, providing level)
    → confirmed minutes (R8). One grouped query."""
    result: dict[int, dict[tuple[int, str], int]] = defaultdict(dict)
    rows = (
        Supervisee.objects.filter(
            person__in=people,
            held_on__range=_year_bounds(year),
            state=Supervisee.State.CONFIRMED,
            session__status=HELD,
        )
        .annotate(month=ExtractMonth("held_on"))
        .values_list("person_id", "month", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for person_id, month, level, total in rows:
        result[person_id][(month, level)] = total
    return dict(result)


def received_by_people_year(
    *, people: QuerySet[Person] | list[int], year: int
) -> dict[int, dict[str, dict[str, int]]]:
    """`minutes_received` over a calendar year for many people at once, from the yearly
    summary (one query on a few rows per person): person id → level → parts."""
    rows = ReceivedSummary.objects.filter(person__in=people, year=year).values_list(
        "person_id", "providing_level", "confirmed_minutes", "pending_minutes"
    )
    result: dict[int, dict[str, dict[str, int]]] = defaultdict(dict)
    for person_id, level, confirmed, pending in rows:
        if confirmed or pending:
            result[person_id][level] = {"confirmed": confirmed, "pending": pending}
    return dict(result)


def minutes_given(*, supervisor: SupervisorProfile, year: int) -> list[dict]:
    """Minutes a supervisor gave in a year, by station and form (R7): session minutes, plus how
    many of those sessions are fully confirmed. One grouped query."""
    first, last = _year_bounds(year)
    open_parts = Supervisee.objects.filter(session=OuterRef("pk"), state__in=OPEN_STATES)
    rows = (
        SupervisionSession.objects.filter(
            supervisors=supervisor, status=HELD, held_on__gte=first, held_on__lte=last
        )
        .annotate(open=Exists(open_parts))
        .values("service_point_id", "service_point__name", "form")
        .annotate(
            sessions=Count("pk"),
            minutes=Sum("duration_minutes"),
            confirmed_minutes=Coalesce(
                Sum("duration_minutes", filter=Q(open=False)), Value(0), output_field=IntegerField()
            ),
        )
        .order_by("service_point__name", "form")
    )
    return list(rows)


def station_minutes(*, service_point: ServicePoint, year: int) -> dict[str, int]:
    """A station's supervision minutes in a year, once per session (R9: 60 h a year):
    `{"sessions": n, "minutes": m}`. One query."""
    first, last = _year_bounds(year)
    return station_minutes_between(service_point=service_point, starts_on=first, ends_on=last)


def station_minutes_between(
    *, service_point: ServicePoint, starts_on: dt.date, ends_on: dt.date
) -> dict[str, int]:
    """A station's held sessions between two dates (inclusive) and their minutes, once per
    session (R9): `{"sessions": n, "minutes": m}`. One query."""
    totals = SupervisionSession.objects.filter(
        service_point=service_point, status=HELD, held_on__gte=starts_on, held_on__lte=ends_on
    ).aggregate(sessions=Count("pk"), minutes=Coalesce(Sum("duration_minutes"), 0))
    return {"sessions": totals["sessions"], "minutes": totals["minutes"]}


def stations_year_minutes(*, service_points: QuerySet[ServicePoint], year: int) -> dict[int, int]:
    """`station_minutes` for many stations from the yearly summary: station id → minutes
    held in `year`, once per session (R9). One query."""
    return dict(
        StationSummary.objects.filter(service_point__in=service_points, year=year)
        .exclude(minutes=0)
        .values_list("service_point_id", "minutes")
    )


def linked_experts(*, service_points: QuerySet[ServicePoint], on: dt.date) -> dict[int, int]:
    """Station id → experts linked to it on `on` in the "1+1" mode (R5). One query."""
    return dict(
        Assignment.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on),
            service_point__in=service_points,
            mode=Assignment.Mode.LINKED_EXPERT,
            starts_on__lte=on,
        )
        .values("service_point_id")
        .annotate(experts=Count("pk"))
        .values_list("service_point_id", "experts")
    )


def station_month_grid(*, service_points: QuerySet[ServicePoint], year: int) -> dict:
    """Minutes per station and month (once per session), as {station id: {month: minutes}}."""
    first, last = _year_bounds(year)
    rows = (
        SupervisionSession.objects.filter(
            service_point__in=service_points, status=HELD, held_on__gte=first, held_on__lte=last
        )
        .annotate(month=ExtractMonth("held_on"))
        .values("service_point_id", "month")
        .annotate(minutes=Sum("duration_minutes"))
    )
    grid: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        grid[row["service_point_id"]][row["month"]] = row["minutes"]
    return dict(grid)


def given_by_year(*, supervisor: SupervisorProfile) -> list[dict]:
    """Per year: sessions, minutes given and minutes of fully confirmed sessions. One query."""
    open_parts = Supervisee.objects.filter(session=OuterRef("pk"), state__in=OPEN_STATES)
    return list(
        SupervisionSession.objects.filter(supervisors=supervisor, status=HELD)
        .annotate(open=Exists(open_parts), year=ExtractYear("held_on"))
        .values("year")
        .annotate(
            sessions=Count("pk"),
            minutes=Sum("duration_minutes"),
            confirmed_minutes=Coalesce(
                Sum("duration_minutes", filter=Q(open=False)), Value(0), output_field=IntegerField()
            ),
        )
        .order_by("year")
    )


def local_supervisors(*, region_path: str, on: dt.date, prefix_length: int) -> dict[str, int]:
    """Local supervisors (本土督导) whose files are kept in the subtree at `region_path`, by the
    first `prefix_length` characters of that region's path: those selected by `on`, the first
    step of their grade history (R16)."""
    selected = GradeChange.objects.filter(profile=OuterRef("pk"), starts_on__lte=on)
    rows = (
        SupervisorProfile.objects.filter(
            Exists(selected),
            committee_level=CommitteeLevel.LOCAL,
            person__region__path__startswith=region_path,
        )
        .order_by()
        .annotate(unit=Substr("person__region__path", 1, prefix_length))
        .values("unit")
        .annotate(supervisors=Count("pk"))
    )
    return {row["unit"]: row["supervisors"] for row in rows}
