"""Demo training data for `manage.py seed_demo` (directory/demo/extensions.py).

Demo scale: in every province, city and county, one course of each kind (R11) at that level
(R12), with a run about every two months over the past year, one open for enrolment and, for
county practice courses, a run with a session today (for the QR sign-in); county runs last four
half days, the others three. Each demo worker with an account has their own take-up at each
level: the chance of taking each course offered above their station, in one of its past runs,
where they attend most sessions. So some workers meet the year's hours (R12) and others do not,
and their hours pages show data.

Province scale: at least 2,000,000 ledger rows over three years for the province-scale
workers, as historical credits ("历史学时导入（演示）"), written with COPY on PostgreSQL or
bulk_create elsewhere.
"""

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from accounts.models import RoleGrant, User
from accounts.roles import Role
from directory.models import Person, Position, Region
from lms.models import (
    Attendance,
    Course,
    CourseMaterial,
    CourseRun,
    Enrolment,
    EnrolmentMode,
    ExternalTraining,
    HourEntry,
    HourSummary,
    Kind,
    TrainingSession,
)
from lms.services import ledger

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = dt.timedelta(days=1)
SEED = 20251111
LEVELS = ("province", "city", "county")
TITLES = {
    Kind.PRE_JOB: "新入职社工岗前培训",
    Kind.SUPERVISION: "督导技能提升培训",
    Kind.CONTINUING: "社会工作继续教育专题",
    Kind.PRACTICE: "个案与小组工作实务",
    Kind.POLICY: "民政政策法规解读",
}
PAST_RUNS = 6  # a run about every RUN_EVERY days over the past year
RUN_EVERY = 56
LAST_RUN_ENDS = 7  # days before today, at the latest
OPEN_RUN = 21  # days from today to the run open for enrolment
SESSIONS_PER_RUN = {"province": 3, "city": 3, "county": 4}
TAKE_UP = (0.3, 0.9)  # the range of a worker's chance of taking a course offered at a level
ATTENDED = 0.9  # the chance of attending each session of a run taken
SESSION_MINUTES = 180
PROVINCE_REASON = "历史学时导入（演示）"
PROVINCE_ROWS = 2_000_000
PROVINCE_YEARS = 3
BATCH = 100_000


def seed(*, scale: str, figures) -> None:
    started = time.perf_counter()
    added = rows = _seed_demo()
    figures.add("lms: courses and attendance", time.perf_counter() - started, rows)
    if scale == "province":
        started = time.perf_counter()
        rows = _seed_province()
        added += rows
        figures.add("lms: province ledger", time.perf_counter() - started, rows)
    if added:
        started = time.perf_counter()
        rows = ledger.summary_rebuild()
        figures.add("lms: yearly summary", time.perf_counter() - started, rows)


def reset() -> None:
    """Delete every training row (the ledger first: reversals, then the rest)."""
    HourSummary.objects.all()._raw_delete(connection.alias)
    HourEntry.objects.filter(reverses__isnull=False)._raw_delete(connection.alias)
    HourEntry.objects.all()._raw_delete(connection.alias)
    for model in (Attendance, Enrolment, ExternalTraining, TrainingSession):
        model.objects.all()._raw_delete(connection.alias)
    CourseRun.trainers.through.objects.all().delete()
    CourseRun.objects.all().delete()
    CourseMaterial.objects.all().delete()
    Course.audience_regions.through.objects.all().delete()
    Course.objects.all().delete()


def _providers() -> dict[str, User]:
    """Training-provider accounts by the path of the region they serve."""
    grants = RoleGrant.objects.filter(
        role=Role.TRAINING_PROVIDER, revoked_at__isnull=True, region__isnull=False
    ).select_related("region", "user")
    return {grant.region.path: grant.user for grant in grants}


def _seed_demo() -> int:
    if Course.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    today = timezone.localdate()
    providers = _providers()
    regions = list(Region.objects.filter(level__in=LEVELS).order_by("path"))
    courses = []
    for region in regions:
        provider = providers.get(region.path) if region.level == "city" else None
        for kind, title in TITLES.items():
            courses.append(
                Course(
                    title=f"{region.name}{title}",
                    description=f"{region.name}民政部门组织的{Kind(kind).label}（演示数据）。",
                    kind=kind,
                    providing_level=region.level,
                    organiser_region=None if provider else region,
                    organiser_provider=provider,
                    region=region,
                    location=f"{region.name}社会工作服务中心培训室",
                    minutes_per_session=SESSION_MINUTES,
                )
            )
    Course.objects.bulk_create(courses, batch_size=2000)
    courses = list(Course.objects.select_related("region").order_by("pk"))
    runs, sessions = [], []
    for course in courses:
        days = SESSIONS_PER_RUN[course.region.level]
        offsets = [
            -(LAST_RUN_ENDS + days + RUN_EVERY * n + rng.randrange(RUN_EVERY // 2))
            for n in reversed(range(PAST_RUNS))
        ] + [OPEN_RUN]
        if course.kind == Kind.PRACTICE and course.region.level == "county":
            offsets.append(0)
        for number, offset in enumerate(sorted(offsets), start=1):
            first = today + dt.timedelta(days=offset)
            runs.append(
                CourseRun(
                    course=course,
                    name=f"第{number}期",
                    capacity=rng.choice((30, 40, 60)),
                    enrolment_mode=EnrolmentMode.ASSIGNED
                    if course.kind == Kind.PRE_JOB
                    else EnrolmentMode.OPEN,
                    # Today's run stays open until the evening, for the enrol-then-scan demo.
                    enrolment_deadline=_at(first, 20) if offset == 0 else _at(first - DAY, 18),
                    cancellation_deadline=_at(first, 7) if offset == 0 else _at(first - DAY, 12),
                    starts_on=first,
                    ends_on=first + dt.timedelta(days=days - 1),
                )
            )
    CourseRun.objects.bulk_create(runs, batch_size=2000)
    runs = list(CourseRun.objects.select_related("course__region").order_by("pk"))
    trainers = []
    for run in runs:
        if run.course.organiser_provider_id:
            trainers.append(
                CourseRun.trainers.through(courserun=run, user_id=run.course.organiser_provider_id)
            )
        for day in range((run.ends_on - run.starts_on).days + 1):
            on = run.starts_on + dt.timedelta(days=day)
            today_run = run.starts_on == today
            starts, ends = (_at(on, 8), _at(on, 21)) if today_run else (_at(on, 9), _at(on, 12))
            sessions.append(
                TrainingSession(run=run, starts_at=starts, ends_at=ends, minutes=SESSION_MINUTES)
            )
    CourseRun.trainers.through.objects.bulk_create(trainers)
    TrainingSession.objects.bulk_create(sessions, batch_size=5000)
    return len(courses) + len(runs) + len(sessions) + _attend(rng, sessions, today)


def _at(on: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(on, dt.time(hour), tzinfo=SHANGHAI)


def _attend(rng: random.Random, sessions: list[TrainingSession], today: dt.date) -> int:
    """Demo workers with accounts take each course above their station with the chance of
    their own take-up at the course's level, in one of its past runs, and attend each of its
    sessions with the chance ATTENDED; attendance is credited in the ledger (one row per
    session)."""
    current = Position.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    workers = list(
        current.filter(person__user__isnull=False, role="resident_worker")
        .select_related("person", "service_point__region")
        .order_by("pk")
    )
    now = timezone.now()
    sessions_of: dict[CourseRun, list[TrainingSession]] = {}
    for session in sessions:
        sessions_of.setdefault(session.run, []).append(session)
    past: dict[Course, list[CourseRun]] = {}
    for run, held in sessions_of.items():
        if held[-1].ends_at < now:
            past.setdefault(run.course, []).append(run)
    take_up: dict[tuple[int, str], float] = {}
    enrolments, attended = [], []
    seen = set()
    for position in workers:
        person = position.person
        path = position.service_point.region.path
        for course, offered in past.items():
            if not path.startswith(course.region.path) or (person.pk, course.pk) in seen:
                continue
            seen.add((person.pk, course.pk))
            level = course.providing_level
            if (person.pk, level) not in take_up:
                take_up[person.pk, level] = rng.uniform(*TAKE_UP)
            if rng.random() >= take_up[person.pk, level]:
                continue
            run = rng.choice(offered)
            enrolments.append(
                Enrolment(
                    run=run,
                    person=person,
                    status=Enrolment.Status.ENROLLED,
                    created_by_id=person.user_id,
                    assigned=run.enrolment_mode == "assigned",
                )
            )
            attended.extend(
                Attendance(
                    session=session,
                    person=person,
                    method=Attendance.Method.CHECKLIST,
                    marked_by_id=person.user_id,
                )
                for session in sessions_of[run]
                if rng.random() < ATTENDED
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    Attendance.objects.bulk_create(attended, batch_size=5000)
    entries = [
        HourEntry(
            person_id=a.person_id,
            on=timezone.localdate(a.session.starts_at),
            minutes=a.session.minutes,
            kind=a.session.run.course.kind,
            providing_level=a.session.run.course.providing_level,
            source=HourEntry.Source.ATTENDANCE,
            attendance=a,
            entered_by_id=a.marked_by_id,
        )
        for a in attended
    ]
    HourEntry.objects.bulk_create(entries, batch_size=5000)
    return len(enrolments) + len(attended) + len(entries)


def _seed_province() -> int:
    """≥ 2,000,000 historical ledger rows over three years for the workers of the province
    scale (people without accounts), spread evenly."""
    if HourEntry.objects.filter(reason=PROVINCE_REASON).exists():
        return 0
    people = list(
        Person.objects.filter(user__isnull=True, positions__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    if not people:
        return 0
    per_person = -(-PROVINCE_ROWS // len(people))
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    last_year = timezone.localdate().year
    first = dt.date(last_year - PROVINCE_YEARS + 1, 1, 1)
    span = (dt.date(last_year, 12, 31) - first).days + 1
    kinds, levels = list(Kind.values), ["province", "city", "county", "county"]
    now = timezone.now()

    def rows():
        for person_id in people:
            for _ in range(per_person):
                yield (
                    person_id,
                    first + dt.timedelta(days=rng.randrange(span)),
                    rng.choice((60, 90, 120, 180)),
                    rng.choice(kinds),
                    rng.choice(levels),
                )

    if connection.vendor == "postgresql":
        return _copy(rows(), now)
    written, batch = 0, []
    for person_id, on, minutes, kind, level in rows():
        batch.append(
            HourEntry(
                person_id=person_id,
                on=on,
                minutes=minutes,
                kind=kind,
                providing_level=level,
                source="adjustment",
                reason=PROVINCE_REASON,
                entered_at=now,
            )
        )
        if len(batch) == BATCH:
            HourEntry.objects.bulk_create(batch)
            written, batch = written + len(batch), []
    HourEntry.objects.bulk_create(batch)
    return written + len(batch)


def _copy(rows, now: dt.datetime) -> int:
    """COPY the rows into the ledger table (PostgreSQL, psycopg 3)."""
    table = HourEntry._meta.db_table
    columns = 'person_id, "on", minutes, kind, providing_level, source, reason, entered_at'
    written = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
            for person_id, on, minutes, kind, level in rows:
                copy.write_row(
                    (person_id, on, minutes, kind, level, "adjustment", PROVINCE_REASON, now)
                )
                written += 1
        cursor.execute(f"ANALYZE {table}")
    return written
