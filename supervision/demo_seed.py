"""Demo supervision for `manage.py seed_demo` (directory/demo/extensions.py).

Demo scale: every demo person with a supervisor grant (directory/demo/base.py) gets a profile on
the grade ladder (R24) and one assignment per grant, in the mode the grant expresses (R5): a
region grant is Jiashan's chief supervisor, a single station Pinghu's "1+1" expert, several
stations a circuit expert; Changsha's city expert visits some of its stations. Haining's term is
two years, flagged with a reason (R6). Hunan's first local supervisors (本土督导, R16) are the
heads of two Changsha stations. A year of sessions (the next month planned) at each supervised
station, every two, three or four weeks depending on the station, and a half day each quarter
from the city expert; each person attends at their own rate, so some workers meet the year's
hours (R8) and others fall short. Older sessions confirmed, recent ones pending, one disputed,
one planned session cancelled; one station's past year is locked.

Province scale: one circuit supervisor per four Hunan township stations without one, and two
sessions a week at each for a year: at least 200,000 sessions with their supervisee rows,
written with bulk_create in batches.
"""

import datetime as dt
import random
from collections import defaultdict

from django.utils import timezone

from accounts.models import RoleGrant
from accounts.roles import Role
from directory.demo.base import SUPERVISION
from directory.models import Person, ServicePoint
from supervision.demo.province import PROVINCE_PREFIX, province_sessions, province_supervisors
from supervision.demo.sessions import SEED, TERM_ENDS_ON, TERM_STARTS_ON, staff_at, write_sessions
from supervision.models import (
    Assignment,
    Attachment,
    CommitteeLevel,
    GradeChange,
    ReceivedSummary,
    StationSummary,
    Supervisee,
    SupervisionSession,
    SupervisorGrade,
    SupervisorProfile,
    TermReminder,
    YearLock,
)
from supervision.services import summary

GRADES = ("督导助理", "见习督导", "初级督导", "中级督导", "高级督导")
DISPUTING_WORKER = "worker1.beishan@example.cn"  # a featured demo account (Xihu)
HAINING_REASON = "海宁“6430”试点项目周期两年，期满后随项目重新聘任"
# R16: Hunan selects local supervisors from experienced station staff, mentored by the county's
# circuit supervisor, on the first grade of the ladder from their selection.
HUNAN_LOCAL = ("head.xingsha@example.cn", "head.huaichuan@example.cn")
HUNAN_LOCAL_SINCE = dt.date(2022, 9, 1)
HUNAN_MENTOR = "supervisor.changshaxian@example.cn"
CADENCES = (14, 21, 28)  # days between a station's sessions, chosen per station
CITY_CADENCE = 91  # a city expert visits each of their stations once a quarter
CITY_DURATIONS = (240,)  # half a day
ATTENDANCE = (0.6, 0.95)  # the range of each person's chance of attending a session
PLANNED_DAYS = 28  # sessions are planned a month ahead


def seed(*, scale: str, figures) -> None:
    today = timezone.localdate()
    grades = _grades()
    figures.run("supervision: supervisors", _demo_supervisors, grades)
    figures.run("supervision: Hunan local supervisors", _hunan_local_supervisors, grades)
    added = figures.run("supervision: sessions", _demo_sessions, today)
    if scale == "province":
        figures.run("supervision: province supervisors", province_supervisors, grades)
        added += figures.run("supervision: province sessions", province_sessions, today)
    if added:
        figures.run("supervision: yearly summaries", _summaries_rebuild)


def _summaries_rebuild() -> int:
    """Bulk-written sessions bypass the services: rebuild the summaries from them."""
    return sum(summary.rebuild().values())


def reset() -> None:
    """Delete every supervision row (children first; nothing else refers to them)."""
    Attachment.objects.all().delete()
    ReceivedSummary.objects.all().delete()
    StationSummary.objects.all().delete()
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
                    CommitteeLevel.CITY if _name(email) in CITY_EXPERTS else CommitteeLevel.COUNTY
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


def _hunan_local_supervisors(grades: list[SupervisorGrade]) -> int:
    """Profiles for Hunan's first local supervisors, with their selection as the first step of
    their grade history (R16)."""
    mentor = SupervisorProfile.objects.filter(person__user__email=HUNAN_MENTOR).first()
    created = 0
    for person in Person.objects.filter(user__email__in=HUNAN_LOCAL).order_by("pk"):
        profile, new = SupervisorProfile.objects.get_or_create(
            person=person,
            defaults={
                "committee_level": CommitteeLevel.LOCAL,
                "grade": grades[0],
                "specialties": "个案工作、社会救助",
                "mentor": mentor,
            },
        )
        if new:
            GradeChange.objects.create(
                profile=profile, grade=grades[0], starts_on=HUNAN_LOCAL_SINCE
            )
            created += 1
    return created


# The modes of directory/demo/base.py's SUPERVISION, by the supervisor's e-mail name; Pinghu's
# per-station experts (supervisor.<station>@) are its "1+1" (R5).
MODES = {
    name: Assignment.Mode.CHIEF if mode == "chief" else Assignment.Mode.CIRCUIT
    for _county, mode, name in SUPERVISION
    if mode != "per_station"
}
# Experts of a city's committee who visit some of its stations each quarter (R8: city hours).
CITY_VISITORS = {name for _county, mode, name in SUPERVISION if mode == "city"}
CITY_EXPERTS = CITY_VISITORS | {"supervisor.xihu"}


def _name(email: str) -> str:
    return email.split("@")[0]


def _mode(email: str) -> str:
    return MODES.get(_name(email), Assignment.Mode.LINKED_EXPERT)


def _grade_rank(email: str, mode: str) -> int:
    if mode == Assignment.Mode.CHIEF or _name(email) in CITY_EXPERTS:
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


def _supervised_stations(assignments) -> dict[tuple[int, int], Assignment]:
    """(station id, supervisor id) → the assignment under which the supervisor visits the station
    (region assignments cover their townships)."""
    covered: dict[tuple[int, int], Assignment] = {}
    for assignment in assignments:
        if assignment.service_point_id:
            points = [assignment.service_point_id]
        else:
            points = ServicePoint.objects.filter(
                region__path__startswith=assignment.region.path,
                kind__in=[ServicePoint.Kind.TOWNSHIP_STATION, ServicePoint.Kind.COUNTY_STATION],
            ).values_list("pk", flat=True)
        for point in points:
            covered.setdefault((point, assignment.supervisor_id), assignment)
    return covered


def _days(*, first: dt.date, every: int, until: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=every * n) for n in range((until - first).days // every + 1)]


def _demo_sessions(today: dt.date) -> int:
    """A year of sessions and the next month's: each station at its own cadence, the city
    experts' visits each quarter; each person attends at their own rate."""
    assignments = (
        Assignment.objects.filter(ended_on__isnull=True, starts_on__lte=today)
        .exclude(supervisor__person__user__email__startswith=PROVINCE_PREFIX)
        .select_related("supervisor__person__user", "region")
        .order_by("pk")
    )
    covered = _supervised_stations(assignments)
    points = sorted({point for point, _supervisor in covered})
    if SupervisionSession.objects.filter(service_point_id__in=points).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 (reproducible demo data)
    staff = staff_at(points)
    people = sorted({person for rows in staff.values() for person, *_ in rows})
    attends = {person: rng.uniform(*ATTENDANCE) for person in people}
    cadence = {point: rng.choice(CADENCES) for point in points}
    start, until = today - dt.timedelta(days=365), today + dt.timedelta(days=PLANNED_DAYS)
    plan, city_plan = [], []
    for (point, _supervisor), assignment in sorted(covered.items()):
        visitor = _name(assignment.supervisor.person.user.email) in CITY_VISITORS
        every = CITY_CADENCE if visitor else cadence[point]
        first = start + dt.timedelta(days=rng.randrange(every))
        (city_plan if visitor else plan).extend(
            (point, assignment, day + dt.timedelta(days=rng.randrange(3)))
            for day in _days(first=first, every=every, until=until)
        )
    options = {"staff": staff, "today": today, "rng": rng, "per_session": 6, "attends": attends}
    rows = write_sessions(plan, **options)
    rows += write_sessions(city_plan, durations=CITY_DURATIONS, **options)
    _demo_exceptions(today)
    return rows


def _demo_exceptions(today: dt.date) -> None:
    """One disputed part, one cancelled planned session, one locked past year."""
    recent = Supervisee.objects.filter(
        state=Supervisee.State.CONFIRMED, held_on__gte=today - dt.timedelta(days=60)
    ).order_by("-held_on", "pk")
    part = (
        recent.filter(person__user__email=DISPUTING_WORKER).first()
        or recent.filter(person__user__email__startswith="worker").first()
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
