import datetime as dt
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from core.personal_data import personal_data_rows
from directory import identity, rules
from directory.models import (
    Agency,
    CountyRecognition,
    Person,
    Position,
    Region,
    ServicePoint,
    StarRating,
    VolunteerCount,
    id_number_digest,
    mobile_digest,
)


def service_points_for_user(
    *, user: User, kind: str = "", query: str = "", today: dt.date
) -> QuerySet[ServicePoint]:
    """Service points the user may list, with region, agency and current staff count."""
    points = scope.service_points_visible_to(user, Action.VIEW_DIRECTORY)
    if kind:
        points = points.filter(kind=kind)
    if query:
        points = points.filter(
            Q(name__icontains=query) | Q(code__startswith=query) | Q(region__name__icontains=query)
        )
    current = Q(positions__ends_on__isnull=True) | Q(positions__ends_on__gte=today)
    return (
        points.select_related("region", "agency")
        .annotate(
            staff_count=Count("positions", filter=current & Q(positions__starts_on__lte=today))
        )
        .order_by("code")
    )


def person_of_user(*, user: User) -> Person | None:
    """The person record linked to the signed-in user, or None (anonymous visitors and accounts
    without one, e.g. administrators or trainers). Read once per user object: the related
    object is cached on it, so the pages and the navigation share one query per request."""
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def person_with_active_account(*, mobile: str) -> Person | None:
    """The person holding this mobile number (however it was typed) who has an active account,
    with the account loaded; None when nobody does."""
    return (
        Person.objects.with_mobile(mobile)
        .filter(user__isnull=False, user__is_active=True)
        .select_related("user")
        .first()
    )


def id_number_in_use(*, number: str) -> bool:
    """Whether anyone in the directory (not only in someone's scope) holds this ID number."""
    return Person.objects.with_id_number(number).exists()


def mobile_in_use(*, number: str) -> bool:
    """Whether anyone in the directory (not only in someone's scope) holds this mobile number."""
    return Person.objects.with_mobile(number).exists()


def people_in_any(*, groups: Iterable[QuerySet[Person]]) -> QuerySet[Person]:
    """Everyone in at least one of the person querysets (at least one), each read as a subquery."""
    return Person.objects.filter(reduce(or_, (Q(pk__in=group.values("pk")) for group in groups)))


def people_placed_in(*, region_path: str, starts_on: dt.date, ends_on: dt.date) -> QuerySet[Person]:
    """Everyone who held a position at a point of the region subtree on at least one day between
    two dates (inclusive), with their accounts, by id."""
    placed = Position.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on),
        service_point__region__path__startswith=region_path,
        starts_on__lte=ends_on,
    ).values("person_id")
    return Person.objects.filter(pk__in=placed).select_related("user").order_by("pk")


def people_for_user(*, user: User, query: str = "") -> QuerySet[Person]:
    people = scope.people_visible_to(user, Action.VIEW_DIRECTORY)
    if query:
        people = people.filter(name__icontains=query)
    return people.select_related("region").order_by("name", "pk")


def positions_at(*, service_point: ServicePoint) -> QuerySet[Position]:
    """Everyone who has held a position at the point, current first."""
    return (
        Position.objects.filter(service_point=service_point)
        .select_related("person")
        .order_by(F("ends_on").desc(nulls_first=True), "-starts_on", "pk")
    )


def township_stations(*, region: Region | None = None) -> QuerySet[ServicePoint]:
    """Township (street) stations, in `region`'s subtree when given, by code, with their region."""
    stations = ServicePoint.objects.filter(kind=ServicePoint.Kind.TOWNSHIP_STATION)
    if region is not None:
        stations = stations.filter(region__path__startswith=region.path)
    return stations.select_related("region").order_by("code")


def positions_held_between(
    *, service_point: ServicePoint, starts_on: dt.date, ends_on: dt.date
) -> QuerySet[Position]:
    """Positions at the point held on at least one day between two dates (inclusive)."""
    return Position.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on),
        service_point=service_point,
        starts_on__lte=ends_on,
    )


def staff_changes_between(
    *, service_point: ServicePoint, starts_on: dt.date, ends_on: dt.date
) -> list[dict]:
    """Who started and who ended a position at the point between two dates (inclusive), joiners
    first: `{"name": …, "role": role label, "change": "joined" | "left"}`. Two queries."""
    at_point = Position.objects.filter(service_point=service_point).select_related("person")
    return [
        {"name": position.person.name, "role": position.get_role_display(), "change": change}
        for change, positions in (
            ("joined", at_point.filter(starts_on__gte=starts_on, starts_on__lte=ends_on)),
            ("left", at_point.filter(ends_on__gte=starts_on, ends_on__lte=ends_on)),
        )
        for position in positions
    ]


def positions_of(*, person: Person) -> QuerySet[Position]:
    return Position.objects.filter(person=person).select_related("service_point__region")


def current_positions(
    *,
    on: dt.date,
    region_path: str | None = None,
    service_point_id: int | None = None,
    service_point_ids: Iterable[int] | None = None,
    person: Person | None = None,
) -> QuerySet[Position]:
    """Positions current on `on`: at one service point or several, at every point of a region
    subtree, or of one person. Other apps pass `.values("person_id")` of it as a subquery for
    their totals."""
    positions = Position.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on
    )
    if service_point_id is not None:
        positions = positions.filter(service_point_id=service_point_id)
    if service_point_ids is not None:
        positions = positions.filter(service_point_id__in=service_point_ids)
    if region_path is not None:
        positions = positions.filter(service_point__region__path__startswith=region_path)
    if person is not None:
        positions = positions.filter(person=person)
    return positions


def staff_on(
    *,
    on: dt.date,
    region_path: str | None = None,
    service_point_id: int | None = None,
    service_point_ids: Iterable[int] | None = None,
) -> list[tuple[int, str, int, str, str, bool, bool]]:
    """Each position current on `on` in the scope as (person id, role, service point id,
    service point name, region path, full time, social-work major), by person then position."""
    return list(
        current_positions(
            on=on,
            region_path=region_path,
            service_point_id=service_point_id,
            service_point_ids=service_point_ids,
        )
        .order_by("person_id", "pk")
        .values_list(
            "person_id",
            "role",
            "service_point_id",
            "service_point__name",
            "service_point__region__path",
            "full_time",
            "person__social_work_major",
        )
    )


def service_points_in(
    *,
    region_path: str | None = None,
    service_point_id: int | None = None,
    service_point_ids: Iterable[int] | None = None,
) -> QuerySet[ServicePoint]:
    """One service point, several, or every point of a region subtree."""
    if service_point_id is not None:
        return ServicePoint.objects.filter(pk=service_point_id)
    if service_point_ids is not None:
        return ServicePoint.objects.filter(pk__in=service_point_ids)
    return ServicePoint.objects.filter(region__path__startswith=region_path)


def positions_of_people_on(*, on: dt.date, people) -> list[tuple[int, str, int]]:
    """(person id, role, service point id) of each position of `people` (ids or a subquery)
    current on `on`, wherever it is, by person then position."""
    return list(
        current_positions(on=on)
        .filter(person__in=people)
        .order_by("person_id", "pk")
        .values_list("person_id", "role", "service_point_id")
    )


def service_points_worked_at(*, people: Iterable[int], since: dt.date | None = None) -> QuerySet:
    """The ids of the service points where `people` hold a position that had not ended by
    `since` (any position when None), as a subquery."""
    positions = Position.objects.filter(person__in=people)
    if since is not None:
        positions = positions.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
    return positions.values("service_point_id")


def service_point_codes_in_use(*, codes: Iterable[str]) -> set[str]:
    """Those of `codes` that a service point already has (anywhere, not only in scope)."""
    return set(ServicePoint.objects.filter(code__in=codes).values_list("code", flat=True))


def regions_at(*, paths: list[str] | set[str]) -> QuerySet[Region]:
    """The regions at these paths, by code."""
    return Region.objects.filter(path__in=paths).order_by("code")


def top_regions() -> QuerySet[Region]:
    """The provinces (the roots of the region tree), by code."""
    return Region.objects.filter(depth=1).order_by("code")


def regions_to_depth(*, depth: int) -> QuerySet[Region]:
    """The regions from the provinces (depth 1) down to `depth`, in tree order."""
    return Region.objects.filter(depth__lte=depth).order_by("path")


def region_with_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_with_id(*, region_id: int) -> Region | None:
    return Region.objects.filter(pk=region_id).first()


def names_of(*, people: list[int]) -> dict[int, str]:
    """Person id → name, for people the caller has already scoped."""
    return dict(Person.objects.filter(pk__in=people).values_list("pk", "name"))


def years_of_experience(*, person: Person, today: dt.date) -> float:
    spans = list(positions_of(person=person).values_list("starts_on", "ends_on"))
    return rules.years_of_experience(spans=spans, today=today)


def volunteers_on(*, service_points: QuerySet[ServicePoint], on: dt.date) -> dict[int, int]:
    """Service point id → the volunteers of its newest count on or before `on` (R2); points
    never counted are left out."""
    newest = VolunteerCount.objects.filter(
        service_point=OuterRef("pk"), counted_on__lte=on
    ).order_by("-counted_on")
    return dict(
        service_points.order_by()
        .annotate(volunteers=Subquery(newest.values("count")[:1]))
        .filter(volunteers__isnull=False)
        .values_list("pk", "volunteers")
    )


def regions_at_level(*, region_path: str, level: str) -> QuerySet[Region]:
    """The regions of `level` in the subtree at `region_path` (itself included), by code."""
    return Region.objects.filter(path__startswith=region_path, level=level).order_by("code")


def five_star_points(
    *, region_path: str, kind: str, on: dt.date, prefix_length: int
) -> dict[str, tuple[int, int]]:
    """(five-star, all) service points of `kind` in the subtree at `region_path`, by the first
    `prefix_length` characters of their region's path (the region above them at one level). A
    point is five-star when its newest review on or before `on` gave it five stars (R25); a
    rating without a dated review is not counted."""
    newest = StarRating.objects.filter(service_point=OuterRef("pk"), rated_on__lte=on).order_by(
        "-rated_on"
    )
    rows = (
        ServicePoint.objects.filter(region__path__startswith=region_path, kind=kind)
        .order_by()
        .annotate(
            unit=Substr("region__path", 1, prefix_length),
            stars=Subquery(newest.values("stars")[:1]),
        )
        .values("unit")
        .annotate(points=Count("pk"), five_star=Count("pk", filter=Q(stars=5)))
    )
    return {row["unit"]: (row["five_star"], row["points"]) for row in rows}


def villages_covered(
    *, region_path: str, on: dt.date, prefix_length: int
) -> dict[str, tuple[int, int]]:
    """(covered, all) villages and communities in the subtree at `region_path`, by the first
    `prefix_length` characters of their path: covered when professional social work reaches
    them from `on` or earlier (R25). Only villages entered in the directory are counted."""
    rows = (
        Region.objects.filter(path__startswith=region_path, level=Region.Level.VILLAGE)
        .order_by()
        .annotate(unit=Substr("path", 1, prefix_length))
        .values("unit")
        .annotate(
            villages=Count("pk"),
            covered=Count("coverage", filter=Q(coverage__covered_from__lte=on)),
        )
    )
    return {row["unit"]: (row["covered"], row["villages"]) for row in rows}


def counties_recognised(*, region_path: str, year: int, prefix_length: int) -> dict[str, int]:
    """Counties in the subtree at `region_path` named well-performing counties (工作优良县) in
    `year` or before, by the first `prefix_length` characters of their path (R25)."""
    rows = (
        CountyRecognition.objects.filter(region__path__startswith=region_path, year__lte=year)
        .order_by()
        .annotate(unit=Substr("region__path", 1, prefix_length))
        .values("unit")
        .annotate(counties=Count("region", distinct=True))
    )
    return {row["unit"]: row["counties"] for row in rows}


# The public site (cms): stations and rooms, and the figures of the front page.


def station_count() -> int:
    """How many stations and rooms the directory holds (one query)."""
    return ServicePoint.objects.filter(kind__in=rules.STATION_KINDS).count()


def staff_count(*, on: dt.date) -> int:
    """How many people hold a position at a service point on `on` (one query)."""
    return current_positions(on=on).values("person_id").distinct().count()


def stations_for_site(*, ids: Iterable[int] | None = None) -> QuerySet[ServicePoint]:
    """Stations and rooms (all, or those of `ids` that still are), with their region, by code."""
    stations = ServicePoint.objects.filter(kind__in=rules.STATION_KINDS)
    if ids is not None:
        stations = stations.filter(pk__in=ids)
    return stations.select_related("region").order_by("code")


def region_paths_above(*, path: str) -> list[str]:
    """The paths of a region's ancestors and its own, from the province down."""
    step = Region.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def station_for_site(*, service_point_id: int | None, on: dt.date) -> ServicePoint | None:
    """A station or room with its region, agency and the number of positions current on `on`
    (`staff_count`); None when it is gone or no longer a station (one query)."""
    if service_point_id is None:
        return None
    current = Q(positions__ends_on__isnull=True) | Q(positions__ends_on__gte=on)
    return (
        stations_for_site(ids=[service_point_id])
        .select_related("agency")
        .annotate(staff_count=Count("positions", filter=current & Q(positions__starts_on__lte=on)))
        .first()
    )


def station_summaries(*, ids: Iterable[int]) -> dict[int, ServicePoint]:
    """Service point id → the point (kind, stars, specialty, brand), for a page of a list."""
    return {point.pk: point for point in ServicePoint.objects.filter(pk__in=ids).order_by()}


def places_held(*, people: Iterable[int]) -> dict[int, tuple[set[int], set[int], set[int]]]:
    """Person id → (service point ids, agency ids, county ids) over every position each person
    holds or held, for conflict-of-interest checks (R14). The county is the county-level region
    above the point's region; points above county level count for no county. Two queries."""
    county_depth = 3  # province → city → county
    cut = Region.steplen * county_depth
    rows = Position.objects.filter(person__in=list(people)).values_list(
        "person_id", "service_point_id", "service_point__agency_id", "service_point__region__path"
    )
    found: dict[int, tuple[set[int], set[int], set[str]]] = {}
    for person_id, point_id, agency_id, path in rows:
        points, agencies, county_paths = found.setdefault(person_id, (set(), set(), set()))
        points.add(point_id)
        if agency_id:
            agencies.add(agency_id)
        if len(path) >= cut:
            county_paths.add(path[:cut])
    wanted = {path for _, _, paths in found.values() for path in paths}
    counties = dict(
        Region.objects.filter(path__in=wanted, level=Region.Level.COUNTY).values_list("path", "pk")
    )
    return {
        person_id: (points, agencies, {counties[p] for p in paths if p in counties})
        for person_id, (points, agencies, paths) in found.items()
    }


def current_places(*, person: Person, on: dt.date) -> list[tuple[int, str, str]]:
    """(service point id, region path of the point, position role) of each position `person`
    holds on `on`, oldest first, for eligibility rules."""
    return list(
        current_positions(on=on, person=person)
        .order_by("starts_on", "pk")
        .values_list("service_point_id", "service_point__region__path", "role")
    )


def person_named_with_number(*, name: str, number: str) -> Person | None:
    """The person holding this ID or mobile number (however typed) whose name is exactly `name`;
    None otherwise. The caller names the person, so a match reveals nothing they did not know."""
    name = (name or "").strip()
    if not name or not (number or "").strip():
        return None
    holders = Person.objects.with_id_number(number) | Person.objects.with_mobile(number)
    return holders.filter(name=name).first()


def people_with_ids(*, ids: Iterable[int]) -> QuerySet[Person]:
    """The people with these ids (the caller has already scoped them), with their home region."""
    return Person.objects.filter(pk__in=list(ids)).select_related("region").order_by("pk")


def people_of_users(*, users: QuerySet) -> QuerySet[Person]:
    """The people linked to these accounts, by name."""
    return Person.objects.filter(user__in=users).order_by("name", "pk")


def people_holding_id_numbers(*, numbers: Iterable[str]) -> QuerySet[Person]:
    """Whoever in the directory holds one of the ID numbers (however typed), found by hash."""
    digests = [id_number_digest(n) for n in numbers if identity.normalise_id_number(n)]
    return Person.objects.filter(id_number_hash__in=digests)


def mobile_holders(*, numbers: Iterable[str]) -> dict[str, int]:
    """Mobile digest → the id of the person holding it, for the numbers (however typed)."""
    digests = [mobile_digest(n) for n in numbers if identity.normalise_mobile(n)]
    return dict(Person.objects.filter(mobile_hash__in=digests).values_list("mobile_hash", "pk"))


def hosts_matching(*, query: str, limit: int) -> tuple[list[ServicePoint], list[Agency]]:
    """Stations and agencies whose name or code contains `query` (both are public)."""
    query = query.strip()
    if not query:
        return [], []
    points = ServicePoint.objects.filter(Q(name__icontains=query) | Q(code__icontains=query))
    agencies = Agency.objects.filter(Q(name__icontains=query) | Q(credit_code__icontains=query))
    return (
        list(points.select_related("region").order_by("code")[:limit]),
        list(agencies.order_by("name")[:limit]),
    )


def host_with_code(*, code: str) -> ServicePoint | Agency | None:
    """The station with this code, or else the agency with this credit code (both public)."""
    code = code.strip()
    return (
        ServicePoint.objects.filter(code=code).first()
        or Agency.objects.filter(credit_code=code.upper()).first()
    )


def person_with_id_number(*, number: str) -> Person | None:
    """Whoever holds this ID number (however typed); the caller must not reveal who it is."""
    return Person.objects.with_id_number(number).first()


def personal_data_of(*, person: Person) -> dict[str, list[dict]]:
    """The person's record (full numbers: it is their own copy) and positions."""
    return {
        "人员信息": [
            {
                "姓名": person.name,
                "性别": person.get_gender_display(),
                "出生日期": person.born_on.isoformat(),
                "身份证号": person.id_number,
                "手机号": person.mobile,
                "学历": person.get_education_display(),
                "社会工作专业": person.social_work_major,
            }
        ],
        "任职经历": personal_data_rows(
            person.positions.order_by("starts_on"),
            {
                "service_point__name": "服务站点",
                "role": "岗位",
                "full_time": "专职",
                "starts_on": "开始日期",
                "ends_on": "结束日期",
            },
        ),
    }


def people_past_retention(*, cutoff: dt.date) -> QuerySet[Person]:
    """People not yet anonymised, with at least one position and every position ended before
    `cutoff`, and no active account."""
    still_held = Position.objects.filter(person=OuterRef("pk")).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=cutoff)
    )
    return (
        Person.objects.filter(anonymised_at__isnull=True, positions__isnull=False)
        .exclude(Exists(still_held))
        .exclude(user__is_active=True)
        .distinct()
        .order_by("pk")
    )
