"""Province scale: a circuit supervisor per four Hunan township stations without one, and two
sessions a week at each for a year (at least 200,000 sessions)."""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Q

from accounts.models import RoleGrant, User
from accounts.roles import Role
from directory.demo.people import PeopleMaker
from directory.models import Person, Region, ServicePoint, id_number_digest
from supervision.demo.sessions import (
    BATCH,
    SEED,
    TERM_ENDS_ON,
    TERM_STARTS_ON,
    staff_at,
    write_sessions,
)
from supervision.models import (
    Assignment,
    CommitteeLevel,
    GradeChange,
    SupervisionSession,
    SupervisorGrade,
    SupervisorProfile,
)

PROVINCE_PREFIX = "supervisor.hn"

HUNAN = "43"  # province code prefix

PROVINCE_STATIONS_EACH = 4

PROVINCE_SESSIONS_A_YEAR = 104  # two a week


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


def province_supervisors(grades: list[SupervisorGrade]) -> int:
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
            if id_number_digest(row.id_number) not in taken:
                taken.add(id_number_digest(row.id_number))
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


def province_sessions(today: dt.date) -> int:
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

    rows = write_sessions(plan(), staff=staff_at(points), today=today, rng=rng, per_session=3)
    if connection.vendor == "postgresql":  # fresh statistics, or the planner guesses badly
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE supervision_supervisionsession, supervision_supervisee, "
                "supervision_supervisionsession_supervisors"
            )
    return rows
