"""Reads for training, including those other apps call (quotas, credentials).

Totals are summed from the ledger with one grouped query each (index on (person, on)).
"""

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from core.personal_data import personal_data_rows
from directory.models import Person, Position, Region, ServicePoint
from lms import hours, permissions, rules
from lms.models import (
    Attendance,
    Course,
    CourseRun,
    Enrolment,
    EnrolmentMode,
    ExternalTraining,
    HourEntry,
    HourSummary,
    TrainingSession,
)


def _current_positions(*, today: dt.date) -> QuerySet[Position]:
    return Position.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )


def person_in_audience(*, person: Person, course: Course, today: dt.date | None = None) -> bool:
    """Whether `person` belongs to the course's audience (regions and position roles)."""
    today = today or timezone.localdate()
    positions = _current_positions(today=today).filter(person=person)
    placed = positions.values_list("role", "service_point__region__path")
    return rules.in_audience(
        person_paths=[person.region.path, *(path for _, path in placed)],
        person_roles=[role for role, _ in placed],
        audience_paths=course.audience_regions.values_list("path", flat=True),
        audience_roles=course.audience_roles,
    )


# Ledger totals.


def person_minutes(
    *, person: Person, starts_on: dt.date, ends_on: dt.date
) -> dict[tuple[str, str], int]:
    """A person's credited minutes in [starts_on, ends_on] by (kind, providing level)."""
    rows = (
        HourEntry.objects.filter(person=person, on__gte=starts_on, on__lte=ends_on)
        .values_list("kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return {(kind, level): total for kind, level, total in rows if total}


def person_minutes_by_kind(*, person: Person, starts_on: dt.date, ends_on: dt.date) -> dict:
    totals: dict[str, int] = defaultdict(int)
    for (kind, _level), minutes in person_minutes(
        person=person, starts_on=starts_on, ends_on=ends_on
    ).items():
        totals[kind] += minutes
    return dict(totals)


def person_minutes_by_level(*, person: Person, starts_on: dt.date, ends_on: dt.date) -> dict:
    totals: dict[str, int] = defaultdict(int)
    for (_kind, level), minutes in person_minutes(
        person=person, starts_on=starts_on, ends_on=ends_on
    ).items():
        totals[level] += minutes
    return dict(totals)


def person_years(*, person: Person) -> list[dict]:
    """Every year with ledger rows: year, kind, level and minutes (for the hours page)."""
    rows = (
        HourEntry.objects.filter(person=person)
        .annotate(year=ExtractYear("on"))
        .values("year", "kind", "providing_level")
        .annotate(minutes=Sum("minutes"))
        .order_by("-year", "kind", "providing_level")
    )
    return list(rows)


def _staff_at(*, service_points: QuerySet[ServicePoint] | list, today: dt.date):
    return _current_positions(today=today).filter(service_point__in=service_points)


def station_minutes(
    *, service_point: ServicePoint, starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> dict[str, int]:
    """Minutes credited in the period to the people currently working at a station, by level."""
    staff = _staff_at(service_points=[service_point], today=today).values("person_id")
    rows = (
        HourEntry.objects.filter(person_id__in=staff, on__gte=starts_on, on__lte=ends_on)
        .values_list("providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return dict(rows)


def region_minutes(
    *, region_path: str, starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> dict[str, int]:
    """Minutes credited in the period to the people currently working at stations in a region
    subtree (by path prefix), by providing level."""
    staff = _current_positions(today=today).filter(
        service_point__region__path__startswith=region_path
    )
    rows = (
        HourEntry.objects.filter(
            person_id__in=staff.values("person_id"), on__gte=starts_on, on__lte=ends_on
        )
        .values_list("providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return dict(rows)


def people_minutes(
    *, people: QuerySet[Person] | list[int], starts_on: dt.date, ends_on: dt.date
) -> dict[int, dict[tuple[str, str], int]]:
    """Many people's minutes at once, by (kind, level): one grouped query."""
    result: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    rows = (
        HourEntry.objects.filter(person__in=people, on__gte=starts_on, on__lte=ends_on)
        .values_list("person_id", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for person_id, kind, level, total in rows:
        result[person_id][(kind, level)] = total
    return dict(result)


def people_total_minutes(
    *, people: QuerySet | list[int], starts_on: dt.date, ends_on: dt.date
) -> int:
    """All minutes credited to `people` (people or their ids) in [starts_on, ends_on], every
    kind and level together. One query."""
    total = HourEntry.objects.filter(
        person__in=people, on__gte=starts_on, on__lte=ends_on
    ).aggregate(total=Sum("minutes"))["total"]
    return total or 0


# Whole calendar years from the yearly summary (kept by lms.services.ledger).


def people_year_minutes(
    *, people: QuerySet[Person] | list[int], year: int
) -> dict[int, dict[tuple[str, str], int]]:
    """Many people's minutes in one calendar year by (kind, level), from the summary."""
    result: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    rows = HourSummary.objects.filter(person__in=people, year=year).values_list(
        "person_id", "kind", "providing_level", "minutes"
    )
    for person_id, kind, level, minutes in rows:
        if minutes:
            result[person_id][(kind, level)] = minutes
    return dict(result)


def people_year_training_days(
    *, people: QuerySet[Person] | list[int], year: int
) -> dict[int, list[tuple[dt.date, str, str]]]:
    """Many people's days of training in a calendar year: person id → (day, kind, level) for
    each day and kind with minutes credited (net of reversals), for quotas counted in distinct
    days (R11). One grouped query on the ledger's (person, day) index."""
    result: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    rows = (
        HourEntry.objects.filter(
            person__in=people, on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
        .values_list("person_id", "on", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .filter(total__gt=0)
        .order_by()
    )
    for person_id, day, kind, level, _total in rows:
        result[person_id].append((day, kind, level))
    return dict(result)


def person_month_minutes(*, person: Person, year: int) -> dict[tuple[int, str, str], int]:
    """One person's minutes in `year` by (month, kind, providing level). One grouped query."""
    return {
        (month, kind, level): total
        for month, kind, level, total in HourEntry.objects.filter(person=person, on__year=year)
        .annotate(month=ExtractMonth("on"))
        .values_list("month", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    }


def people_month_minutes(
    *, people: QuerySet[Person] | list[int], year: int
) -> dict[int, dict[tuple[int, str, str], int]]:
    """Many people's minutes in `year` by (month, kind, providing level): one grouped query
    (`person_month_minutes` for many people, for the dashboards' month-by-month chart)."""
    result: dict[int, dict[tuple[int, str, str], int]] = defaultdict(dict)
    rows = (
        HourEntry.objects.filter(
            person__in=people, on__range=(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
        .annotate(month=ExtractMonth("on"))
        .values_list("person_id", "month", "kind", "providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for person_id, month, kind, level, total in rows:
        result[person_id][(month, kind, level)] = total
    return dict(result)


def region_year_minutes(*, region_path: str, year: int, today: dt.date) -> dict[str, int]:
    """A calendar year's minutes of the people currently working at stations in a region
    subtree, by providing level, from the summary (fast for a whole province)."""
    staff = _current_positions(today=today).filter(
        service_point__region__path__startswith=region_path
    )
    rows = (
        HourSummary.objects.filter(person_id__in=staff.values("person_id"), year=year)
        .values_list("providing_level")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return dict(rows)


def ledger_for_person(*, person: Person) -> QuerySet[HourEntry]:
    return (
        HourEntry.objects.filter(person=person)
        .select_related("reverses", "entered_by", "reversed_by")
        .order_by("-on", "-pk")
    )


# Catalogue and pages.


def catalogue(
    *,
    query: str = "",
    kind: str = "",
    level: str = "",
    region_path: str = "",
    starts_after: dt.date | None = None,
    starts_before: dt.date | None = None,
    places_left: bool = False,
    ending_after: dt.date | None = None,
    open_to: list[int] | None = None,
    only_open: bool = False,
    near_path: str = "",
) -> QuerySet[CourseRun]:
    """Runs in the catalogue with their enrolled count. With `open_to` (the ids of
    `runs_open_to`), those runs come first, or alone with `only_open`; with `near_path` (the
    learner's region), runs of their county come first, then of their city, their province and
    the rest (`nearness`); then soonest first."""
    runs = CourseRun.objects.select_related(
        "course__organiser_region",
        "course__organiser_service_point",
        "course__organiser_provider",
        "course__region",
    ).annotate(enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)))
    if query:
        runs = runs.filter(
            Q(course__title__icontains=query) | Q(course__description__icontains=query)
        )
    if kind:
        runs = runs.filter(course__kind=kind)
    if level:
        runs = runs.filter(course__providing_level=level)
    if region_path:
        runs = runs.filter(course__region__path__startswith=region_path)
    if starts_after:
        runs = runs.filter(starts_on__gte=starts_after)
    if starts_before:
        runs = runs.filter(starts_on__lte=starts_before)
    if ending_after:
        runs = runs.filter(ends_on__gte=ending_after)
    if places_left:
        runs = runs.filter(enrolled__lt=F("capacity"))
    order = ["starts_on", "pk"]
    if near_path:
        runs = runs.annotate(nearness=nearness(near_path))
        order.insert(0, "nearness")
    if open_to is not None:
        if only_open:
            runs = runs.filter(pk__in=open_to)
        else:
            runs = runs.annotate(
                closed=Case(When(pk__in=open_to, then=0), default=1, output_field=IntegerField())
            )
            order.insert(0, "closed")
    return runs.order_by(*order)


NEAR_LEVELS = 3  # county, city, province: the steps of a region path that rank a course


def nearness(path: str) -> Case:
    """0 for a course of the county at `path`, 1 of its city, 2 of its province, 3 elsewhere
    (a learner's region path; shorter paths rank what they have)."""
    steps = [path[: Region.steplen * depth] for depth in range(NEAR_LEVELS, 0, -1)]
    return Case(
        *(
            When(course__region__path__startswith=prefix, then=rank)
            for rank, prefix in enumerate(steps)
        ),
        default=NEAR_LEVELS,
        output_field=IntegerField(),
    )


def runs_open_to(*, person: Person, now: dt.datetime) -> list[int]:
    """The ids of the runs `person` may put themselves on now (`rules.self_enrolment_problem`):
    not assigned by administrators, before the enrolment deadline, not already enrolled, and
    inside the course's audience (`rules.in_audience`). The audience's regions are matched in
    the query (an audience region's path is one of the prefixes of the person's paths), its
    position roles here, for the rule's JSON list."""
    today = timezone.localdate(now)
    placed = list(
        _current_positions(today=today)
        .filter(person=person)
        .values_list("role", "service_point__region__path")
    )
    paths = [person.region.path, *(path for _role, path in placed)]
    prefixes = {
        path[:end] for path in paths for end in range(Region.steplen, len(path) + 1, Region.steplen)
    }
    active = Enrolment.objects.filter(
        run=OuterRef("pk"), person=person, status__in=Enrolment.ACTIVE
    )
    candidates = (
        CourseRun.objects.filter(enrolment_deadline__gte=now)
        .exclude(enrolment_mode=EnrolmentMode.ASSIGNED)
        .exclude(Exists(active))
        .filter(
            Q(course__audience_regions__isnull=True)
            | Q(course__audience_regions__path__in=prefixes)
        )
        .values_list("pk", "course__audience_roles")
        .distinct()
        .order_by()
    )
    roles = [role for role, _path in placed]
    return sorted(
        {
            pk
            for pk, audience_roles in candidates
            if rules.in_audience(
                person_paths=paths,
                person_roles=roles,
                audience_paths=(),  # matched in the query
                audience_roles=audience_roles or (),
            )
        }
    )


def learner_path(*, person: Person, today: dt.date) -> str:
    """The region path a learner's catalogue ranks by: their first current station's, else the
    region keeping their file."""
    station_path = (
        _current_positions(today=today)
        .filter(person=person)
        .order_by("pk")
        .values_list("service_point__region__path", flat=True)
        .first()
    )
    return station_path or person.region.path


def next_sessions_of(*, person: Person, now: dt.datetime) -> QuerySet[TrainingSession]:
    """Sessions still to come of the runs `person` is enrolled in, soonest first."""
    return (
        TrainingSession.objects.filter(
            run__enrolments__person=person,
            run__enrolments__status=Enrolment.Status.ENROLLED,
            cancelled=False,
            ends_at__gte=now,
        )
        .select_related("run__course")
        .order_by("starts_at", "pk")
    )


def runs_of_course(*, course: Course) -> QuerySet[CourseRun]:
    return (
        course.runs.annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
            waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        )
        .prefetch_related("sessions")
        .order_by("starts_on", "pk")
    )


def enrolments_of_user(*, user: User) -> QuerySet[Enrolment]:
    """The enrolments of the user's own person, with run, course and person."""
    return Enrolment.objects.filter(person__user=user).select_related("run__course", "person")


def enrolments_of_person(*, person: Person) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(person=person)
        .select_related("run__course")
        .order_by("-run__starts_on", "-pk")
    )


def runs_managed_by(*, user: User) -> QuerySet[CourseRun]:
    """Runs of courses the user manages (`permissions.courses_managed_by`) and runs they teach;
    `course_managed` says whether they may also add runs to the course."""
    managed = permissions.courses_managed_by(user=user)
    condition = Q(trainers=user) | Q(course__in=managed)
    run_ids = CourseRun.objects.filter(condition).values("pk")
    return (
        CourseRun.objects.filter(pk__in=run_ids)
        .select_related("course")
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
            waiting=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
            pending=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.PENDING)),
            course_managed=Exists(managed.filter(pk=OuterRef("course_id"))),
        )
        .order_by("-starts_on", "pk")
    )


def run_roster(*, run: CourseRun) -> list[dict]:
    """Each enrolment of a run with sessions attended, minutes credited and completion."""
    held = [s for s in run.sessions.all() if not s.cancelled]
    enrolments = list(
        run.enrolments.select_related("person").order_by("status", "waitlist_position", "pk")
    )
    attended: dict[int, list[int]] = defaultdict(list)
    # An attendance whose credit was reversed (marked by mistake) no longer counts.
    for person_id, minutes in Attendance.objects.filter(
        session__run=run, session__cancelled=False, hour_entry__reversed_by__isnull=True
    ).values_list("person_id", "session__minutes"):
        attended[person_id].append(minutes)
    return [
        {
            "enrolment": e,
            "attended": len(attended[e.person_id]),
            "minutes": hours.credited_minutes(attended_session_minutes=attended[e.person_id]),
            "completed": hours.run_completed(
                attended_sessions=len(attended[e.person_id]),
                held_sessions=len(held),
                threshold_percent=run.completion_percent,
            ),
        }
        for e in enrolments
    ]


def people_enrolled_in(*, run_id: int) -> QuerySet[Person]:
    """The people enrolled in a run (not those waitlisted, pending or cancelled), by id."""
    return Person.objects.filter(
        enrolments__run_id=run_id, enrolments__status=Enrolment.Status.ENROLLED
    ).order_by("pk")


def session_checklist(*, session: TrainingSession) -> list[dict]:
    """The enrolled people of a session's run, with whether each is marked present."""
    present = set(session.attendances.values_list("person_id", flat=True))
    people = people_enrolled_in(run_id=session.run_id).order_by("name", "pk")
    return [{"person": p, "present": p.pk in present} for p in people]


def pending_enrolments_for_user(*, user: User) -> QuerySet[Enrolment]:
    people = scope.people_visible_to(user, Action.APPROVE_TRAINING)
    return (
        Enrolment.objects.filter(status=Enrolment.Status.PENDING, person__in=people)
        .select_related("person", "run__course")
        .order_by("created_at", "pk")
    )


def pending_external_for_user(*, user: User) -> QuerySet[ExternalTraining]:
    people = scope.people_visible_to(user, Action.APPROVE_TRAINING)
    return (
        ExternalTraining.objects.filter(status=ExternalTraining.Status.SUBMITTED, person__in=people)
        .select_related("person__region")
        .order_by("submitted_at", "pk")
    )


def sessions_for_attendee(*, person: Person) -> QuerySet[TrainingSession]:
    """Sessions of runs the person is enrolled in (or was, then cancelled), for the calendar."""
    return (
        TrainingSession.objects.filter(
            run__enrolments__person=person,
            run__enrolments__status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.CANCELLED],
        )
        .annotate(
            active=Exists(
                Enrolment.objects.filter(
                    run=OuterRef("run"), person=person, status=Enrolment.Status.ENROLLED
                )
            )
        )
        .select_related("run__course")
        .distinct()
        .order_by("starts_at")
    )


# The public site (cms): totals without names.


def year_total_minutes(*, year: int) -> int:
    """Training minutes credited to everyone in a calendar year, from the yearly summary
    (one aggregate query, however long the ledger)."""
    total = HourSummary.objects.filter(year=year).aggregate(total=Sum("minutes"))["total"]
    return total or 0


def open_course_count(*, now: dt.datetime) -> int:
    """Courses with a run still taking enrolments at `now` (one query)."""
    runs = CourseRun.objects.filter(enrolment_deadline__gte=now)
    return runs.aggregate(courses=Count("course", distinct=True))["courses"]


def courses_open_matching(*, terms: list[str], now: dt.datetime) -> QuerySet[Course]:
    """Courses with a run still taking enrolments at `now` whose title or description contains
    every one of `terms`, soonest first, with that run (`open_run_id`, `open_run_starts_on`:
    the first to start) and their region. For the site search: only what anyone may read of a
    course (title, kind, description, region, dates), nothing about people (one query)."""
    open_runs = CourseRun.objects.filter(
        course=OuterRef("pk"), enrolment_deadline__gte=now
    ).order_by("starts_on", "pk")
    courses = Course.objects.filter(Exists(open_runs))
    for term in terms:
        courses = courses.filter(Q(title__icontains=term) | Q(description__icontains=term))
    return (
        courses.annotate(
            open_run_id=Subquery(open_runs.values("pk")[:1]),
            open_run_starts_on=Subquery(open_runs.values("starts_on")[:1]),
        )
        .select_related("region")
        .order_by("open_run_starts_on", "pk")
    )


def station_attendance_count(
    *, service_point: ServicePoint, starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> int:
    """Attendances at training sessions held between two dates (inclusive, Shanghai dates) by
    the people currently working at a station (one query)."""
    staff = _staff_at(service_points=[service_point], today=today).values("person_id")
    return Attendance.objects.filter(
        person_id__in=staff,
        session__cancelled=False,
        session__starts_at__date__gte=starts_on,
        session__starts_at__date__lte=ends_on,
    ).count()


def personal_data_of(*, person) -> dict[str, list[dict]]:
    """The person's training-hours ledger and enrolments."""
    return {
        "学时记录": personal_data_rows(
            HourEntry.objects.filter(person=person).order_by("on", "pk"),
            {
                "on": "日期",
                "minutes": "分钟",
                "kind": "培训类别",
                "providing_level": "计入层级",
                "source": "来源",
            },
        ),
        "培训报名": personal_data_rows(
            Enrolment.objects.filter(person=person).order_by("run__starts_on", "pk"),
            {"run__course__title": "课程", "run__starts_on": "开班日期", "status": "状态"},
        ),
    }
