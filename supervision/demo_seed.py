"""Demo supervision for `manage.py seed_demo` (directory/demo/extensions.py).

Demo scale: every demo person with a supervisor grant (directory/demo/base.py) gets a profile on
the grade ladder (R24) and one assignment per grant, in the mode the grant expresses (R5): a
region grant is Jiashan's chief supervisor, a single station Pinghu's "1+1" expert, several
stations a circuit expert. Haining's term is two years, flagged with a reason (R6). A year of
sessions (every two weeks, the next month planned) at each supervised station: older ones
confirmed, recent ones pending, one disputed, one planned session cancelled; one station's past
year is locked.

Province scale: one circuit supervisor per four Hunan township stations without one, and two
sessions a week at each for a year: at least 200,000 sessions with their supervisee rows,
written with bulk_create in batches.
"""

import datetime as dt
import random
from collections import defaultdict
from itertools import islice
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from accounts.models import RoleGrant, User
from accounts.roles import Role
from core.crypto import keyed_hash
from directory.demo.base import SUPERVISION
from directory.demo.people import PeopleMaker
from directory.models import Person, Position, Region, ServicePoint
from supervision import terms
from supervision.models import (
    Assignment,
    Attachment,
    CommitteeLevel,
    GradeChange,
    SessionForm,
    Supervisee,
    SupervisionSession,
    SupervisorGrade,
    SupervisorProfile,
    TermReminder,
    YearLock,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED = 20210818 + 4
GRADES = ("督导助理", "见习督导", "初级督导", "中级督导", "高级督导")
TERM_STARTS_ON = dt.date(2024, 3, 1)
TERM_ENDS_ON = dt.date(2027, 2, 28)
HAINING_REASON = "海宁“6430”试点项目周期两年，期满后随项目重新聘任"
DURATIONS = (60, 90, 120, 120, 180)
TOPICS = (
    "个案工作评估与计划",
    "困境儿童个案研讨",
    "独居老人探访服务复盘",
    "小组工作设计与带领",
    "社区需求调研方法",
    "社工职业倦怠与自我照顾",
    "服务记录与档案规范",
    "项目成效评估指标",
    "志愿者队伍建设",
    "社会救助对象精准识别",
)
FORMS_BY_MODE = {
    Assignment.Mode.LINKED_EXPERT: (
        SessionForm.ONE_TO_ONE,
        SessionForm.GROUP,
        SessionForm.CASE_CONFERENCE,
    ),
    Assignment.Mode.CHIEF: (SessionForm.CIRCUIT, SessionForm.EVALUATION, SessionForm.ONLINE),
    Assignment.Mode.CIRCUIT: (SessionForm.CIRCUIT, SessionForm.GROUP, SessionForm.CASE_CONFERENCE),
}
PROVINCE_PREFIX = "supervisor.hn"
HUNAN = "43"  # province code prefix
PROVINCE_STATIONS_EACH = 4
PROVINCE_SESSIONS_A_YEAR = 104  # two a week
BATCH = 5_000
CONFIRMED_AFTER_DAYS = 21


def seed(*, scale: str, figures) -> None:
    today = timezone.localdate()
    grades = _grades()
    figures.run("supervision: supervisors", _demo_supervisors, grades)
    figures.run("supervision: sessions", _demo_sessions, today)
    if scale == "province":
        figures.run("supervision: province supervisors", _province_supervisors, grades)
        figures.run("supervision: province sessions", _province_sessions, today)


def reset() -> None:
    """Delete every supervision row (children first; nothing else refers to them)."""
    Attachment.objects.all().delete()
    Supervisee.objects.all().delete()
    SupervisionSession.supervisors.through.objects.all().delete()
    SupervisionSession.objects.all().delete()
    TermReminder.objects.all().delete()
    YearLock.objects.all().delete()
    Assignment.objects.all().delete()
    GradeChange.objects.all().delete()
    SupervisorProfile.objects.update(mentor=None)
    SupervisorProfile.objects.all().delete()
    SupervisorGrade.objects.all().delete()


def _grades() -> list[SupervisorGrade]:
    return [
        SupervisorGrade.objects.get_or_create(name=name, defaults={"rank": rank})[0]
        for rank, name in enumerate(GRADES, start=1)
    ]


# Demo scale


def _demo_supervisors(grades: list[SupervisorGrade]) -> int:
    """Profiles and assignments consistent with the demo's supervisor grants."""
    grants = (
        RoleGrant.objects.filter(role=Role.SUPERVISOR, revoked_at__isnull=True)
        .exclude(user__email__startswith=PROVINCE_PREFIX)
        .filter(user__person__isnull=False)
        .select_related("user__person", "region")
        .order_by("user__email", "pk")
    )
    by_person: dict[Person, list[RoleGrant]] = defaultdict(list)
    for grant in grants:
        by_person[grant.user.person].append(grant)
    created = 0
    chief = None
    for person, own in by_person.items():
        email = person.user.email
        mode = _mode(email)
        profile, new = SupervisorProfile.objects.get_or_create(
            person=person,
            defaults={
                "committee_level": CommitteeLevel.LOCAL
                if mode == Assignment.Mode.LINKED_EXPERT
                else (
                    CommitteeLevel.CITY
                    if email.startswith("supervisor.xihu")
                    else CommitteeLevel.COUNTY
                ),
                "grade": grades[_grade_rank(email, mode) - 1],
                "specialties": "个案工作、小组工作"
                if mode != Assignment.Mode.CHIEF
                else "督导体系建设",
            },
        )
        if new:
            created += 1
            for rank, year in _grade_history(profile.grade.rank):
                GradeChange.objects.create(
                    profile=profile, grade=grades[rank - 1], starts_on=dt.date(year, 7, 1)
                )
        if mode == Assignment.Mode.CHIEF:
            chief = profile
        for grant in own:
            created += _demo_assignment(profile, grant, mode)
    if chief is not None:  # Jiashan's chief mentors the local "1+1" experts (R16)
        SupervisorProfile.objects.filter(
            committee_level=CommitteeLevel.LOCAL, mentor__isnull=True
        ).update(mentor=chief)
    return created


# The modes of directory/demo/base.py's SUPERVISION, by the supervisor's e-mail name; Pinghu's
# per-station experts (supervisor.<station>@) are its "1+1" (R5).
MODES = {
    name: Assignment.Mode.CHIEF if mode == "chief" else Assignment.Mode.CIRCUIT
    for _county, mode, name in SUPERVISION
    if mode != "per_station"
}


def _mode(email: str) -> str:
    return MODES.get(email.split("@")[0], Assignment.Mode.LINKED_EXPERT)


def _grade_rank(email: str, mode: str) -> int:
    if mode == Assignment.Mode.CHIEF or email.startswith("supervisor.xihu"):
        return 5
    if mode == Assignment.Mode.LINKED_EXPERT:
        return 2 + len(email) % 2  # 见习 or 初级
    return 4


def _grade_history(rank: int) -> list[tuple[int, int]]:
    """(grade rank, year reached), ending at `rank`, a step every three years."""
    first = max(rank - 2, 1)
    return [(r, 2023 - 3 * (rank - r)) for r in range(first, rank + 1)]


def _demo_assignment(profile: SupervisorProfile, grant: RoleGrant, mode: str) -> int:
    target = {"service_point_id": grant.service_point_id, "region_id": grant.region_id}
    if Assignment.objects.filter(supervisor=profile, **target).exists():
        return 0
    starts_on, ends_on, reason = TERM_STARTS_ON, TERM_ENDS_ON, ""
    if profile.person.user.email.startswith("supervisor.haining"):
        starts_on, ends_on, reason = dt.date(2025, 1, 1), dt.date(2026, 12, 31), HAINING_REASON
    if mode == Assignment.Mode.CHIEF:  # the previous term, kept as history
        Assignment.objects.create(
            supervisor=profile,
            mode=mode,
            starts_on=dt.date(2021, 3, 1),
            planned_end_on=dt.date(2024, 2, 29),
            ended_on=dt.date(2024, 2, 29),
            **target,
        )
    Assignment.objects.create(
        supervisor=profile,
        mode=mode,
        starts_on=starts_on,
        planned_end_on=ends_on,
        term_reason=reason,
        **target,
    )
    return 1


def _supervised_stations(assignments) -> dict[int, tuple[Assignment, list[int]]]:
    """Station id → the assignment that covers it (region assignments cover their townships)."""
    covered: dict[int, Assignment] = {}
    for assignment in assignments:
        if assignment.service_point_id:
            covered.setdefault(assignment.service_point_id, assignment)
        else:
            points = ServicePoint.objects.filter(
                region__path__startswith=assignment.region.path,
                kind__in=[ServicePoint.Kind.TOWNSHIP_STATION, ServicePoint.Kind.COUNTY_STATION],
            ).values_list("pk", flat=True)
            for point in points:
                covered.setdefault(point, assignment)
    return covered


def _staff(station_ids) -> dict[int, list[tuple[int, dt.date, dt.date | None, int | None]]]:
    rows = Position.objects.filter(service_point_id__in=station_ids).values_list(
        "service_point_id", "person_id", "starts_on", "ends_on", "person__user_id"
    )
    staff = defaultdict(list)
    for point, person, starts_on, ends_on, user in rows:
        staff[point].append((person, starts_on, ends_on, user))
    return staff


def _demo_sessions(today: dt.date) -> int:
    assignments = (
        Assignment.objects.filter(ended_on__isnull=True, starts_on__lte=today)
        .exclude(supervisor__person__user__email__startswith=PROVINCE_PREFIX)
        .select_related("supervisor", "region")
        .order_by("pk")
    )
    covered = _supervised_stations(assignments)
    if SupervisionSession.objects.filter(service_point_id__in=covered).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 (reproducible demo data)
    days = [today - dt.timedelta(days=365) + dt.timedelta(days=14 * n) for n in range(29)]
    plan = [
        (point, assignment, day + dt.timedelta(days=rng.randrange(3)))
        for point, assignment in sorted(covered.items())
        for day in days
    ]
    rows = _write_sessions(plan, staff=_staff(covered), today=today, rng=rng, per_session=6)
    _demo_exceptions(today)
    return rows


def _demo_exceptions(today: dt.date) -> None:
    """One disputed part, one cancelled planned session, one locked past year."""
    part = (
        Supervisee.objects.filter(
            state=Supervisee.State.CONFIRMED,
            person__user__email__startswith="worker",
            held_on__gte=today - dt.timedelta(days=60),
        )
        .order_by("-held_on", "pk")
        .first()
    )
    if part:
        Supervisee.objects.filter(pk=part.pk).update(
            state=Supervisee.State.DISPUTED,
            dispute_reason="当天只参加了前半场，时长应为一半",
            answered_at=timezone.now(),
            answered_by_id=part.person.user_id,
        )
    planned = (
        SupervisionSession.objects.filter(status=SupervisionSession.Status.PLANNED)
        .order_by("started_at", "pk")
        .first()
    )
    if planned:
        SupervisionSession.objects.filter(pk=planned.pk).update(
            status=SupervisionSession.Status.CANCELLED, version=2, updated_at=timezone.now()
        )
        YearLock.objects.get_or_create(
            service_point_id=planned.service_point_id,
            year=today.year - 1,
            defaults={"closed_at": timezone.now()},
        )


def _write_sessions(plan, *, staff, today, rng, per_session) -> int:
    """Sessions for (station id, assignment, day) triples, with supervisors and supervisees."""
    Through = SupervisionSession.supervisors.through
    now = timezone.now()
    written = 0
    plan = iter(plan)
    while batch := list(islice(plan, BATCH)):
        sessions = []
        for point, assignment, day in batch:
            forms = FORMS_BY_MODE.get(assignment.mode, (SessionForm.CIRCUIT,))
            started_at = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 14, 15))), SHANGHAI)
            sessions.append(
                SupervisionSession(
                    service_point_id=point,
                    providing_level=terms.providing_level(assignment.supervisor.committee_level),
                    form=rng.choice(forms),
                    started_at=started_at,
                    held_on=day,
                    duration_minutes=rng.choice(DURATIONS),
                    status=SupervisionSession.Status.HELD
                    if day <= today
                    else SupervisionSession.Status.PLANNED,
                    topic=rng.choice(TOPICS),
                    notes="督导围绕服务中的难点进行讨论，明确了下一步的服务计划。",
                    follow_up="两周内完成个案服务计划修订。",
                    created_at=now,
                    updated_at=now,
                )
            )
        SupervisionSession.objects.bulk_create(sessions, batch_size=1000)
        links, parts = [], []
        for session, (point, assignment, day) in zip(sessions, batch, strict=True):
            links.append(
                Through(
                    supervisionsession_id=session.pk, supervisorprofile_id=assignment.supervisor_id
                )
            )
            present = [
                s for s in staff.get(point, ()) if s[1] <= day and (s[2] is None or s[2] >= day)
            ]
            for person, _starts_on, _ends_on, user in rng.sample(
                present, min(per_session, len(present))
            ):
                confirmed = (
                    day < today - dt.timedelta(days=CONFIRMED_AFTER_DAYS) and rng.random() < 0.95
                )
                minutes = session.duration_minutes - (
                    30 if rng.random() < 0.15 and session.duration_minutes > 60 else 0
                )
                parts.append(
                    Supervisee(
                        session_id=session.pk,
                        person_id=person,
                        minutes=minutes,
                        held_on=day,
                        providing_level=session.providing_level,
                        state=Supervisee.State.CONFIRMED if confirmed else Supervisee.State.PENDING,
                        answered_at=session.started_at + dt.timedelta(days=2)
                        if confirmed
                        else None,
                        answered_by_id=user if confirmed else None,
                    )
                )
        Through.objects.bulk_create(links, batch_size=BATCH)
        Supervisee.objects.bulk_create(parts, batch_size=BATCH)
        written += len(sessions) + len(parts)
    return written


# Province scale


def _province_stations() -> list[ServicePoint]:
    supervised = RoleGrant.objects.filter(
        role=Role.SUPERVISOR, revoked_at__isnull=True, service_point__isnull=False
    ).values("service_point_id")
    chief_paths = RoleGrant.objects.filter(
        role=Role.SUPERVISOR, revoked_at__isnull=True, region__isnull=False
    ).values_list("region__path", flat=True)
    points = (
        ServicePoint.objects.filter(
            kind=ServicePoint.Kind.TOWNSHIP_STATION, region__code__startswith=HUNAN
        )
        .exclude(pk__in=supervised)
        .exclude(_any_path(chief_paths))
        .select_related("region")
        .order_by("region__path")
    )
    return list(points)


def _any_path(paths) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(region__path__startswith=path)
    return condition


def _province_supervisors(grades: list[SupervisorGrade]) -> int:
    """A circuit supervisor (person, account, grant, profile, assignment) per four stations."""
    stations = _province_stations()
    if not stations:
        return 0
    people = PeopleMaker(seed=SEED, mobile_prefixes=("198", "199"))
    taken = set(Person.objects.values_list("id_number_hash", flat=True))
    password = make_password("demo12345")
    teams = [
        stations[i : i + PROVINCE_STATIONS_EACH]
        for i in range(0, len(stations), PROVINCE_STATIONS_EACH)
    ]
    users, persons = [], []
    for n, team in enumerate(teams, start=1):
        county = team[0].region.code[:6]
        while True:
            row = people.person(
                area=county, born_from=1965, born_to=1988, floor="master", female_share=0.5
            )
            if keyed_hash(row.id_number) not in taken:
                taken.add(keyed_hash(row.id_number))
                break
        users.append(
            User(
                email=f"{PROVINCE_PREFIX}{n:04d}@example.cn", last_name=row.name, password=password
            )
        )
        persons.append(row)
    User.objects.bulk_create(users, batch_size=1000)
    counties = {row.region_code for row in persons}
    county_ids = dict(Region.objects.filter(code__in=counties).values_list("code", "pk"))
    people_rows = [
        Person(
            name=row.name,
            gender=row.gender,
            born_on=row.born_on,
            id_number=row.id_number,
            mobile=row.mobile,
            education=row.education,
            social_work_major=row.social_work_major,
            region_id=county_ids[row.region_code],
            user_id=user.pk,
        )
        for row, user in zip(persons, users, strict=True)
    ]
    Person.objects.bulk_create(people_rows, batch_size=1000)
    profiles = SupervisorProfile.objects.bulk_create(
        [
            SupervisorProfile(
                person=person, committee_level=CommitteeLevel.COUNTY, grade=grades[2 + n % 3]
            )
            for n, person in enumerate(people_rows)
        ]
    )
    GradeChange.objects.bulk_create(
        GradeChange(profile=profile, grade=profile.grade, starts_on=dt.date(2022, 7, 1))
        for profile in profiles
    )
    grants, assignments = [], []
    for profile, user, team in zip(profiles, users, teams, strict=True):
        for point in team:
            grants.append(RoleGrant(user=user, role=Role.SUPERVISOR, service_point=point))
            assignments.append(
                Assignment(
                    supervisor=profile,
                    service_point=point,
                    mode=Assignment.Mode.CIRCUIT,
                    starts_on=TERM_STARTS_ON,
                    planned_end_on=TERM_ENDS_ON,
                )
            )
    RoleGrant.objects.bulk_create(grants, batch_size=BATCH)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    return len(users) + len(people_rows) + len(profiles) + len(grants) + len(assignments)


def _province_sessions(today: dt.date) -> int:
    assignments = list(
        Assignment.objects.filter(supervisor__person__user__email__startswith=PROVINCE_PREFIX)
        .select_related("supervisor")
        .order_by("service_point_id")
    )
    points = [a.service_point_id for a in assignments]
    if not points or SupervisionSession.objects.filter(service_point_id__in=points[:1]).exists():
        return 0
    rng = random.Random(SEED + 1)  # noqa: S311 (reproducible demo data)
    first = today - dt.timedelta(days=364)
    step = 364 / PROVINCE_SESSIONS_A_YEAR

    def plan():
        for assignment in assignments:
            for n in range(PROVINCE_SESSIONS_A_YEAR):
                day = first + dt.timedelta(days=int(n * step) + rng.randrange(2))
                yield assignment.service_point_id, assignment, min(day, today)

    rows = _write_sessions(plan(), staff=_staff(points), today=today, rng=rng, per_session=3)
    if connection.vendor == "postgresql":  # fresh statistics, or the planner guesses badly
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE supervision_supervisionsession, supervision_supervisee, "
                "supervision_supervisionsession_supervisors"
            )
    return rows
