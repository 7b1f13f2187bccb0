"""Lists for the supervision pages, scoped by the caller's loaders; selectors own their
joins (select_related, annotations) so that pages keep a constant number of queries."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from audit.models import AuditEvent
from directory.models import Person, Position, Region, ServicePoint
from supervision.models import (
    Assignment,
    Supervisee,
    SupervisionSession,
    SupervisorProfile,
    YearLock,
)
from supervision.selectors.counting import HELD, OPEN_STATES
from supervision.selectors.region_policy import load_ratio
from supervision.terms import overloaded


def _sessions() -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.select_related("service_point__region").order_by(
        "-started_at", "-pk"
    )


def sessions_for_supervisor(
    *, supervisor: SupervisorProfile, year: int | None = None, status: str = ""
) -> QuerySet[SupervisionSession]:
    """Sessions the supervisor took part in, newest first."""
    sessions = _sessions().filter(supervisors=supervisor)
    if year:
        sessions = sessions.filter(held_on__year=year)
    if status:
        sessions = sessions.filter(status=status)
    return sessions.annotate(
        supervisee_count=Count("supervisees", distinct=True),
        open_count=Count(
            "supervisees", filter=Q(supervisees__state__in=OPEN_STATES), distinct=True
        ),
    )


def sessions_at(
    *,
    service_points: QuerySet[ServicePoint],
    year: int | None = None,
    month: int | None = None,
    status: str = "",
) -> QuerySet[SupervisionSession]:
    """Sessions at some stations, newest first, with counts of supervisees and open parts."""
    sessions = _sessions().filter(service_point__in=service_points)
    if year:
        sessions = sessions.filter(held_on__year=year)
    if month:
        sessions = sessions.filter(held_on__month=month)
    if status:
        sessions = sessions.filter(status=status)
    return sessions.annotate(
        supervisee_count=Count("supervisees", distinct=True),
        open_count=Count(
            "supervisees", filter=Q(supervisees__state__in=OPEN_STATES), distinct=True
        ),
    )


def received_by(*, person: Person, year: int | None = None, state: str = "") -> QuerySet:
    """A worker's parts of sessions, newest first."""
    parts = Supervisee.objects.filter(person=person).exclude(
        session__status=SupervisionSession.Status.CANCELLED
    )
    if year:
        parts = parts.filter(held_on__year=year)
    if state:
        parts = parts.filter(state=state)
    return parts.select_related("person", "session__service_point__region").order_by(
        "-held_on", "-pk"
    )


def awaiting_answer_of(*, person: Person) -> QuerySet[Supervisee]:
    """The person's parts of held sessions still waiting for their confirmation, oldest first."""
    return (
        Supervisee.objects.filter(
            person=person, session__status=HELD, state=Supervisee.State.PENDING
        )
        .select_related("session__service_point")
        .order_by("held_on", "pk")
    )


def unconfirmed_sessions_of(*, supervisor: SupervisorProfile) -> QuerySet[SupervisionSession]:
    """Held sessions of the supervisor with parts not yet confirmed (pending or disputed),
    oldest first, with those counts (`sessions_for_supervisor`)."""
    return (
        sessions_for_supervisor(supervisor=supervisor, status=HELD)
        .filter(open_count__gt=0)
        .order_by("started_at", "pk")
    )


def planned_sessions_of(
    *, supervisor: SupervisorProfile, now: dt.datetime
) -> QuerySet[SupervisionSession]:
    """The supervisor's planned sessions from `now` on, soonest first."""
    return (
        _sessions()
        .filter(
            supervisors=supervisor, status=SupervisionSession.Status.PLANNED, started_at__gte=now
        )
        .order_by("started_at", "pk")
    )


def pending_at(*, service_points: QuerySet[ServicePoint]) -> QuerySet[Supervisee]:
    """Parts of held sessions still waiting for confirmation at some stations."""
    return (
        Supervisee.objects.filter(
            session__service_point__in=service_points,
            session__status=HELD,
            state=Supervisee.State.PENDING,
        )
        .select_related("person", "session__service_point__region")
        .order_by("-held_on", "-pk")
    )


def disputes_for_user(*, user: User) -> QuerySet[Supervisee]:
    """Open disputes at stations where the user may manage supervision."""
    points = scope.service_points_visible_to(user, Action.MANAGE_SUPERVISION)
    return (
        Supervisee.objects.filter(
            session__service_point__in=points, state=Supervisee.State.DISPUTED
        )
        .select_related("person", "session__service_point__region", "answered_by")
        .order_by("held_on", "pk")
    )


def supervisees_of(*, session: SupervisionSession) -> QuerySet[Supervisee]:
    return session.supervisees.select_related("person", "answered_by", "resolved_by")


def workers_at(*, service_point: ServicePoint, day: dt.date) -> QuerySet[Person]:
    """People holding a position at the station on `day`."""
    held = Position.objects.filter(service_point=service_point, starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )
    return Person.objects.filter(pk__in=held.values("person_id")).order_by("name", "pk")


def assignments_of(*, supervisor: SupervisorProfile) -> QuerySet[Assignment]:
    return supervisor.assignments.select_related("service_point__region", "region").order_by(
        "ended_on", "planned_end_on", "pk"
    )


def current_assignments_of(
    *, supervisor: SupervisorProfile, today: dt.date
) -> QuerySet[Assignment]:
    """The supervisor's assignments in force on `today`, the term ending first on top."""
    return (
        assignments_of(supervisor=supervisor)
        .filter(starts_on__lte=today, planned_end_on__gte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .order_by("planned_end_on", "pk")
    )


def assignments_at(*, service_point: ServicePoint) -> QuerySet[Assignment]:
    """Current and past supervisors of a station: its own assignments and its regions' chiefs."""
    path = service_point.region.path
    step = Region.steplen
    prefixes = [path[:i] for i in range(step, len(path) + 1, step)]
    return (
        Assignment.objects.filter(Q(service_point=service_point) | Q(region__path__in=prefixes))
        .select_related(
            "supervisor__person", "supervisor__grade", "region", "service_point__region"
        )
        .order_by("-starts_on", "pk")
    )


def profile_of_user(*, user: User) -> SupervisorProfile | None:
    """The supervisor profile of the user's own person, or None."""
    return SupervisorProfile.objects.filter(person__user=user).first()


def supervisors_at(*, service_point: ServicePoint, day: dt.date) -> QuerySet[SupervisorProfile]:
    """Supervisors whose assignment covers the station on `day` (its own and its regions')."""
    active = (
        assignments_at(service_point=service_point)
        .filter(starts_on__lte=day, planned_end_on__gte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
    )
    return (
        SupervisorProfile.objects.filter(pk__in=active.values("supervisor_id"))
        .select_related("person")
        .order_by("person__name", "pk")
    )


def assignments_visible_to(*, user: User, today: dt.date) -> QuerySet[Assignment]:
    """Active assignments whose target lies where the user may manage supervision."""
    points = scope.service_points_visible_to(user, Action.MANAGE_SUPERVISION)
    regions = scope.regions_visible_to(user, Action.MANAGE_SUPERVISION)
    return (
        Assignment.objects.filter(Q(service_point__in=points) | Q(region__in=regions))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related(
            "supervisor__person", "supervisor__grade", "service_point__region", "region"
        )
        .order_by("planned_end_on", "pk")
    )


def supervisor_load(*, user: User, today: dt.date) -> list[dict]:
    """R24: workers per supervisor over the stations of their active assignments, for
    supervisors working where the user manages supervision, flagged against the load ratio of
    the packs where they work (none set: no flag). Two queries, plain values:
    `{"supervisor_id", "name", "grade", "workers", "ratio", "overloaded"}`."""
    assignments = (
        assignments_visible_to(user=user, today=today)
        .filter(starts_on__lte=today)
        .values_list(
            "supervisor_id",
            "supervisor__person__name",
            "supervisor__grade__name",
            "service_point_id",
            "service_point__region__path",
            "region__path",
        )
    )
    names: dict[int, tuple[str, str]] = {}
    station_ids_by_supervisor: dict[int, set[int]] = defaultdict(set)
    region_paths: dict[int, list[str]] = defaultdict(list)
    target_paths: dict[int, set[str]] = defaultdict(set)
    for supervisor_id, name, grade, point_id, point_path, region_path in assignments:
        names[supervisor_id] = (name, grade)
        target_paths[supervisor_id].add(point_path or region_path)
        if point_id:
            station_ids_by_supervisor[supervisor_id].add(point_id)
        else:
            region_paths[supervisor_id].append(region_path)
    staff_rows = list(
        Position.objects.filter(starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .filter(service_point__in=scope.service_points_visible_to(user, Action.MANAGE_SUPERVISION))
        .values("service_point_id", "service_point__region__path")
        .annotate(workers=Count("person", distinct=True))
    )
    workers_at_point = {row["service_point_id"]: row["workers"] for row in staff_rows}
    result = []
    for supervisor_id, (name, grade) in names.items():
        points = set(station_ids_by_supervisor.get(supervisor_id, ()))
        for path in region_paths.get(supervisor_id, ()):  # chief supervisors: few
            points.update(
                row["service_point_id"]
                for row in staff_rows
                if row["service_point__region__path"].startswith(path)
            )
        workers = sum(workers_at_point.get(point, 0) for point in points)
        ratio = load_ratio(paths=target_paths[supervisor_id])
        result.append(
            {
                "supervisor_id": supervisor_id,
                "name": name,
                "grade": grade,
                "workers": workers,
                "ratio": ratio,
                "overloaded": ratio is not None
                and overloaded(
                    workers=workers, workers_per_supervisor=ratio.workers_per_supervisor
                ),
            }
        )
    return sorted(result, key=lambda row: (-row["workers"], row["name"], row["supervisor_id"]))


def supervisors_for_user(
    *, user: User, action: Action = Action.MANAGE_SUPERVISION
) -> QuerySet[SupervisorProfile]:
    """Supervisors whose file lies in the user's scope for `action`, or who hold an
    assignment there (a city's expert working in a county is that county's to manage too)."""
    people = scope.people_visible_to(user, action)
    points = scope.service_points_visible_to(user, action)
    regions = scope.regions_visible_to(user, action)
    assigned = Assignment.objects.filter(
        Q(service_point__in=points) | Q(region__in=regions)
    ).values("supervisor_id")
    return (
        SupervisorProfile.objects.filter(Q(person__in=people) | Q(pk__in=assigned))
        .select_related("person", "grade")
        .order_by("person__name", "pk")
    )


def locks_visible_to(*, user: User) -> QuerySet[YearLock]:
    points = scope.service_points_visible_to(user, Action.MANAGE_SUPERVISION)
    return (
        YearLock.objects.filter(service_point__in=points)
        .select_related("service_point", "closed_by", "reopened_by")
        .order_by("-year", "service_point__name")
    )


def locked_station_years(
    *, service_point_ids: Iterable[int], years: Iterable[int]
) -> set[tuple[int, int]]:
    """The (station id, year) pairs among these whose supervision year is locked; one query."""
    return set(
        YearLock.objects.filter(
            service_point_id__in=service_point_ids, year__in=years, reopened_at__isnull=True
        ).values_list("service_point_id", "year")
    )


def history_of(*, session: SupervisionSession) -> QuerySet[AuditEvent]:
    """The audit trail of a session and of its supervisees' answers, oldest first (R7)."""
    parts = [str(pk) for pk in session.supervisees.values_list("pk", flat=True)]
    return (
        AuditEvent.objects.filter(
            Q(target_type="supervision.supervisionsession", target_id=str(session.pk))
            | Q(target_type="supervision.supervisee", target_id__in=parts)
        )
        .select_related("actor")
        .order_by("at", "pk")
    )


def current_supervisors_at(*, service_point: ServicePoint, day: dt.date) -> list[dict]:
    """The supervisors covering a station on `day` (its own assignments and its regions'
    chiefs) as `{"name": …, "mode": mode label}`, by name: what the public station page shows
    of them (one query)."""
    active = (
        assignments_at(service_point=service_point)
        .filter(starts_on__lte=day, planned_end_on__gte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("supervisor__person__name", "mode")
    )
    modes = dict(Assignment.Mode.choices)
    return [
        {"name": name, "mode": modes[mode]}
        for name, mode in active.values_list("supervisor__person__name", "mode").distinct()
    ]
