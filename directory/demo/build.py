"""Write a demo `Plan` to the database, skipping rows whose natural key already exists.

Natural keys: region code, agency credit code, university name, service point code, user e-mail,
person ID-number hash; a star rating or volunteer count by station and date, coverage by village,
a recognition by county and year. Positions are written for newly created people only, grants
when the same (user, role, scope) is missing. Bulk inserts go in batches inside one transaction
per plan.

Regions are a treebeard materialised path: a new region under an existing one goes through
treebeard (`add_root`/`add_child`, which keeps siblings in code order); regions under new regions
get their paths computed here and are bulk-inserted.
"""

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from accounts.models import RoleGrant, User
from directory.demo.plan import Plan, RegionRow
from directory.models import (
    Agency,
    CountyRecognition,
    Coverage,
    Person,
    Position,
    Region,
    ServicePoint,
    StarRating,
    University,
    VolunteerCount,
    id_number_digest,
)

BATCH = 2000


@dataclass
class Figures:
    """Seconds and rows created per phase, for the command to print."""

    phases: list[tuple[str, float, int]] = field(default_factory=list)

    def run(self, name: str, step, *args) -> int:
        started = time.perf_counter()
        rows = step(*args)
        self.add(name, time.perf_counter() - started, rows)
        return rows

    def add(self, name: str, seconds: float, rows: int) -> None:
        self.phases.append((name, seconds, rows))


def plan_write(plan: Plan, *, password: str, figures: Figures, label: str = "") -> None:
    """Create whatever of `plan` is missing; all or nothing."""
    prefix = f"{label}: " if label else ""
    with transaction.atomic():
        figures.run(prefix + "regions", regions_write, plan.regions)
        region_ids = _ids(Region, "code", {r.code for r in plan.regions})
        figures.run(prefix + "agencies", agencies_write, plan, region_ids)
        figures.run(prefix + "universities", universities_write, plan, region_ids)
        figures.run(prefix + "service points", stations_write, plan, region_ids)
        figures.run(prefix + "accounts", accounts_write, plan, password)
        created: dict[str, int] = {}
        figures.run(prefix + "people", people_write, plan, region_ids, created)
        figures.run(prefix + "positions", positions_write, plan, created)
        figures.run(prefix + "role grants", grants_write, plan, region_ids)
        figures.run(prefix + "star ratings", star_ratings_write, plan)
        figures.run(prefix + "coverage", coverage_write, plan, region_ids)
        figures.run(prefix + "recognitions", recognitions_write, plan, region_ids)
        figures.run(prefix + "volunteer counts", volunteer_counts_write, plan)


def _chunks(values: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _ids(model: type[models.Model], key: str, values: Iterable) -> dict:
    """{natural key: pk} for the given keys that exist."""
    found = {}
    for chunk in _chunks(sorted(set(values))):
        found.update(model.objects.filter(**{f"{key}__in": chunk}).values_list(key, "pk"))
    return found


def regions_write(rows: list[RegionRow]) -> int:
    existing = _ids(Region, "code", (r.code for r in rows))
    new = [r for r in rows if r.code not in existing]
    new_codes = {r.code for r in new}
    # Under an existing parent, or a root: through treebeard, which keeps code order.
    through_api = sorted(r.code for r in new if r.parent_code not in new_codes)
    by_code = {r.code: r for r in new}
    for code in through_api:
        row = by_code[code]
        node = Region(name=row.name, code=row.code, level=row.level)
        if row.parent_code is None:
            Region.add_root(instance=node)
        else:
            Region.objects.get(code=row.parent_code).add_child(instance=node)
    # Under a new parent: paths computed here, siblings numbered in code order.
    children: dict[str, list[RegionRow]] = defaultdict(list)
    for row in new:
        if row.parent_code in new_codes:
            children[row.parent_code].append(row)
    paths = {}
    for chunk in _chunks(through_api):
        paths.update(Region.objects.filter(code__in=chunk).values_list("code", "path"))
    bulk = []
    queue = [code for code in through_api if code in children]
    for code in queue:  # the API-made parents start with numchild 0
        Region.objects.filter(code=code).update(numchild=len(children[code]))
    while queue:
        parent = queue.pop()
        depth = len(paths[parent]) // Region.steplen + 1
        for step, row in enumerate(sorted(children[parent], key=lambda r: r.code), start=1):
            paths[row.code] = Region._get_path(paths[parent], depth, step)
            bulk.append(
                Region(
                    name=row.name,
                    code=row.code,
                    level=row.level,
                    path=paths[row.code],
                    depth=depth,
                    numchild=len(children.get(row.code, ())),
                )
            )
            if row.code in children:
                queue.append(row.code)
    Region.objects.bulk_create(bulk, batch_size=BATCH)
    return len(new)


def agencies_write(plan: Plan, region_ids: dict[str, int]) -> int:
    existing = _ids(Agency, "credit_code", (a.credit_code for a in plan.agencies))
    new = [
        Agency(
            credit_code=a.credit_code,
            name=a.name,
            rating=a.rating,
            region_id=region_ids[a.region_code],
        )
        for a in plan.agencies
        if a.credit_code not in existing
    ]
    Agency.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def universities_write(plan: Plan, region_ids: dict[str, int]) -> int:
    existing = _ids(University, "name", (u.name for u in plan.universities))
    new = [
        University(name=u.name, region_id=region_ids[u.region_code])
        for u in plan.universities
        if u.name not in existing
    ]
    University.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def stations_write(plan: Plan, region_ids: dict[str, int]) -> int:
    existing = _ids(ServicePoint, "code", (s.code for s in plan.stations))
    agency_ids = _ids(
        Agency, "credit_code", (s.agency_code for s in plan.stations if s.agency_code)
    )
    new = [
        ServicePoint(
            code=s.code,
            name=s.name,
            kind=s.kind,
            region_id=region_ids[s.region_code],
            star_rating=s.star_rating,
            is_demonstration=s.is_demonstration,
            specialty=s.specialty,
            brand_name=s.brand_name,
            agency_id=agency_ids[s.agency_code] if s.agency_code else None,
            area_m2=s.area_m2,
            contract_starts_on=s.contract_starts_on,
            contract_ends_on=s.contract_ends_on,
            address=s.address,
        )
        for s in plan.stations
        if s.code not in existing
    ]
    ServicePoint.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def accounts_write(plan: Plan, password: str) -> int:
    existing = _ids(User, "email", (a.email for a in plan.accounts))
    missing = [a for a in plan.accounts if a.email not in existing]
    if not missing:
        return 0
    hashed = make_password(password)  # hashed once: a slow hasher would take minutes
    User.objects.bulk_create(
        [
            User(
                email=a.email,
                last_name=a.name,
                password=hashed,
                is_staff=a.superuser,
                is_superuser=a.superuser,
            )
            for a in missing
        ],
        batch_size=BATCH,
    )
    return len(missing)


def people_write(plan: Plan, region_ids: dict[str, int], created: dict[str, int]) -> int:
    """Create missing people; fill `created` with {ID number: pk} of those created."""
    hashes = {id_number_digest(p.id_number): p for p in plan.people}
    existing = _ids(Person, "id_number_hash", hashes)
    user_ids = _ids(User, "email", (p.email for p in plan.people if p.email))
    new = [
        Person(
            name=p.name,
            gender=p.gender,
            born_on=p.born_on,
            id_number=p.id_number,
            mobile=p.mobile,
            education=p.education,
            social_work_major=p.social_work_major,
            region_id=region_ids[p.region_code],
            user_id=user_ids.get(p.email),
        )
        for digest, p in hashes.items()
        if digest not in existing
    ]
    Person.objects.bulk_create(new, batch_size=BATCH)
    created.update((person.id_number, person.pk) for person in new)
    return len(new)


def positions_write(plan: Plan, created: dict[str, int]) -> int:
    rows = [p for p in plan.positions if p.id_number in created]
    station_ids = _ids(ServicePoint, "code", (p.station_code for p in rows))
    Position.objects.bulk_create(
        [
            Position(
                person_id=created[p.id_number],
                service_point_id=station_ids[p.station_code],
                role=p.role,
                full_time=p.full_time,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
            )
            for p in rows
        ],
        batch_size=BATCH,
    )
    return len(rows)


def grants_write(plan: Plan, region_ids: dict[str, int]) -> int:
    user_ids = _ids(User, "email", (g.email for g in plan.grants))
    station_ids = _ids(
        ServicePoint, "code", (g.station_code for g in plan.grants if g.station_code)
    )
    university_ids = _ids(University, "name", (g.university for g in plan.grants if g.university))
    existing = set(
        RoleGrant.objects.filter(user_id__in=user_ids.values()).values_list(
            "user_id", "role", "region_id", "service_point_id", "university_id"
        )
    )
    new = []
    for g in plan.grants:
        key = (
            user_ids[g.email],
            g.role,
            region_ids.get(g.region_code),
            station_ids.get(g.station_code),
            university_ids.get(g.university),
        )
        if key not in existing:
            existing.add(key)
            new.append(RoleGrant(**dict(zip(GRANT_FIELDS, key, strict=True))))
    RoleGrant.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


GRANT_FIELDS = ("user_id", "role", "region_id", "service_point_id", "university_id")


def star_ratings_write(plan: Plan) -> int:
    station_ids = _ids(ServicePoint, "code", (r.station_code for r in plan.star_ratings))
    existing = set(
        StarRating.objects.filter(service_point_id__in=station_ids.values()).values_list(
            "service_point_id", "rated_on"
        )
    )
    new = [
        StarRating(
            service_point_id=station_ids[r.station_code],
            stars=r.stars,
            rated_on=r.rated_on,
            guide=r.guide,
        )
        for r in plan.star_ratings
        if (station_ids[r.station_code], r.rated_on) not in existing
    ]
    StarRating.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def coverage_write(plan: Plan, region_ids: dict[str, int]) -> int:
    station_ids = _ids(ServicePoint, "code", (c.station_code for c in plan.coverage))
    existing = set(
        Coverage.objects.filter(
            region_id__in=[region_ids[c.region_code] for c in plan.coverage]
        ).values_list("region_id", flat=True)
    )
    new = [
        Coverage(
            region_id=region_ids[c.region_code],
            service_point_id=station_ids[c.station_code],
            covered_from=c.covered_from,
        )
        for c in plan.coverage
        if region_ids[c.region_code] not in existing
    ]
    Coverage.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def recognitions_write(plan: Plan, region_ids: dict[str, int]) -> int:
    existing = set(
        CountyRecognition.objects.filter(
            region_id__in=[region_ids[r.region_code] for r in plan.recognitions]
        ).values_list("region_id", "year")
    )
    new = [
        CountyRecognition(region_id=region_ids[r.region_code], year=r.year)
        for r in plan.recognitions
        if (region_ids[r.region_code], r.year) not in existing
    ]
    CountyRecognition.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


def volunteer_counts_write(plan: Plan) -> int:
    station_ids = _ids(ServicePoint, "code", (v.station_code for v in plan.volunteer_counts))
    existing = set(
        VolunteerCount.objects.filter(service_point_id__in=station_ids.values()).values_list(
            "service_point_id", "counted_on"
        )
    )
    new = [
        VolunteerCount(
            service_point_id=station_ids[v.station_code], count=v.count, counted_on=v.counted_on
        )
        for v in plan.volunteer_counts
        if (station_ids[v.station_code], v.counted_on) not in existing
    ]
    VolunteerCount.objects.bulk_create(new, batch_size=BATCH)
    return len(new)
